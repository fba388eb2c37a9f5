import JPEG2000
import Testing

/// Checks the coding style (COD) marker OpenJPEG wrote: what MOSIP's ISO checker reads to tell lossless from
/// lossy JPEG 2000.
@Suite struct JPEG2000CodestreamTests {
    /// COD marker segment fields (ISO/IEC 15444-1 A.6.1), read from the main header.
    struct CodingStyle {
        let layers: Int
        let multipleComponentTransform: Int
        let decompositionLevels: Int
        let codeBlockWidth: Int
        let codeBlockHeight: Int
        let reversible: Bool

        init?(_ bytes: [UInt8]) {
            guard let at = bytes.indices.dropLast(14).first(where: { bytes[$0] == 0xFF && bytes[$0 + 1] == 0x52 })
            else { return nil }
            layers = Int(bytes[at + 6]) << 8 | Int(bytes[at + 7])
            multipleComponentTransform = Int(bytes[at + 8])
            decompositionLevels = Int(bytes[at + 9])
            codeBlockWidth = 1 << (Int(bytes[at + 10]) + 2)
            codeBlockHeight = 1 << (Int(bytes[at + 11]) + 2)
            reversible = bytes[at + 13] == 1
        }
    }

    @Test func losslessUsesReversible53WithOneLayerAnd64x64CodeBlocks() throws {
        let image = try TestImages.noise(width: 300, height: 200)
        let style = try #require(CodingStyle(try JPEG2000.encode(image, parameters: EncodingParameters(format: .j2k))))
        #expect(style.reversible)
        #expect(style.layers == 1)
        #expect(style.decompositionLevels == 5)  // 6 resolutions
        #expect(style.codeBlockWidth == 64 && style.codeBlockHeight == 64)
        #expect(style.multipleComponentTransform == 0)
    }

    @Test func lossyUsesIrreversible97() throws {
        let image = try TestImages.gradient(width: 300, height: 200, components: 3)
        let encoded = try JPEG2000.encode(
            image, parameters: EncodingParameters(mode: .lossy(compressionRatio: 10), format: .jp2))
        let style = try #require(CodingStyle(encoded))
        #expect(!style.reversible)
        #expect(style.multipleComponentTransform == 1)
    }

    @Test func decompositionLevelsFollowTheClamp() throws {
        let image = try TestImages.noise(width: 5, height: 40)
        let style = try #require(CodingStyle(try JPEG2000.encode(image, parameters: EncodingParameters(format: .j2k))))
        #expect(style.decompositionLevels == 2)  // 5 px → at most 3 resolutions
    }

    @Test func imageDescriptionCarriesNoSamples() throws {
        #expect(String(describing: try TestImages.noise(width: 3, height: 2)) == "Image(3x2, 1 component(s))")
    }
}

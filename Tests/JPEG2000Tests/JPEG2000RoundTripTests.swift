import JPEG2000
import Testing

@Suite struct JPEG2000RoundTripTests {
    static let losslessImages: [(String, Int, Int, Int, Bool)] = [
        ("gray gradient 257x311", 257, 311, 1, false),
        ("gray noise 257x311", 257, 311, 1, true),
        ("gray noise 311x257", 311, 257, 1, true),
        ("rgb noise 67x45", 67, 45, 3, true),
        ("rgb gradient 128x96", 128, 96, 3, false),
        ("gray noise 1x1", 1, 1, 1, true),
        ("rgb noise 1x1", 1, 1, 3, true),
        ("gray noise 1x300", 1, 300, 1, true),
        ("gray noise 3x2", 3, 2, 1, true),
    ]

    @Test(arguments: losslessImages, [EncodingParameters.Format.jp2, .j2k])
    func losslessRoundTripIsBitExact(_ sample: (String, Int, Int, Int, Bool), format: EncodingParameters.Format) throws {
        let (_, width, height, components, noisy) = sample
        let image = noisy
            ? try TestImages.noise(width: width, height: height, components: components)
            : try TestImages.gradient(width: width, height: height, components: components)
        let encoded = try JPEG2000.encode(image, parameters: EncodingParameters(mode: .lossless, format: format))
        let decoded = try JPEG2000.decode(encoded)
        #expect(decoded.width == width)
        #expect(decoded.height == height)
        #expect(decoded.components == components)
        #expect(decoded.pixels == image.pixels)
    }

    @Test func lossyAtRatio10IsCloseAndSmallerThanLossless() throws {
        let image = try TestImages.ridges(width: 256, height: 200)
        let lossless = try JPEG2000.encode(image, parameters: EncodingParameters(mode: .lossless))
        let lossy = try JPEG2000.encode(image, parameters: EncodingParameters(mode: .lossy(compressionRatio: 10)))
        let decoded = try JPEG2000.decode(lossy)
        #expect(decoded.width == image.width)
        #expect(decoded.height == image.height)
        #expect(decoded.components == 1)
        #expect(lossy.count < lossless.count)
        #expect(lossy.count <= image.pixels.count / 10 + 512)
        #expect(TestImages.meanAbsoluteError(image, decoded) < 2.0)
    }

    @Test func lossyRGBKeepsDimensions() throws {
        let image = try TestImages.gradient(width: 120, height: 160, components: 3)
        let lossy = try JPEG2000.encode(image, parameters: EncodingParameters(mode: .lossy(compressionRatio: 15)))
        let decoded = try JPEG2000.decode(lossy)
        #expect(decoded.width == 120 && decoded.height == 160 && decoded.components == 3)
        #expect(TestImages.meanAbsoluteError(image, decoded) < 4.0)
    }

    @Test func jp2StartsWithSignatureBox() throws {
        let encoded = try JPEG2000.encode(try TestImages.noise(width: 33, height: 17), parameters: EncodingParameters())
        #expect(Array(encoded.prefix(12)) == [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A])
    }

    @Test func codestreamStartsWithSOCAndSIZAndEndsWithEOC() throws {
        let encoded = try JPEG2000.encode(
            try TestImages.noise(width: 33, height: 17), parameters: EncodingParameters(format: .j2k))
        #expect(Array(encoded.prefix(4)) == [0xFF, 0x4F, 0xFF, 0x51])
        #expect(Array(encoded.suffix(2)) == [0xFF, 0xD9])
    }

    @Test func resolutionsAreClampedForSmallImages() throws {
        let parameters = EncodingParameters(resolutions: 6)
        #expect(parameters.effectiveResolutions(width: 1, height: 1) == 1)
        #expect(parameters.effectiveResolutions(width: 500, height: 3) == 2)
        #expect(parameters.effectiveResolutions(width: 16, height: 31) == 5)
        #expect(parameters.effectiveResolutions(width: 32, height: 32) == 6)
        #expect(parameters.effectiveResolutions(width: 500, height: 500) == 6)
        let image = try TestImages.noise(width: 2, height: 9)
        let decoded = try JPEG2000.decode(
            try JPEG2000.encode(image, parameters: EncodingParameters(resolutions: 33)))
        #expect(decoded == image)
    }
}

import JPEG2000
import Testing

@Suite struct JPEG2000RejectionTests {
    static func sample(_ format: EncodingParameters.Format) throws -> [UInt8] {
        try JPEG2000.encode(try TestImages.noise(width: 97, height: 61), parameters: EncodingParameters(format: format))
    }

    @Test(arguments: [EncodingParameters.Format.jp2, .j2k])
    func everyTruncationIsRejected(_ format: EncodingParameters.Format) throws {
        let encoded = try Self.sample(format)
        #expect(try JPEG2000.decode(encoded).width == 97)
        // Drip-feed: every prefix of the first 300 bytes (headers), then every 7th length up to the full size.
        let lengths = Array(0..<min(300, encoded.count)) + Array(stride(from: 300, to: encoded.count, by: 7))
        for length in lengths {
            #expect(throws: JPEG2000Error.self, "prefix of \(length) bytes") {
                try JPEG2000.decode(Array(encoded.prefix(length)))
            }
        }
    }

    @Test func garbageIsRejected() throws {
        var state: UInt64 = 42
        func garbage(_ count: Int) -> [UInt8] {
            (0..<count).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1
                return UInt8(truncatingIfNeeded: state >> 56)
            }
        }
        #expect(throws: JPEG2000Error(.unrecognizedFormat, reason: "")) { try JPEG2000.decode([]) }
        #expect(throws: JPEG2000Error(.unrecognizedFormat, reason: "")) { try JPEG2000.decode(garbage(1000)) }
        let jp2Signature: [UInt8] = [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A]
        for size in [0, 1, 8, 100, 5000] {
            #expect(throws: JPEG2000Error(.decodingFailed, reason: "")) { try JPEG2000.decode(jp2Signature + garbage(size)) }
            #expect(throws: JPEG2000Error.self) { try JPEG2000.decode([0xFF, 0x4F, 0xFF, 0x51] + garbage(size)) }
        }
    }

    @Test func corruptedBodyIsRejectedOrDecodedWithoutCrashing() throws {
        let encoded = try Self.sample(.j2k)
        // Flipping bytes in the entropy-coded data may or may not be detected; it must never crash, and what does
        // decode must be a consistent image (as many samples as its geometry says).
        var rejected = 0
        for offset in stride(from: 0, to: encoded.count, by: 37) {
            var corrupted = encoded
            corrupted[offset] ^= 0x5A
            do {
                let image = try JPEG2000.decode(corrupted)
                #expect(image.pixels.count == image.width * image.height * image.components, "offset \(offset)")
            } catch {
                rejected += 1
            }
        }
        #expect(rejected > 0)  // offset 0 breaks the SOC marker
    }

    @Test func invalidImagesAreRejected() {
        #expect(throws: JPEG2000Error(.invalidImage, reason: "")) {
            try Image(width: 0, height: 1, components: 1, pixels: [])
        }
        #expect(throws: JPEG2000Error(.invalidImage, reason: "")) {
            try Image(width: 2, height: 2, components: 1, pixels: [1, 2, 3])
        }
        #expect(throws: JPEG2000Error(.invalidImage, reason: "")) {
            try Image(width: 1, height: 1, components: 4, pixels: [1, 2, 3, 4])
        }
    }

    @Test func invalidParametersAreRejected() throws {
        let image = try TestImages.noise(width: 8, height: 8)
        for parameters in [
            EncodingParameters(resolutions: 0),
            EncodingParameters(resolutions: 34),
            EncodingParameters(mode: .lossy(compressionRatio: 0.5)),
            EncodingParameters(mode: .lossy(compressionRatio: .nan)),
            EncodingParameters(mode: .lossy(compressionRatio: .infinity)),
        ] {
            #expect(throws: JPEG2000Error(.invalidParameters, reason: "")) {
                try JPEG2000.encode(image, parameters: parameters)
            }
        }
    }

    @Test func errorDescriptionsCarryNoSampleData() throws {
        let truncated = Array(try Self.sample(.jp2).prefix(200))
        do {
            _ = try JPEG2000.decode(truncated)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .decodingFailed)
            #expect(String(describing: error).count < 400)
        }
    }
}

import Foundation
import ISORecords
import JPEG2000
import Testing

/// ISO records carrying real JPEG 2000 images from the JPEG2000 module.
@Suite struct RecordsWithJPEG2000Tests {
    static func ridges(width: Int, height: Int, components: Int = 1) throws -> Image {
        var pixels = [UInt8]()
        pixels.reserveCapacity(width * height * components)
        for y in 0..<height {
            for x in 0..<width {
                let value = 127.5 + 110 * sin(Double(x) * 0.6 + sin(Double(y) * 0.05) * 4 + Double(y) * 0.1)
                for c in 0..<components { pixels.append(UInt8(truncatingIfNeeded: Int(value) + c * 20)) }
            }
        }
        return try Image(width: width, height: height, components: components, pixels: pixels)
    }

    @Test func registrationFingerCarriesLosslessImageBackToIdenticalPixels() throws {
        let image = try Self.ridges(width: 280, height: 448)
        let jp2 = try JPEG2000.encode(image, parameters: EncodingParameters(mode: .lossless))
        let record = try Fixtures.finger(registration: true, image: jp2, width: image.width, height: image.height)
        let decoded = try FingerImageRecord(decoding: record.encode())
        #expect(decoded == record)
        #expect(decoded.compression == .jpeg2000Lossless)
        let pixels = try JPEG2000.decode(decoded.imageData)
        #expect(pixels == image)
        #expect(pixels.width == decoded.width && pixels.height == decoded.height)
    }

    @Test func registrationIrisCarriesLosslessImage() throws {
        let image = try Self.ridges(width: 391, height: 293)
        let jp2 = try JPEG2000.encode(image, parameters: EncodingParameters(mode: .lossless))
        let record = try Fixtures.iris(registration: true, image: jp2, width: image.width, height: image.height)
        let bytes = record.encode()
        #expect(Array(bytes[73..<85]) == Fixtures.jp2Signature)
        #expect(try JPEG2000.decode(IrisImageRecord(decoding: bytes).imageData) == image)
    }

    @Test func authFaceCarriesLossyRGBImage() throws {
        let image = try Self.ridges(width: 240, height: 320, components: 3)
        let jp2 = try JPEG2000.encode(image, parameters: EncodingParameters(mode: .lossy(compressionRatio: 10)))
        let record = try Fixtures.face(registration: false, image: jp2, width: image.width, height: image.height)
        let decoded = try JPEG2000.decode(FaceImageRecord(decoding: record.encode()).imageData)
        #expect(decoded.width == 240 && decoded.height == 320 && decoded.components == 3)
    }
}

import Imaging
import Preview
import Testing

@Suite struct JPEGEncoderTests {
    @Test(arguments: [1, 3])
    func roundTripKeepsDimensionsAndIsClose(channels: Int) throws {
        let raster = try TestRasters.gradient(width: 157, height: 93, channels: channels)
        let jpeg = try JPEGEncoder.encode(raster, quality: 90)
        let decoded = try JPEGEncoder.decode(jpeg)
        #expect(decoded.width == 157)
        #expect(decoded.height == 93)
        #expect(decoded.channels == channels)
        #expect(TestRasters.meanAbsoluteError(raster, decoded) < 3)
    }

    @Test(arguments: [1, 3])
    func outputIsDelimitedBySOIAndEOI(channels: Int) throws {
        for quality in [1, 50, 100] {
            let jpeg = try JPEGEncoder.encode(try TestRasters.gradient(width: 33, height: 17, channels: channels),
                                              quality: quality)
            #expect(jpeg.prefix(2) == [0xFF, 0xD8])
            #expect(jpeg.suffix(2) == [0xFF, 0xD9])
        }
    }

    @Test func tinyImagesEncode() throws {
        for channels in [1, 3] {
            let decoded = try JPEGEncoder.decode(try JPEGEncoder.encode(try TestRasters.uniform(
                width: 1, height: 1, channels: channels, value: 77)))
            #expect(decoded.width == 1 && decoded.height == 1)
            #expect(decoded.pixels.allSatisfy { abs(Int($0) - 77) <= 2 })
        }
    }

    @Test func qualityOutsideRangeThrows() throws {
        let raster = try TestRasters.gradient(width: 16, height: 16, channels: 3)
        for quality in [0, -5, 101, Int.max] {
            #expect(throws: JPEGError(.invalidQuality, reason: "")) { try JPEGEncoder.encode(raster, quality: quality) }
        }
    }

    @Test func inconsistentRasterThrows() throws {
        var raster = try TestRasters.gradient(width: 16, height: 16, channels: 3)
        raster.pixels.removeLast()
        #expect(throws: JPEGError(.invalidRaster, reason: "")) { try JPEGEncoder.encode(raster) }
        raster.pixels = []
        #expect(throws: JPEGError(.invalidRaster, reason: "")) { try JPEGEncoder.encode(raster) }
        let tooWide = Raster(grayWidth: 70_000, height: 1)
        #expect(throws: JPEGError(.invalidRaster, reason: "")) { try JPEGEncoder.encode(tooWide) }
    }

    @Test func garbageIsRejectedWithoutCrashing() throws {
        var state: UInt64 = 7
        func garbage(_ count: Int) -> [UInt8] {
            (0..<count).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1
                return UInt8(truncatingIfNeeded: state >> 56)
            }
        }
        #expect(throws: JPEGError(.decodingFailed, reason: "")) { try JPEGEncoder.decode([]) }
        #expect(throws: JPEGError(.decodingFailed, reason: "")) { try JPEGEncoder.decode(garbage(1000)) }
        for size in [0, 1, 10, 500] {
            #expect(throws: JPEGError.self) { try JPEGEncoder.decode([0xFF, 0xD8] + garbage(size)) }
        }
    }

    @Test func truncatedAndCorruptedDataNeverCrash() throws {
        let jpeg = try JPEGEncoder.encode(try TestRasters.gradient(width: 64, height: 48, channels: 3))
        for length in stride(from: 0, to: jpeg.count - 2, by: 11) {
            #expect(throws: JPEGError.self, "prefix of \(length) bytes") {
                try JPEGEncoder.decode(Array(jpeg.prefix(length)))
            }
        }
        for offset in stride(from: 0, to: jpeg.count, by: 13) {
            var corrupted = jpeg
            corrupted[offset] ^= 0x5A
            _ = try? JPEGEncoder.decode(corrupted)
        }
    }
}

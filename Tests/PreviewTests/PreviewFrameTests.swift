import Imaging
import Preview
import Testing

@Suite struct PreviewFrameTests {
    static let red: [UInt8] = [230, 0, 0]

    @Test func grayBaseBecomesRGB() throws {
        let frame = PreviewFrame(base: try TestRasters.uniform(width: 10, height: 8, channels: 1, value: 90))
        #expect(frame.raster.channels == 3)
        #expect(frame.raster.pixels.allSatisfy { $0 == 90 })
    }

    @Test func boxColoursEdgesAndLeavesInsideUntouched() throws {
        var frame = PreviewFrame(base: try TestRasters.uniform(width: 100, height: 80, channels: 1, value: 128))
        frame.drawBox(PixelRect(x: 20, y: 10, width: 40, height: 30), color: .red, thickness: 3)
        let out = frame.raster
        for (x, y) in [(20, 10), (59, 10), (20, 39), (59, 39), (40, 12), (22, 25), (57, 25), (40, 37)] {
            #expect(TestRasters.rgb(out, x, y) == Self.red, "edge pixel (\(x), \(y))")
        }
        let inside = PixelRect(x: 23, y: 13, width: 34, height: 24)
        #expect(TestRasters.count(of: [128, 128, 128], in: out, rect: inside) == inside.area)
        for (x, y) in [(19, 25), (60, 25), (40, 9), (40, 40)] {
            #expect(TestRasters.rgb(out, x, y) == [128, 128, 128], "outside pixel (\(x), \(y))")
        }
    }

    @Test func boxesAreClippedToTheImage() throws {
        var frame = PreviewFrame(base: try TestRasters.uniform(width: 30, height: 20, channels: 3, value: 50))
        frame.drawBox(PixelRect(x: -10, y: -10, width: 25, height: 25), color: .green)
        frame.drawBox(PixelRect(x: 25, y: 15, width: 1000, height: 1000), color: .amber, thickness: 100)
        frame.drawBox(PixelRect(x: Int.max - 5, y: Int.min, width: Int.max, height: 5), color: .red)
        frame.drawBox(PixelRect(x: 5, y: 5, width: -3, height: 4), color: .red)
        let out = frame.raster
        #expect(out.width == 30 && out.height == 20)
        #expect(TestRasters.rgb(out, 14, 5) == [0, 200, 0])
        #expect(TestRasters.rgb(out, 29, 19) == [255, 176, 0])
        #expect(TestRasters.rgb(out, 5, 5) == [50, 50, 50])
    }

    @Test func scaleDownFitsAndKeepsAspectRatio() throws {
        var frame = PreviewFrame(base: try TestRasters.gradient(width: 1600, height: 1000, channels: 1))
        frame.scaleDown(toFit: 800, maxHeight: 800)
        #expect(frame.width == 800 && frame.height == 500)
        #expect(frame.scaleX == 0.5 && frame.scaleY == 0.5)
        frame.scaleDown(toFit: 1000, maxHeight: 1000)
        #expect(frame.width == 800, "never enlarges")
        var tall = PreviewFrame(base: try TestRasters.gradient(width: 480, height: 640, channels: 3))
        tall.scaleDown(toFit: 800, maxHeight: 320)
        #expect(tall.raster.width == 240 && tall.raster.height == 320)
    }

    @Test func boxFilterAveragesBlocks() throws {
        // 4×2 gray: left 2×2 block 0/100, right block all 200 → 2×1 output of 50 and 200.
        let base = try Raster(width: 4, height: 2, channels: 1, pixels: [0, 100, 200, 200, 100, 0, 200, 200])
        var frame = PreviewFrame(base: base)
        frame.scaleDown(toFit: 2, maxHeight: 10)
        #expect(frame.raster.pixels == [50, 50, 50, 200, 200, 200])
    }

    @Test func boxAfterScaleDownLandsAtScaledPlace() throws {
        var frame = PreviewFrame(base: try TestRasters.uniform(width: 1600, height: 1000, channels: 1, value: 128))
        frame.scaleDown(toFit: 800, maxHeight: 800)
        frame.drawBox(PixelRect(x: 200, y: 100, width: 400, height: 300), color: .red, thickness: 2)
        let out = frame.raster
        // Source (200, 100)…(600, 400) → output (100, 50)…(300, 200).
        for (x, y) in [(100, 50), (299, 50), (100, 199), (299, 199), (200, 51), (101, 120), (298, 120)] {
            #expect(TestRasters.rgb(out, x, y) == Self.red, "edge pixel (\(x), \(y))")
        }
        for (x, y) in [(99, 120), (300, 120), (200, 49), (200, 200), (200, 120), (102, 52)] {
            #expect(TestRasters.rgb(out, x, y) == [128, 128, 128], "pixel (\(x), \(y))")
        }
    }

    @Test func annotatedFrameEncodes() throws {
        var frame = PreviewFrame(base: try TestRasters.gradient(width: 640, height: 480, channels: 1))
        frame.scaleDown(toFit: 320, maxHeight: 320)
        frame.drawBox(PixelRect(x: 100, y: 100, width: 200, height: 150), color: .green)
        frame.drawBanner("Quality 64.2 / 60  frame 12", color: .white)
        let jpeg = try JPEGEncoder.encode(frame.raster, quality: 75)
        let decoded = try JPEGEncoder.decode(jpeg)
        #expect(decoded.width == 320 && decoded.height == 240 && decoded.channels == 3)
    }

    @Test func inconsistentBaseDoesNotCrash() throws {
        var base = try TestRasters.uniform(width: 10, height: 10, channels: 3, value: 9)
        base.pixels.removeLast(7)
        var frame = PreviewFrame(base: base)
        frame.drawBox(PixelRect(x: 0, y: 0, width: 10, height: 10), color: .red)
        #expect(frame.raster.pixels.count == 300)
        _ = try JPEGEncoder.encode(frame.raster)
    }
}

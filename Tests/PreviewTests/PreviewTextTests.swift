import Imaging
import Preview
import Testing

@Suite struct PreviewTextTests {
    static let white: [UInt8] = [255, 255, 255]

    @Test func labelDrawsItsColourInsideTheExpectedArea() throws {
        var frame = PreviewFrame(base: try TestRasters.uniform(width: 200, height: 100, channels: 1, value: 60))
        frame.drawLabel("Q 72", at: (x: 30, y: 20), color: .white, background: .black, scale: 2)
        let out = frame.raster
        // 4 glyphs × 6 − 1 = 23 font pixels wide, 7 high, at scale 2 plus 2 px padding on each side.
        let area = PixelRect(x: 30, y: 20, width: 23 * 2 + 4, height: 7 * 2 + 4)
        let whiteInside = TestRasters.count(of: Self.white, in: out, rect: area)
        #expect(whiteInside > 40)
        #expect(TestRasters.count(of: Self.white, in: out, rect: out.bounds) == whiteInside)
        #expect(TestRasters.count(of: [0, 0, 0], in: out, rect: area) > 0, "background drawn")
        #expect(TestRasters.rgb(out, 29, 19) == [60, 60, 60])
        #expect(TestRasters.rgb(out, 30 + 50, 20) == [60, 60, 60])
    }

    @Test func labelUsesSourceCoordinatesAfterScaleDown() throws {
        var frame = PreviewFrame(base: try TestRasters.uniform(width: 400, height: 200, channels: 3, value: 60))
        frame.scaleDown(toFit: 200, maxHeight: 200)
        frame.drawLabel("88", at: (x: 100, y: 100), color: .green, background: nil, scale: 1)
        let out = frame.raster
        let area = PixelRect(x: 50, y: 50, width: 13, height: 9)
        let green = TestRasters.count(of: [0, 200, 0], in: out, rect: area)
        #expect(green > 10)
        #expect(TestRasters.count(of: [0, 200, 0], in: out, rect: out.bounds) == green)
    }

    @Test func lowerCaseMatchesUpperCase() throws {
        let base = try TestRasters.uniform(width: 80, height: 20, channels: 1, value: 0)
        var lower = PreviewFrame(base: base), upper = PreviewFrame(base: base)
        lower.drawLabel("abc xyz", at: (x: 1, y: 1), color: .white, scale: 1)
        upper.drawLabel("ABC XYZ", at: (x: 1, y: 1), color: .white, scale: 1)
        #expect(lower.raster == upper.raster)
    }

    @Test func bannerChangesTheTopRowsOnly() throws {
        let base = try TestRasters.uniform(width: 480, height: 640, channels: 1, value: 200)
        var frame = PreviewFrame(base: base)
        frame.drawBanner("Quality 64.2 / 60  frame 12", color: .amber)
        let out = frame.raster
        let before = PreviewFrame(base: base).raster
        let rowBytes = 480 * 3
        #expect(out.pixels[0..<rowBytes] != before.pixels[0..<rowBytes])
        #expect(TestRasters.count(of: [255, 176, 0], in: out, rect: PixelRect(x: 0, y: 0, width: 480, height: 40)) > 100)
        #expect(out.pixels[(100 * rowBytes)...] == before.pixels[(100 * rowBytes)...])
    }

    @Test func unknownCharactersAndEdgeCasesDoNotCrash() throws {
        var frame = PreviewFrame(base: try TestRasters.uniform(width: 50, height: 30, channels: 3, value: 10))
        frame.drawLabel("é ☃ 👍🏽 \u{0} \t ~ {}[] ü\r\nline 2\n", at: (x: 2, y: 2), color: .white, background: .black)
        frame.drawLabel("", at: (x: 0, y: 0), color: .white, background: .red)
        frame.drawLabel("far away", at: (x: -1_000_000, y: Int.max), color: .white, background: .black, scale: 99)
        frame.drawLabel("clipped", at: (x: 45, y: 25), color: .white, background: .black, scale: 0)
        frame.drawBanner(String(repeating: "W", count: 500), color: .white)
        frame.drawBanner("", color: .white)
        #expect(frame.raster.width == 50 && frame.raster.height == 30)
        // The unknown character draws a box: its top-left font pixel is set.
        var box = PreviewFrame(base: try TestRasters.uniform(width: 20, height: 20, channels: 1, value: 0))
        box.drawLabel("é", at: (x: 0, y: 0), color: .white, scale: 1)
        #expect(TestRasters.rgb(box.raster, 1, 1) == Self.white)
        #expect(TestRasters.rgb(box.raster, 3, 3) == [0, 0, 0])
    }
}

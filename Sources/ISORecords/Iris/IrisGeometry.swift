/// Where the iris lies in the image (ISO/IEC 19794-6:2011 Table 4): bounds of the iris centre and of the iris
/// diameter, in pixels; 0 means undefined.
///
/// Byte layout (12 bytes, `UInt16` each): centre smallest X, centre largest X, centre smallest Y,
/// centre largest Y, diameter smallest, diameter largest.
public struct IrisGeometry: Sendable, Hashable {
    /// Smallest expected X of the iris centre.
    public let centreSmallestX: Int
    /// Largest expected X of the iris centre.
    public let centreLargestX: Int
    /// Smallest expected Y of the iris centre.
    public let centreSmallestY: Int
    /// Largest expected Y of the iris centre.
    public let centreLargestY: Int
    /// Smallest expected iris diameter.
    public let diameterSmallest: Int
    /// Largest expected iris diameter.
    public let diameterLargest: Int

    /// Creates iris geometry; every value must be 0…65535 (checked when the record is built).
    public init(
        centreSmallestX: Int, centreLargestX: Int, centreSmallestY: Int, centreLargestY: Int,
        diameterSmallest: Int, diameterLargest: Int
    ) {
        self.centreSmallestX = centreSmallestX
        self.centreLargestX = centreLargestX
        self.centreSmallestY = centreSmallestY
        self.centreLargestY = centreLargestY
        self.diameterSmallest = diameterSmallest
        self.diameterLargest = diameterLargest
    }

    /// Every field undefined (0), as in MOSIP's samples.
    public static let undefined = IrisGeometry(
        centreSmallestX: 0, centreLargestX: 0, centreSmallestY: 0, centreLargestY: 0,
        diameterSmallest: 0, diameterLargest: 0)

    var fields: [(String, Int)] {
        [
            ("iris centre smallest X", centreSmallestX), ("iris centre largest X", centreLargestX),
            ("iris centre smallest Y", centreSmallestY), ("iris centre largest Y", centreLargestY),
            ("iris diameter smallest", diameterSmallest), ("iris diameter largest", diameterLargest),
        ]
    }

    func encode(into writer: inout ByteWriter) {
        for (_, value) in fields { writer.uint16(value) }
    }

    init(from reader: inout ByteReader) throws(ISORecordError) {
        self.init(
            centreSmallestX: Int(try reader.uint16("iris centre smallest X")),
            centreLargestX: Int(try reader.uint16("iris centre largest X")),
            centreSmallestY: Int(try reader.uint16("iris centre smallest Y")),
            centreLargestY: Int(try reader.uint16("iris centre largest Y")),
            diameterSmallest: Int(try reader.uint16("iris diameter smallest")),
            diameterLargest: Int(try reader.uint16("iris diameter largest")))
    }
}

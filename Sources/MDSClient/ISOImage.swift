import ISORecords
public import Imaging
import JPEG2000

/// The picture inside an ISO/IEC 19794-4/-5/-6 record, decoded from its JPEG 2000.
public struct ISOImage: Sendable {
    public enum Kind: String, Sendable { case finger, iris, face }
    public let kind: Kind
    public let raster: Raster
    /// The score in the record's quality block.
    public let quality: Int?
    /// The record's compression: lossless JPEG 2000 for Registration, lossy for Auth.
    public let lossless: Bool

    public struct DecodeError: Error, CustomStringConvertible {
        public let description: String
    }

    public init(record: [UInt8]) throws {
        let magic = String(decoding: record.prefix(4), as: UTF8.self)
        let image: Image
        switch magic {
        case "FIR\0":
            let r = try FingerImageRecord(decoding: record)
            kind = .finger
            image = try JPEG2000.decode(r.imageData)
            quality = r.qualityBlocks.first?.score
            lossless = r.compression == .jpeg2000Lossless
        case "IIR\0":
            let r = try IrisImageRecord(decoding: record)
            kind = .iris
            image = try JPEG2000.decode(r.imageData)
            quality = r.qualityBlocks.first?.score
            lossless = r.imageProperties.compressionHistory == .losslessOrNone
        case "FAC\0":
            let r = try FaceImageRecord(decoding: record)
            kind = .face
            image = try JPEG2000.decode(r.imageData)
            quality = r.qualityBlocks.first?.score
            lossless = r.imageDataType == .jpeg2000(lossless: true)
        default:
            throw DecodeError(description: "not an ISO 19794 finger, iris or face record")
        }
        raster = try Raster(width: image.width, height: image.height, channels: image.components, pixels: image.pixels)
    }
}

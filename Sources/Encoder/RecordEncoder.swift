import Foundation
import ISORecords
import Imaging
import JPEG2000
public import Wire

/// Builds the ISO/IEC 19794 records MOSIP's compliance toolkit validates (mosip-clients.md §e.1 "ISO expectations",
/// "ISO samples"): finger 19794-4:2011, iris 19794-6:2011, face 19794-5:2011, each image as JPEG 2000.
///
/// Registration records are lossless (finger compression 0x05, iris K3, face data type 2); Auth records are lossy
/// (finger 0x04, iris K7 at no more than 15:1, face data type 1), because the toolkit's validator demands lossy JPEG
/// 2000 for Auth even though the spec text says lossless (§f.19). The lossy ratios are chosen to land near MOSIP's
/// own auth samples: 10:1 for fingers and irises, 15:1 for faces.
public enum RecordEncoder {
    public static let fingerAuthRatio: Float = 10
    public static let irisAuthRatio: Float = 10
    public static let faceAuthRatio: Float = 15
    /// Quality block algorithm identifiers (vendor, algorithm), as MOSIP's samples carry them.
    static let qualityAlgorithm: (vendor: UInt16, id: UInt16) = (0x000F, 0x000F)

    public struct EncodingFailure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func encode(_ request: EncodeRequest) throws -> EncodedRecords {
        let time = try CaptureTime(date: Date(timeIntervalSince1970: Double(request.captureTimeMillis) / 1000))
        return EncodedRecords(records: try request.items.map { item in
            try encode(item, modality: request.modality, lossless: request.lossless, time: time)
        })
    }

    static func encode(_ item: EncodeRequest.Item, modality: Modality, lossless: Bool, time: CaptureTime) throws -> [UInt8] {
        let quality = [try QualityBlock(score: Int(item.score.rounded()).clamped(0, 100), algorithmVendorId: qualityAlgorithm.vendor,
                                        algorithmId: qualityAlgorithm.id)]
        let raster = item.raster
        switch modality {
        case .finger:
            guard raster.channels == 1 else { throw EncodingFailure(description: "finger images are 8-bit gray") }
            let image = try jpeg2000(raster, lossless ? .lossless : .lossy(compressionRatio: fingerAuthRatio))
            guard let position = FingerPosition(rawValue: item.segment.position) else {
                throw EncodingFailure(description: "finger position \(item.segment.position)")
            }
            return try FingerImageRecord(
                captureTime: time, qualityBlocks: quality,
                // Registration records carry the certification flag and two certification blocks, as MOSIP's samples do.
                certificationBlocks: lossless ? [CertificationBlock(authorityId: 0x0040, schemeId: 0x02),
                                                 CertificationBlock(authorityId: 0x0040, schemeId: 0x02)] : nil,
                position: position, compression: lossless ? .jpeg2000Lossless : .jpeg2000Lossy,
                width: raster.width, height: raster.height, imageData: image
            ).encode()
        case .iris:
            let gray = raster.gray()
            let image = try jpeg2000(gray, lossless ? .lossless : .lossy(compressionRatio: irisAuthRatio))
            guard let eye = EyeLabel(rawValue: item.segment.position) else {
                throw EncodingFailure(description: "eye label \(item.segment.position)")
            }
            return try IrisImageRecord(
                captureTime: time, qualityBlocks: quality, eyeLabel: eye,
                imageType: lossless ? .cropped : .croppedAndMasked,
                imageProperties: IrisImageProperties(compressionHistory: lossless ? .losslessOrNone : .lossy),
                width: gray.width, height: gray.height, imageData: image
            ).encode()
        case .face:
            guard raster.channels == 3 else { throw EncodingFailure(description: "face images are 24-bit RGB") }
            let image = try jpeg2000(raster, lossless ? .lossless : .lossy(compressionRatio: faceAuthRatio))
            return try FaceImageRecord(
                captureTime: time, qualityBlocks: quality, imageDataType: .jpeg2000(lossless: lossless),
                width: raster.width, height: raster.height, imageData: image
            ).encode()
        }
    }

    static func jpeg2000(_ raster: Raster, _ mode: EncodingParameters.Mode) throws -> [UInt8] {
        let image = try Image(width: raster.width, height: raster.height, components: raster.channels, pixels: raster.pixels)
        return try JPEG2000.encode(image, parameters: EncodingParameters(mode: mode, format: .jp2))
    }
}

extension Comparable {
    func clamped(_ lo: Self, _ hi: Self) -> Self { min(max(self, lo), hi) }
}

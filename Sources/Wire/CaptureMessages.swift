public import Imaging

// The capture pipeline's messages: gateway ↔ sensor (frames), quality (scores), encoder (ISO records) and
// signer (sealed entries). Pixels and ISO records travel only between stages, never to the journal or logs.

/// What one capture segment is: one finger, one eye or the face.
public struct SegmentSpec: Sendable, Equatable, Hashable {
    /// Unique within a capture (`0`, `1`, …): two UNKNOWN fingers are still two segments.
    public var key: String
    /// The MOSIP 0.9.5 name (`Left IndexFinger`, `Right`, `UNKNOWN`), or empty for the face.
    public var bioSubType: String
    /// ISO/IEC 19794-4 finger position (0 unknown, 1 right thumb … 10 left little), or 19794-6 eye label
    /// (0 unknown, 1 right, 2 left), or 0 for the face.
    public var position: UInt8

    public init(key: String, bioSubType: String, position: UInt8) {
        self.key = key
        self.bioSubType = bioSubType
        self.position = position
    }

    init(from r: inout WireReader) throws(WireError) {
        key = try r.string()
        bioSubType = try r.string()
        position = try r.u8()
    }

    func encode(into w: inout WireWriter) {
        w.string(key)
        w.string(bioSubType)
        w.u8(position)
    }
}

/// How the segments appear in a frame.
public enum FrameLayout: UInt8, Sendable {
    /// One image per segment (single-finger scanner, each eye of a dual-iris camera, the face).
    case perSegment = 1
    /// One image holding several fingers side by side (a slap or two thumbs): the quality stage finds them.
    case slap = 2
}

public enum Modality: UInt8, Sendable {
    case finger = 1, iris = 2, face = 3
}

/// An image with a name (`slap`, or a segment key).
public struct LabeledRaster: Sendable, Equatable {
    public var label: String
    public var raster: Raster

    public init(label: String, raster: Raster) {
        self.label = label
        self.raster = raster
    }

    init(from r: inout WireReader) throws(WireError) {
        label = try r.string()
        let width = Int(try r.u32()), height = Int(try r.u32()), channels = Int(try r.u8())
        let pixels = try r.bytes()
        do {
            raster = try Raster(width: width, height: height, channels: channels, pixels: pixels)
        } catch {
            throw WireError(.invalidValue, "\(error)")
        }
    }

    func encode(into w: inout WireWriter) {
        w.string(label)
        w.u32(UInt32(raster.width))
        w.u32(UInt32(raster.height))
        w.u8(UInt8(raster.channels))
        w.bytes(raster.pixels)
    }
}

extension PixelRect {
    init(from r: inout WireReader) throws(WireError) {
        self.init(x: Int(try r.u32()), y: Int(try r.u32()), width: Int(try r.u32()), height: Int(try r.u32()))
    }

    func encode(into w: inout WireWriter) {
        w.u32(UInt32(clamping: x)); w.u32(UInt32(clamping: y)); w.u32(UInt32(clamping: width)); w.u32(UInt32(clamping: height))
    }
}

// MARK: - Sensor

/// Acquire frame `frameIndex` of a capture.
public struct FrameRequest: BusMessage, Equatable {
    public static let kind = MessageKind(rawValue: 32)
    public var captureId: String
    public var deviceId: String
    public var subId: UInt8
    public var segments: [SegmentSpec]
    public var frameIndex: UInt32
    /// Simulator controls from the request's customOpts (`presentation`, `subject`); real drivers ignore them.
    public var options: [(String, String)]

    public init(captureId: String, deviceId: String, subId: UInt8, segments: [SegmentSpec], frameIndex: UInt32,
                options: [(String, String)] = []) {
        self.captureId = captureId
        self.deviceId = deviceId
        self.subId = subId
        self.segments = segments
        self.frameIndex = frameIndex
        self.options = options
    }

    public static func == (a: FrameRequest, b: FrameRequest) -> Bool {
        a.captureId == b.captureId && a.deviceId == b.deviceId && a.subId == b.subId && a.segments == b.segments
            && a.frameIndex == b.frameIndex && a.options.elementsEqual(b.options, by: ==)
    }

    public init(from r: inout WireReader) throws(WireError) {
        captureId = try r.string()
        deviceId = try r.string()
        subId = try r.u8()
        segments = try r.array { (r: inout WireReader) throws(WireError) in try SegmentSpec(from: &r) }
        frameIndex = try r.u32()
        options = try r.pairs()
    }

    public func encode(into w: inout WireWriter) {
        w.string(captureId); w.string(deviceId); w.u8(subId)
        w.array(segments) { w, s in s.encode(into: &w) }
        w.u32(frameIndex)
        w.pairs(options)
    }
}

public struct Frame: BusMessage, Equatable {
    public static let kind = MessageKind(rawValue: 33)
    public var frameIndex: UInt32
    public var layout: FrameLayout
    public var images: [LabeledRaster]
    /// How often the device delivers frames; the capture loop paces itself by it.
    public var framePeriodMillis: UInt32

    public init(frameIndex: UInt32, layout: FrameLayout, images: [LabeledRaster], framePeriodMillis: UInt32) {
        self.frameIndex = frameIndex
        self.layout = layout
        self.images = images
        self.framePeriodMillis = framePeriodMillis
    }

    public init(from r: inout WireReader) throws(WireError) {
        frameIndex = try r.u32()
        guard let l = FrameLayout(rawValue: try r.u8()) else { throw WireError(.invalidValue, "frame layout") }
        layout = l
        images = try r.array { (r: inout WireReader) throws(WireError) in try LabeledRaster(from: &r) }
        framePeriodMillis = try r.u32()
    }

    public func encode(into w: inout WireWriter) {
        w.u32(frameIndex); w.u8(layout.rawValue)
        w.array(images) { w, i in i.encode(into: &w) }
        w.u32(framePeriodMillis)
    }
}

// MARK: - Quality

public struct ScoreRequest: BusMessage, Equatable {
    public static let kind = MessageKind(rawValue: 40)
    public var modality: Modality
    public var layout: FrameLayout
    public var segments: [SegmentSpec]
    public var images: [LabeledRaster]

    public init(modality: Modality, layout: FrameLayout, segments: [SegmentSpec], images: [LabeledRaster]) {
        self.modality = modality
        self.layout = layout
        self.segments = segments
        self.images = images
    }

    public init(from r: inout WireReader) throws(WireError) {
        guard let m = Modality(rawValue: try r.u8()), let l = FrameLayout(rawValue: try r.u8()) else {
            throw WireError(.invalidValue, "modality or layout")
        }
        modality = m
        layout = l
        segments = try r.array { (r: inout WireReader) throws(WireError) in try SegmentSpec(from: &r) }
        images = try r.array { (r: inout WireReader) throws(WireError) in try LabeledRaster(from: &r) }
    }

    public func encode(into w: inout WireWriter) {
        w.u8(modality.rawValue); w.u8(layout.rawValue)
        w.array(segments) { w, s in s.encode(into: &w) }
        w.array(images) { w, i in i.encode(into: &w) }
    }
}

/// Where a segment was found in a frame and how good it is.
public struct SegmentScore: Sendable, Equatable {
    public var key: String
    /// 0…100; nil when the segment was not found in this frame.
    public var score: Double?
    public var imageIndex: UInt16
    public var box: PixelRect

    public init(key: String, score: Double?, imageIndex: UInt16, box: PixelRect) {
        self.key = key
        self.score = score
        self.imageIndex = imageIndex
        self.box = box
    }
}

public struct ScoreReport: BusMessage, Equatable {
    public static let kind = MessageKind(rawValue: 41)
    /// The engine that scored, recorded in the journal.
    public var engine: String
    public var scores: [SegmentScore]

    public init(engine: String, scores: [SegmentScore]) {
        self.engine = engine
        self.scores = scores
    }

    public init(from r: inout WireReader) throws(WireError) {
        engine = try r.string()
        scores = try r.array { (r: inout WireReader) throws(WireError) in
            let key = try r.string()
            let found = try r.bool()
            let score = try r.double()
            return SegmentScore(key: key, score: found ? score : nil, imageIndex: try r.u16(), box: try PixelRect(from: &r))
        }
    }

    public func encode(into w: inout WireWriter) {
        w.string(engine)
        w.array(scores) { w, s in
            w.string(s.key); w.bool(s.score != nil); w.double(s.score ?? 0); w.u16(s.imageIndex); s.box.encode(into: &w)
        }
    }
}

// MARK: - Encoder

public struct EncodeRequest: BusMessage, Equatable {
    public static let kind = MessageKind(rawValue: 50)
    public struct Item: Sendable, Equatable {
        public var segment: SegmentSpec
        public var score: Double
        public var raster: Raster
        public init(segment: SegmentSpec, score: Double, raster: Raster) {
            self.segment = segment
            self.score = score
            self.raster = raster
        }
    }
    /// Registration records are lossless; Auth records lossy (mosip-clients.md §e.1 "ISO expectations").
    public var lossless: Bool
    public var modality: Modality
    public var captureTimeMillis: Int64
    public var items: [Item]

    public init(lossless: Bool, modality: Modality, captureTimeMillis: Int64, items: [Item]) {
        self.lossless = lossless
        self.modality = modality
        self.captureTimeMillis = captureTimeMillis
        self.items = items
    }

    public init(from r: inout WireReader) throws(WireError) {
        lossless = try r.bool()
        guard let m = Modality(rawValue: try r.u8()) else { throw WireError(.invalidValue, "modality") }
        modality = m
        captureTimeMillis = try r.i64()
        items = try r.array { (r: inout WireReader) throws(WireError) in
            let segment = try SegmentSpec(from: &r)
            let score = try r.double()
            return Item(segment: segment, score: score, raster: try LabeledRaster(from: &r).raster)
        }
    }

    public func encode(into w: inout WireWriter) {
        w.bool(lossless); w.u8(modality.rawValue); w.i64(captureTimeMillis)
        w.array(items) { w, item in
            item.segment.encode(into: &w)
            w.double(item.score)
            LabeledRaster(label: "", raster: item.raster).encode(into: &w)
        }
    }
}

public struct EncodedRecords: BusMessage, Equatable {
    public static let kind = MessageKind(rawValue: 51)
    /// One ISO/IEC 19794 record per request item, in order.
    public var records: [[UInt8]]

    public init(records: [[UInt8]]) { self.records = records }
    public init(from r: inout WireReader) throws(WireError) {
        records = try r.array { (r: inout WireReader) throws(WireError) in try r.bytes() }
    }
    public func encode(into w: inout WireWriter) { w.array(records) { w, b in w.bytes(b) } }
}

// MARK: - Signer

/// Seal captured ISO records into MDS data blocks: chain their hashes (mosip-clients.md §c), encrypt the bioValue
/// for Auth (§b.2), and sign each data payload with the device key.
public struct SealRequest: BusMessage, Equatable {
    public static let kind = MessageKind(rawValue: 14)
    public struct Item: Sendable, Equatable {
        public var iso: [UInt8]
        /// The data payload's members in order, all strings; the value of `bioValue` is filled in by the signer.
        public var fields: [EventDraft.Attribute]
        public init(iso: [UInt8], fields: [EventDraft.Attribute]) {
            self.iso = iso
            self.fields = fields
        }
    }
    public var deviceId: String
    /// Encrypt for this domain (CAPTURE); nil for RCAPTURE, whose bioValue is the plain ISO record.
    public var encryptForDomain: String?
    public var previousHash: [UInt8]
    public var transactionId: String
    public var timestamp: String
    public var items: [Item]

    public init(deviceId: String, encryptForDomain: String?, previousHash: [UInt8], transactionId: String, timestamp: String,
                items: [Item]) {
        self.deviceId = deviceId
        self.encryptForDomain = encryptForDomain
        self.previousHash = previousHash
        self.transactionId = transactionId
        self.timestamp = timestamp
        self.items = items
    }

    public init(from r: inout WireReader) throws(WireError) {
        deviceId = try r.string()
        encryptForDomain = try r.bool() ? try r.string() : nil
        previousHash = try r.bytes()
        transactionId = try r.string()
        timestamp = try r.string()
        items = try r.array { (r: inout WireReader) throws(WireError) in
            Item(iso: try r.bytes(), fields: try r.pairs().map { EventDraft.Attribute($0.0, $0.1) })
        }
    }

    public func encode(into w: inout WireWriter) {
        w.string(deviceId)
        w.bool(encryptForDomain != nil)
        if let d = encryptForDomain { w.string(d) }
        w.bytes(previousHash); w.string(transactionId); w.string(timestamp)
        w.array(items) { w, i in
            w.bytes(i.iso)
            w.pairs(i.fields.map { ($0.key, $0.value) })
        }
    }
}

public struct SealedEntry: Sendable, Equatable {
    public var data: String
    public var hash: [UInt8]
    public var sessionKey: String
    public var thumbprint: String
    /// For the journal: SHA-256 of the ISO record, SHA-256 of the JWS signing input, and the signature, so an
    /// auditor can verify the RS256 signature without the biometric payload.
    public var isoDigest: [UInt8]
    public var signingInputDigest: [UInt8]
    public var signature: [UInt8]

    public init(data: String, hash: [UInt8], sessionKey: String, thumbprint: String, isoDigest: [UInt8],
                signingInputDigest: [UInt8], signature: [UInt8]) {
        self.data = data
        self.hash = hash
        self.sessionKey = sessionKey
        self.thumbprint = thumbprint
        self.isoDigest = isoDigest
        self.signingInputDigest = signingInputDigest
        self.signature = signature
    }
}

public struct SealResponse: BusMessage, Equatable {
    public static let kind = MessageKind(rawValue: 15)
    public var entries: [SealedEntry]
    /// Identifies the certificate that signed (hex SHA-256 of its DER).
    public var signerCertificate: String

    public init(entries: [SealedEntry], signerCertificate: String) {
        self.entries = entries
        self.signerCertificate = signerCertificate
    }

    public init(from r: inout WireReader) throws(WireError) {
        entries = try r.array { (r: inout WireReader) throws(WireError) in
            SealedEntry(data: try r.string(), hash: try r.bytes(), sessionKey: try r.string(), thumbprint: try r.string(),
                        isoDigest: try r.bytes(), signingInputDigest: try r.bytes(), signature: try r.bytes())
        }
        signerCertificate = try r.string()
    }

    public func encode(into w: inout WireWriter) {
        w.array(entries) { w, e in
            w.string(e.data); w.bytes(e.hash); w.string(e.sessionKey); w.string(e.thumbprint)
            w.bytes(e.isoDigest); w.bytes(e.signingInputDigest); w.bytes(e.signature)
        }
        w.string(signerCertificate)
    }
}

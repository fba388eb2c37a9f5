// The bus vocabulary. Kinds are grouped by the stage that answers them: 1–9 common, 10–19 signer, 20–29 journal,
// 30–39 sensor, 40–49 quality, 50–59 encoder.

// MARK: - Common

/// Liveness probe every stage answers.
public struct Ping: BusMessage, Equatable {
    public static let kind = MessageKind(rawValue: 2)
    public init() {}
    public init(from r: inout WireReader) throws(WireError) {}
    public func encode(into w: inout WireWriter) {}
}

public struct Pong: BusMessage, Equatable {
    public static let kind = MessageKind(rawValue: 3)
    public var stage: String
    public var processId: UInt32

    public init(stage: String, processId: UInt32) {
        self.stage = stage
        self.processId = processId
    }
    public init(from r: inout WireReader) throws(WireError) {
        stage = try r.string()
        processId = try r.u32()
    }
    public func encode(into w: inout WireWriter) {
        w.string(stage)
        w.u32(processId)
    }
}

// MARK: - Signer

/// Which private key the signer should use. Keys never leave the signer: callers name them.
public enum KeyReference: Sendable, Hashable, CustomStringConvertible {
    /// The device key of a device (signs deviceInfo and capture data; the digitalId of L0 devices).
    case device(String)
    /// The FTM chip key of an L1 device (signs its digitalId).
    case ftm(String)
    /// The journal's checkpoint key.
    case journal

    public var description: String {
        switch self {
        case let .device(id): "device:\(id)"
        case let .ftm(id): "ftm:\(id)"
        case .journal: "journal"
        }
    }

    init(from r: inout WireReader) throws(WireError) {
        switch try r.u8() {
        case 1: self = .device(try r.string())
        case 2: self = .ftm(try r.string())
        case 3: self = .journal
        case let t: throw WireError(.invalidValue, "key reference tag \(t)")
        }
    }

    func encode(into w: inout WireWriter) {
        switch self {
        case let .device(id): w.u8(1); w.string(id)
        case let .ftm(id): w.u8(2); w.string(id)
        case .journal: w.u8(3)
        }
    }
}

/// Sign each payload as a compact JWS (RS256, header `x5c` with the key's certificate, `typ: JWT`).
public struct SignRequest: BusMessage, Equatable {
    public static let kind = MessageKind(rawValue: 10)
    public struct Item: Sendable, Equatable {
        public var key: KeyReference
        public var payload: [UInt8]
        public init(key: KeyReference, payload: [UInt8]) {
            self.key = key
            self.payload = payload
        }
    }
    public var items: [Item]

    public init(items: [Item]) { self.items = items }
    public init(from r: inout WireReader) throws(WireError) {
        items = try r.array { (r: inout WireReader) throws(WireError) in
            Item(key: try KeyReference(from: &r), payload: try r.bytes())
        }
    }
    public func encode(into w: inout WireWriter) {
        w.array(items) { w, item in
            item.key.encode(into: &w)
            w.bytes(item.payload)
        }
    }
}

public struct SignResponse: BusMessage, Equatable {
    public static let kind = MessageKind(rawValue: 11)
    /// Compact JWS strings, one per request item, in order.
    public var tokens: [String]

    public init(tokens: [String]) { self.tokens = tokens }
    public init(from r: inout WireReader) throws(WireError) { tokens = try r.strings() }
    public func encode(into w: inout WireWriter) { w.strings(tokens) }
}

/// Which keys the signer holds, so the gateway can tell a registered device from one that is not.
public struct KeyInventoryRequest: BusMessage, Equatable {
    public static let kind = MessageKind(rawValue: 12)
    public init() {}
    public init(from r: inout WireReader) throws(WireError) {}
    public func encode(into w: inout WireWriter) {}
}

public struct KeyInventory: BusMessage, Equatable {
    public static let kind = MessageKind(rawValue: 13)
    public var keys: [KeyReference]

    public init(keys: [KeyReference]) { self.keys = keys }
    public init(from r: inout WireReader) throws(WireError) {
        keys = try r.array { (r: inout WireReader) throws(WireError) in try KeyReference(from: &r) }
    }
    public func encode(into w: inout WireWriter) { w.array(keys) { w, k in k.encode(into: &w) } }
}

// MARK: - Journal

/// One event as a stage reports it. Attributes hold identifiers, digests, scores and timings only: never pixels,
/// ISO records, bioValue or keys.
public struct EventDraft: Sendable, Equatable {
    public var type: String
    public var stage: String
    public var captureId: String
    public var timeMillis: Int64
    public var attributes: [Attribute]

    public struct Attribute: Sendable, Equatable {
        public var key: String
        public var value: String
        public init(_ key: String, _ value: String) {
            self.key = key
            self.value = value
        }
    }

    public init(type: String, stage: String, captureId: String = "", timeMillis: Int64, attributes: [Attribute] = []) {
        self.type = type
        self.stage = stage
        self.captureId = captureId
        self.timeMillis = timeMillis
        self.attributes = attributes
    }
}

/// Append events; the reply comes only after they are durable.
public struct JournalAppend: BusMessage, Equatable {
    public static let kind = MessageKind(rawValue: 20)
    public var events: [EventDraft]

    public init(events: [EventDraft]) { self.events = events }
    public init(from r: inout WireReader) throws(WireError) {
        events = try r.array { (r: inout WireReader) throws(WireError) in
            let type = try r.string(), stage = try r.string(), capture = try r.string(), time = try r.i64()
            // The pairs straight into attributes: no intermediate tuple array per event.
            let n = try r.count()
            var attrs: [EventDraft.Attribute] = []
            for _ in 0..<n { attrs.append(EventDraft.Attribute(try r.string(), try r.string())) }
            return EventDraft(type: type, stage: stage, captureId: capture, timeMillis: time, attributes: attrs)
        }
    }
    public func encode(into w: inout WireWriter) {
        w.array(events) { w, e in
            w.string(e.type); w.string(e.stage); w.string(e.captureId); w.i64(e.timeMillis)
            w.u32(UInt32(e.attributes.count))
            for a in e.attributes { w.string(a.key); w.string(a.value) }
        }
    }
}

public struct JournalAck: BusMessage, Equatable {
    public static let kind = MessageKind(rawValue: 21)
    public var firstSequence: UInt64
    public var count: UInt32

    public init(firstSequence: UInt64, count: UInt32) {
        self.firstSequence = firstSequence
        self.count = count
    }
    public init(from r: inout WireReader) throws(WireError) {
        firstSequence = try r.u64()
        count = try r.u32()
    }
    public func encode(into w: inout WireWriter) {
        w.u64(firstSequence)
        w.u32(count)
    }
}

// MARK: - Sensor

/// What the sensor stage knows about its devices' hardware.
public struct SensorStatusRequest: BusMessage, Equatable {
    public static let kind = MessageKind(rawValue: 30)
    public init() {}
    public init(from r: inout WireReader) throws(WireError) {}
    public func encode(into w: inout WireWriter) {}
}

public struct SensorStatus: BusMessage, Equatable {
    public static let kind = MessageKind(rawValue: 31)
    public struct Device: Sendable, Equatable {
        public var deviceId: String
        public var connected: Bool
        public var driver: String
        public init(deviceId: String, connected: Bool, driver: String) {
            self.deviceId = deviceId
            self.connected = connected
            self.driver = driver
        }
    }
    public var devices: [Device]

    public init(devices: [Device]) { self.devices = devices }
    public init(from r: inout WireReader) throws(WireError) {
        devices = try r.array { (r: inout WireReader) throws(WireError) in
            Device(deviceId: try r.string(), connected: try r.bool(), driver: try r.string())
        }
    }
    public func encode(into w: inout WireWriter) {
        w.array(devices) { w, d in w.string(d.deviceId); w.bool(d.connected); w.string(d.driver) }
    }
}

// MARK: - Journal checkpoints

/// Sign a C2SP note body (a tlog checkpoint) with the journal's Ed25519 note key.
public struct NoteSignRequest: BusMessage, Equatable {
    public static let kind = MessageKind(rawValue: 16)
    public var text: String

    public init(text: String) { self.text = text }
    public init(from r: inout WireReader) throws(WireError) { text = try r.string() }
    public func encode(into w: inout WireWriter) { w.string(text) }
}

public struct NoteSignResponse: BusMessage, Equatable {
    public static let kind = MessageKind(rawValue: 17)
    /// The signed note: the text, a blank line, and the signature line.
    public var note: String

    public init(note: String) { self.note = note }
    public init(from r: inout WireReader) throws(WireError) { note = try r.string() }
    public func encode(into w: inout WireWriter) { w.string(note) }
}

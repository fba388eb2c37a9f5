import CryptoPrimitives
import JSON
import SQLite
public import Transparency
public import Wire

/// One stored event.
public struct JournalEvent: Sendable, Equatable {
    public let sequence: UInt64
    public let draft: EventDraft
    /// The canonical bytes that were hashed (see `JournalStore.canonicalBytes`).
    public let canonical: [UInt8]
    public let hash: [UInt8]
}

/// A signed checkpoint as stored: the tree size it commits to, its root, and the C2SP signed note.
public struct StoredCheckpoint: Sendable, Equatable {
    public let size: UInt64
    public let root: [UInt8]
    public let note: String
    public let timeMillis: Int64

    public init(size: UInt64, root: [UInt8], note: String, timeMillis: Int64) {
        self.size = size
        self.root = root
        self.note = note
        self.timeMillis = timeMillis
    }
}

/// Why the journal refused or failed.
public struct JournalError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable { case storage, chainBroken, invalidEvent }
    public let code: Code
    public let detail: String
    public let sequence: UInt64?

    public init(_ code: Code, _ detail: String, sequence: UInt64? = nil) {
        self.code = code
        self.detail = detail
        self.sequence = sequence
    }

    public var description: String {
        "journal \(code.rawValue)\(sequence.map { " at seq \($0)" } ?? ""): \(detail)"
    }
}

/// The append-only SQLite event store. Exactly one writer (the journal process) owns it.
///
/// Every event gets the next global sequence number and `hash = SHA-256(previous hash ‖ canonical bytes)`, with 32
/// zero bytes before the first event, so any edit, deletion or reordering breaks the chain at a known sequence.
/// WAL with `synchronous=FULL`: an acknowledged event survives power loss. The triggers refuse UPDATE and DELETE;
/// they stop bugs, not adversaries (anyone with write access can drop them): the hash chain is the control.
public final class JournalStore: @unchecked Sendable {
    public static let genesis = [UInt8](repeating: 0, count: 32)
    public static let canonicalVersion = 1
    /// The checkpoints' origin line (C2SP tlog-checkpoint), which is also the note key's name.
    public static let checkpointOrigin = "mosip-mds/journal"

    private let db: Connection
    private let insert: Statement
    public private(set) var lastSequence: UInt64
    public private(set) var lastHash: [UInt8]
    /// The RFC 6962 tree over the events (leaf i = `leaf(eventHash:)` of event seq i+1), kept as its right edge so an
    /// append costs O(log n); rebuilt from the rows when the store opens.
    public private(set) var tree: CompactRange

    public init(path: String, readOnly: Bool = false) throws {
        db = try Connection(path: path, mode: readOnly ? .readOnly : .readWriteCreate)
        db.setBusyTimeout(milliseconds: 5000)
        if !readOnly {
            try db.execute("PRAGMA journal_mode=WAL")
            try db.execute("PRAGMA synchronous=FULL")
            try Self.migrate(db)
        }
        insert = try db.prepare(
            "INSERT INTO events (seq, time_ms, type, stage, capture_id, canonical, hash) VALUES (?, ?, ?, ?, ?, ?, ?)")
        let tip = try db.prepare("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")
        if try tip.step() {
            lastSequence = UInt64(tip.int64(0))
            lastHash = tip.blob(1)
        } else {
            lastSequence = 0
            lastHash = Self.genesis
        }
        var range = CompactRange()
        let leaves = try db.prepare("SELECT hash FROM events ORDER BY seq")
        while try leaves.step() {
            range.append(leafHash: Self.leaf(eventHash: leaves.blob(0)))
        }
        tree = range
    }

    private static func migrate(_ db: Connection) throws {
        try db.execute("""
            CREATE TABLE IF NOT EXISTS events (
                seq        INTEGER PRIMARY KEY,
                time_ms    INTEGER NOT NULL,
                type       TEXT    NOT NULL,
                stage      TEXT    NOT NULL,
                capture_id TEXT    NOT NULL,
                canonical  BLOB    NOT NULL,
                hash       BLOB    NOT NULL
            );
            CREATE INDEX IF NOT EXISTS events_capture ON events(capture_id) WHERE capture_id != '';
            CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
                BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
                BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;
            CREATE TABLE IF NOT EXISTS checkpoints (
                size    INTEGER PRIMARY KEY,
                root    BLOB    NOT NULL,
                note    TEXT    NOT NULL,
                time_ms INTEGER NOT NULL
            );
            CREATE TRIGGER IF NOT EXISTS checkpoints_no_update BEFORE UPDATE ON checkpoints
                BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS checkpoints_no_delete BEFORE DELETE ON checkpoints
                BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;
            """)
    }

    /// The versioned canonical encoding that is hashed: compact JSON with a fixed member order
    /// `{"v":1,"seq":…,"time":…,"type":…,"stage":…,"capture":…,"attrs":[[k,v],…]}`.
    /// JSON so that a third party can read and re-hash it with standard tools.
    public static func canonicalBytes(sequence: UInt64, _ e: EventDraft) -> [UInt8] {
        JSON.object([
            "v": .number(String(canonicalVersion)),
            "seq": .number(String(sequence)),
            "time": .number(String(e.timeMillis)),
            "type": .string(e.type),
            "stage": .string(e.stage),
            "capture": .string(e.captureId),
            "attrs": .array(e.attributes.map { .array([.string($0.key), .string($0.value)]) }),
        ]).serialized()
    }

    /// The Merkle leaf of an event: RFC 6962 `SHA-256(0x00 ‖ entry)` whose entry is the event's chain value. The
    /// chain value commits to the canonical bytes (and to every event before), so the tree commits to the events,
    /// and a verifier hashes each event's bytes once, not twice.
    public static func leaf(eventHash: [UInt8]) -> [UInt8] { MerkleTree.leafHash(eventHash) }

    public static func chain(_ previous: [UInt8], _ canonical: [UInt8]) -> [UInt8] {
        // One-shot over a temporary concatenation: cheaper than an incremental context per event.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: previous.count + canonical.count) { buffer in
            _ = buffer.initialize(from: previous)
            _ = UnsafeMutableBufferPointer(rebasing: buffer[previous.count...]).initialize(from: canonical)
            return SHA256.hash(UnsafeRawBufferPointer(buffer))
        }
    }

    /// Appends `events` in one transaction (one fsync for the whole batch) and returns the first sequence number.
    @discardableResult
    public func append(_ events: [EventDraft]) throws -> UInt64 {
        guard !events.isEmpty else { return lastSequence + 1 }
        var sequence = lastSequence, hash = lastHash, range = tree
        try db.inTransaction(.immediate) {
            for event in events {
                sequence += 1
                let canonical = Self.canonicalBytes(sequence: sequence, event)
                hash = Self.chain(hash, canonical)
                range.append(leafHash: Self.leaf(eventHash: hash))
                try insert.run([.integer(Int64(sequence)), .integer(event.timeMillis), .text(event.type), .text(event.stage),
                                .text(event.captureId), .blob(canonical), .blob(hash)])
            }
            return .commit
        }
        let first = lastSequence + 1
        lastSequence = sequence
        lastHash = hash
        tree = range
        return first
    }

    /// A row as stored, undecoded: what an auditor starts from.
    public struct Row: Sendable, Equatable {
        public let sequence: UInt64
        public let canonical: [UInt8]
        public let hash: [UInt8]
    }

    /// Every row in sequence order, without decoding (a tampered row is the verifier's to judge, not a read error).
    public func rows() throws -> [Row] {
        let stmt = try db.prepare("SELECT seq, canonical, hash FROM events ORDER BY seq")
        var out: [Row] = []
        while try stmt.step() {
            let canonical: [UInt8] = switch stmt.value(1) {
            case let .blob(b): b
            case let .text(t): Array(t.utf8)
            default: []
            }
            out.append(Row(sequence: UInt64(stmt.int64(0)), canonical: canonical, hash: stmt.blob(2)))
        }
        return out
    }

    /// Every event in sequence order.
    public func events(from first: UInt64 = 1) throws -> [JournalEvent] {
        let stmt = try db.prepare("SELECT seq, canonical, hash FROM events WHERE seq >= ? ORDER BY seq")
        var out: [JournalEvent] = []
        for row in try stmt.rows([.integer(Int64(first))]) {
            guard case let .integer(seq) = row[0] else { throw JournalError(.storage, "sequence is not an integer") }
            // A row edited outside the journal may come back as TEXT: read its bytes and let the chain judge them.
            guard let canonical = Self.bytes(row[1]), case let .blob(hash) = row[2] else {
                throw JournalError(.chainBroken, "column types altered", sequence: UInt64(seq))
            }
            out.append(JournalEvent(sequence: UInt64(seq), draft: try Self.decode(canonical, sequence: UInt64(seq)),
                                    canonical: canonical, hash: hash))
        }
        return out
    }

    /// Stores a signed checkpoint (one per tree size).
    public func appendCheckpoint(_ c: StoredCheckpoint) throws {
        try db.prepare("INSERT OR IGNORE INTO checkpoints (size, root, note, time_ms) VALUES (?, ?, ?, ?)")
            .run([.integer(Int64(c.size)), .blob(c.root), .text(c.note), .integer(c.timeMillis)])
    }

    public func checkpoints() throws -> [StoredCheckpoint] {
        try db.prepare("SELECT size, root, note, time_ms FROM checkpoints ORDER BY size").rows().map { row in
            guard case let .integer(size) = row[0], case let .integer(time) = row[3] else {
                throw JournalError(.storage, "checkpoint columns altered")
            }
            let root: [UInt8] = if case let .blob(b) = row[1] { b } else { [] }
            let note: String = if case let .text(t) = row[2] { t } else { "" }
            return StoredCheckpoint(size: UInt64(size), root: root, note: note, timeMillis: time)
        }
    }

    /// Recomputes the chain from the canonical bytes; throws at the first sequence that does not verify.
    @discardableResult
    public func verifyChain() throws -> UInt64 {
        var previous = Self.genesis
        var expected: UInt64 = 1
        for event in try events() {
            guard event.sequence == expected else { throw JournalError(.chainBroken, "gap", sequence: expected) }
            guard Self.canonicalBytes(sequence: event.sequence, event.draft) == event.canonical else {
                throw JournalError(.chainBroken, "non-canonical encoding", sequence: event.sequence)
            }
            let hash = Self.chain(previous, event.canonical)
            guard hash == event.hash else { throw JournalError(.chainBroken, "hash mismatch", sequence: event.sequence) }
            previous = hash
            expected += 1
        }
        return expected - 1
    }

    private static func bytes(_ value: SQLValue) -> [UInt8]? {
        switch value {
        case let .blob(b): b
        case let .text(t): Array(t.utf8)
        default: nil
        }
    }

    /// Decodes canonical bytes, checking they carry `sequence`.
    public static func decode(_ canonical: [UInt8], sequence: UInt64) throws -> EventDraft {
        guard let json = try? JSON(parsing: canonical),
              json["v"]?.scalarText == String(canonicalVersion), json["seq"]?.scalarText == String(sequence),
              let time = json["time"]?.scalarText.flatMap({ Int64($0) }),
              let type = json["type"]?.stringValue, let stage = json["stage"]?.stringValue,
              let capture = json["capture"]?.stringValue, let attrs = json["attrs"]?.arrayValue
        else { throw JournalError(.chainBroken, "undecodable event", sequence: sequence) }
        var attributes: [EventDraft.Attribute] = []
        for a in attrs {
            guard let pair = a.arrayValue, pair.count == 2, let k = pair[0].stringValue, let v = pair[1].stringValue else {
                throw JournalError(.chainBroken, "undecodable attribute", sequence: sequence)
            }
            attributes.append(.init(k, v))
        }
        return EventDraft(type: type, stage: stage, captureId: capture, timeMillis: time, attributes: attributes)
    }
}

import CryptoPrimitives
import Foundation
import JSON
import Synchronization
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

    public init(sequence: UInt64, draft: EventDraft, canonical: [UInt8], hash: [UInt8]) {
        self.sequence = sequence
        self.draft = draft
        self.canonical = canonical
        self.hash = hash
    }
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
    /// append costs O(log n); rebuilt from the stored hashes when a writer opens the store. A store opened read-only
    /// does not rebuild it (an auditor recomputes the tree from the rows: `Audit.JournalVerifier`) and holds an empty
    /// range.
    public private(set) var tree: CompactRange

    public init(path: String, readOnly: Bool = false) throws {
        db = try Connection(path: path, mode: readOnly ? .readOnly : .readWriteCreate)
        db.setBusyTimeout(milliseconds: 5000)
        // Readers scan the whole file through SQLite's page cache (read() into reused buffers), kept small (64 pages)
        // so the buffers the kernel copies into stay in the CPU cache: 2–7 % faster than the default 2 MB for a full
        // verify. Memory-mapping the file (PRAGMA mmap_size) was measured 10 % slower here: each row's first touch
        // of a mapped page costs a page fault and a TLB miss.
        if readOnly {
            try db.execute("PRAGMA cache_size=64")
        } else {
            try db.execute("PRAGMA journal_mode=WAL")
            try db.execute("PRAGMA synchronous=FULL")
            try Self.migrate(db)
        }
        insert = try db.prepare(
            "INSERT INTO events (seq, time_ms, type, stage, capture_id, canonical, hash) VALUES (?, ?, ?, ?, ?, ?, ?)")
        let tip = try db.prepare("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")
        if try tip.step() {
            lastSequence = UInt64(clamping: tip.int64(0))
            lastHash = tip.blob(1)
        } else {
            lastSequence = 0
            lastHash = Self.genesis
        }
        tree = CompactRange()
        if !readOnly { tree = try resumeTree() }
    }

    private static func migrate(_ db: Connection) throws {
        try db.execute(schema)
    }

    /// The tables, index and append-only triggers, idempotent (`IF NOT EXISTS`). Public so that a benchmark's raw
    /// baseline inserts into exactly the journal's schema.
    public static let schema = """
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
            """

    /// The versioned canonical encoding that is hashed: compact JSON with a fixed member order
    /// `{"v":1,"seq":…,"time":…,"type":…,"stage":…,"capture":…,"attrs":[[k,v],…]}`.
    /// JSON so that a third party can read and re-hash it with standard tools.
    public static func canonicalBytes(sequence: UInt64, _ e: EventDraft) -> [UInt8] {
        // Written directly rather than through a `JSON` tree serialized per event; byte for byte what
        // `JSON.object([...]).serialized()` gives for these members (pinned by `canonicalBytesMatchTheJSONTree`).
        var out: [UInt8] = []
        out.reserveCapacity(96 + e.type.utf8.count + e.stage.utf8.count + e.captureId.utf8.count
                            + e.attributes.reduce(0) { $0 + 8 + $1.key.utf8.count + $1.value.utf8.count })
        out.append(contentsOf: #"{"v":"#.utf8)
        out.append(contentsOf: String(canonicalVersion).utf8)
        out.append(contentsOf: #","seq":"#.utf8)
        out.append(contentsOf: String(sequence).utf8)
        out.append(contentsOf: #","time":"#.utf8)
        out.append(contentsOf: String(e.timeMillis).utf8)
        out.append(contentsOf: #","type":"#.utf8)
        JSON.writeString(e.type, into: &out)
        out.append(contentsOf: #","stage":"#.utf8)
        JSON.writeString(e.stage, into: &out)
        out.append(contentsOf: #","capture":"#.utf8)
        JSON.writeString(e.captureId, into: &out)
        out.append(contentsOf: #","attrs":["#.utf8)
        for (i, a) in e.attributes.enumerated() {
            out.append(contentsOf: i == 0 ? #"["#.utf8 : #",["#.utf8)
            JSON.writeString(a.key, into: &out)
            out.append(UInt8(ascii: ","))
            JSON.writeString(a.value, into: &out)
            out.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: "]}".utf8)
        return out
    }

    /// The Merkle leaf of an event: RFC 6962 `SHA-256(0x00 ‖ entry)` whose entry is the event's chain value. The
    /// chain value commits to the canonical bytes (and to every event before), so the tree commits to the events,
    /// and a verifier hashes each event's bytes once, not twice.
    public static func leaf(eventHash: [UInt8]) -> [UInt8] { MerkleTree.leafHash(eventHash) }

    /// `leaf(eventHash:)` written to the first 32 bytes of `output`, allocating nothing.
    public static func leaf(eventHash: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
        var prefix: UInt8 = 0x00
        withUnsafeBytes(of: &prefix) { SHA256.hash($0, eventHash, into: output) }
    }

    public static func chain(_ previous: [UInt8], _ canonical: [UInt8]) -> [UInt8] {
        SHA256.hash(previous, canonical)
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
                // Bound one by one: no argument array per row.
                try insert.bind(.integer(Int64(sequence)), at: 1)
                try insert.bind(.integer(event.timeMillis), at: 2)
                try insert.bind(.text(event.type), at: 3)
                try insert.bind(.text(event.stage), at: 4)
                try insert.bind(.text(event.captureId), at: 5)
                try insert.bind(.blob(canonical), at: 6)
                try insert.bind(.blob(hash), at: 7)
                try insert.runBound()
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
        var out: [Row] = []
        try scan(from: 0, through: .max) { sequence, canonical, hash in
            out.append(Row(sequence: UInt64(clamping: sequence), canonical: Array(canonical), hash: Array(hash)))
            return true
        }
        return out
    }

    /// Calls `body` with each stored row whose sequence number is in `from...through`, in order, until it returns
    /// false. The canonical bytes and hash are SQLite's own buffers, valid only during the call (nothing is copied:
    /// the auditor's fast path); a row edited to TEXT gives its UTF-8 bytes, a NULL gives no bytes. The sequence is
    /// as stored, so a tampered one may be zero or negative.
    /// With `canonical: false` the canonical bytes are not read at all (an empty buffer): for what needs the hashes
    /// only, at a fraction of the cost.
    public func scan(from: Int64, through: Int64, canonical: Bool = true,
                     _ body: (_ sequence: Int64, _ canonical: UnsafeRawBufferPointer, _ hash: UnsafeRawBufferPointer) throws -> Bool) throws {
        let column = canonical ? "canonical" : "NULL"
        let stmt = try db.prepare("SELECT seq, \(column), hash FROM events WHERE seq BETWEEN ? AND ? ORDER BY seq")
        try stmt.bind([.integer(from), .integer(through)])
        while try stmt.step() {
            guard try body(stmt.int64(0), stmt.unsafeBytes(1), stmt.unsafeBytes(2)) else { break }
        }
    }

    /// The canonical bytes of the rows numbered `sequences`, in that order (one indexed lookup each; a sequence with
    /// no row gives no bytes): for reading back a sparse set of events found by an earlier pass.
    public func canonicalBytes(of sequences: some Sequence<UInt64>) throws -> [[UInt8]] {
        let stmt = try db.prepare("SELECT canonical FROM events WHERE seq = ?")
        var out: [[UInt8]] = []
        for sequence in sequences {
            try stmt.bind(.integer(Int64(clamping: sequence)), at: 1)
            out.append(try stmt.step() ? Array(stmt.unsafeBytes(0)) : [])
            stmt.reset()
        }
        return out
    }

    /// The tree's right edge over every stored event, from the stored hashes, chunk by chunk: memory stays at one
    /// chunk's scratch tree however long the journal (`MerkleRoots`). The writer's own events are gap-free (the
    /// verifier, not the writer, judges a store someone edited).
    private func resumeTree() throws -> CompactRange {
        let count = Int(lastSequence)
        let failure = Mutex<(any Error)?>(nil)
        let roots = MerkleRoots(count: count, sizes: [UInt64(count)], parallelism: 1) { [self] _, range, leaves in
            var slot = 0
            do {
                try scan(from: Int64(range.lowerBound + 1), through: Int64(range.upperBound), canonical: false) { _, _, hash in
                    guard slot < leaves.count else { return false }
                    Self.leaf(eventHash: hash, into: UnsafeMutableRawBufferPointer(rebasing: leaves[slot..<slot + 32]))
                    slot += 32
                    return true
                }
            } catch {
                failure.withLock { $0 = error }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return roots.compactRange(size: UInt64(count)) ?? CompactRange()
    }

    /// The highest stored sequence number (0 for an empty journal), read now: on a live journal, read the
    /// checkpoints first and this after, so no checkpoint is newer than the rows counted.
    public func maxSequence() throws -> Int64 {
        let stmt = try db.prepare("SELECT max(seq) FROM events")
        return try stmt.step() ? stmt.int64(0) : 0
    }

    /// The leaf hashes of every stored event in sequence order, 32 bytes each, back to back (stored hashes are taken
    /// as they are: only a verifier judges them).
    public func leafHashes() throws -> [UInt8] {
        var leaves: [UInt8] = []
        leaves.reserveCapacity(Int(lastSequence) * 32)
        var leaf = [UInt8](repeating: 0, count: 32)
        try scan(from: .min, through: .max, canonical: false) { _, _, hash in
            leaf.withUnsafeMutableBytes { Self.leaf(eventHash: hash, into: $0) }
            leaves.append(contentsOf: leaf)
            return true
        }
        return leaves
    }

    /// Every event from `first` on, in sequence order, in memory (`forEachEvent` streams them).
    public func events(from first: UInt64 = 1) throws -> [JournalEvent] {
        var out: [JournalEvent] = []
        try forEachEvent(from: first) { out.append($0) }
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

    /// Decodes canonical bytes, checking they carry `sequence`: read straight from the bytes when they are the plain
    /// canonical layout (`CanonicalReader`), else through the general JSON decoder.
    public static func decode(_ canonical: [UInt8], sequence: UInt64) throws -> EventDraft {
        if let draft = canonical.withUnsafeBytes({ CanonicalReader.draft($0, sequence: sequence) }) { return draft }
        return try decodeJSON(canonical, sequence: sequence)
    }

    /// `decode` through the general JSON decoder, whatever the layout.
    static func decodeJSON(_ canonical: [UInt8], sequence: UInt64) throws -> EventDraft {
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

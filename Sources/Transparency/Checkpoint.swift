public import CryptoPrimitives

/// A transparency-log checkpoint (c2sp.org/tlog-checkpoint): the note text
/// `<origin>\n<tree size>\n<base64 root hash>\n` plus optional extension lines, signed as a c2sp.org/signed-note.
///
/// The root hash is the RFC 6962 §2.1 / RFC 9162 §2.1.1 Merkle Tree Hash of the log's first ``size`` entries.
/// "A log MUST not sign any checkpoint which is inconsistent with any checkpoint it previously signed": sign a new
/// checkpoint only after checking `MerkleTree.verifyConsistency` from the last one (or building both roots from
/// the same append-only ``CompactRange``).
public struct Checkpoint: Sendable, Hashable {
    /// The log identity, e.g. `example.com/log42` (non-empty; clients MUST NOT assume it is a reachable URL).
    public let origin: String
    /// The number of leaves in the tree.
    public let size: UInt64
    /// The 32-byte Merkle tree root of the first ``size`` leaves.
    public let rootHash: [UInt8]
    /// Extension lines after the root hash (opaque, non-empty each; their use is NOT RECOMMENDED).
    public let extensionLines: [String]

    /// A checkpoint from its parts. Throws ``TransparencyError/Code/malformedCheckpoint`` for an empty origin, a
    /// root hash that is not 32 bytes, or an origin or extension line that is empty or holds a newline or another
    /// control character.
    public init(origin: String, size: UInt64, rootHash: [UInt8], extensionLines: [String] = []) throws {
        guard Self.isValidLine(origin) else {
            throw TransparencyError(.malformedCheckpoint, "origin must be one non-empty line without control characters")
        }
        guard rootHash.count == MerkleTree.hashByteCount else {
            throw TransparencyError(.malformedCheckpoint, "root hash must be 32 bytes, got \(rootHash.count)")
        }
        guard extensionLines.allSatisfy(Self.isValidLine) else {
            throw TransparencyError(.malformedCheckpoint, "extension lines must be non-empty lines without control characters")
        }
        self.origin = origin
        self.size = size
        self.rootHash = rootHash
        self.extensionLines = extensionLines
    }

    /// Parses a checkpoint note text (the part of a signed note before the blank line). Throws
    /// ``TransparencyError/Code/malformedCheckpoint`` unless it is at least three non-empty lines, each ending in a
    /// newline: a non-empty origin; the size in ASCII decimal without leading zeros (`0` for the empty tree)
    /// fitting in 64 bits; the canonical base64 of a 32-byte root hash; then non-empty extension lines.
    public init(parsing body: String) throws {
        guard body.utf8.last == NoteSyntax.newline, NoteSyntax.hasOnlyAllowedControls(body) else {
            throw TransparencyError(.malformedCheckpoint, "checkpoint must end in a newline and have no control characters")
        }
        let lines = body.utf8.dropLast().split(separator: NoteSyntax.newline, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        guard lines.count >= 3 else { throw TransparencyError(.malformedCheckpoint, "fewer than three lines") }
        let sizeText = lines[1]
        guard !sizeText.isEmpty, sizeText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              sizeText == "0" || !sizeText.hasPrefix("0"), let size = UInt64(sizeText)
        else { throw TransparencyError(.malformedCheckpoint, "tree size is not a canonical decimal number") }
        guard let rootHash = StrictBase64.decode(lines[2]), rootHash.count == MerkleTree.hashByteCount else {
            throw TransparencyError(.malformedCheckpoint, "root hash is not the base64 of 32 bytes")
        }
        try self.init(origin: lines[0], size: size, rootHash: rootHash, extensionLines: Array(lines[3...]))
    }

    /// The note text: `origin\nsize\nbase64(rootHash)\n` followed by each extension line and a newline.
    public var body: String {
        ([origin, String(size), StrictBase64.encode(rootHash)] + extensionLines).map { $0 + "\n" }.joined()
    }

    /// The checkpoint signed with `key` under `name` (which SHOULD equal ``origin``), as a signed note.
    public func signed(name: String, key: some Ed25519SigningKey) throws -> String {
        try SignedNote.sign(text: body, name: name, key: key)
    }

    /// Opens a signed checkpoint note: verifies it with `verifiers` (the rules of `SignedNote.open`),
    /// parses the text and checks that its origin is `origin`. Throws ``TransparencyError/Code/malformedCheckpoint``
    /// for another origin, and the note errors of `SignedNote.open`.
    public static func open(_ note: String, origin: String, verifiers: [NoteVerifier]) throws -> (checkpoint: Checkpoint, verifiedBy: [String]) {
        let (text, verifiedBy) = try SignedNote.open(note, verifiers: verifiers)
        let checkpoint = try Checkpoint(parsing: text)
        guard checkpoint.origin == origin else {
            throw TransparencyError(.malformedCheckpoint, "checkpoint origin \"\(checkpoint.origin)\" is not \"\(origin)\"")
        }
        return (checkpoint, verifiedBy)
    }

    /// Whether `line` is non-empty and has no control characters (newline included).
    private static func isValidLine(_ line: String) -> Bool {
        !line.isEmpty && !line.utf8.contains { $0 < 0x20 }
    }
}

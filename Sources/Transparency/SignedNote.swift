public import CryptoPrimitives
internal import Sodium

/// A c2sp.org/signed-note: a text ending in a newline, a blank line, then one or more signature lines
/// `— <key name> base64(4-byte key ID ‖ signature)`.
///
/// ```
/// example.com/log
/// 8
/// XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=
///
/// — example.com/log Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe…
/// ```
///
/// ``init(parsing:)`` checks syntax only; the `open` functions also verify (the text
/// MUST be ignored unless a trusted key's signature verifies).
public struct SignedNote: Sendable, Hashable {
    /// One signature line.
    public struct Signature: Sendable, Hashable {
        /// The key name.
        public let name: String
        /// The 4-byte key ID (big-endian uint32).
        public let keyHash: [UInt8]
        /// The signature bytes after the key ID (64 bytes for Ed25519; other algorithms differ).
        public let signature: [UInt8]

        /// A signature line's parts. Throws ``TransparencyError/Code/malformedNote`` for an invalid key name, a
        /// key ID that is not 4 bytes or an empty signature.
        public init(name: String, keyHash: [UInt8], signature: [UInt8]) throws {
            guard NoteSyntax.isValidKeyName(name), keyHash.count == 4, !signature.isEmpty else {
                throw TransparencyError(.malformedNote, "invalid signature line parts")
            }
            self.init(unchecked: name, keyHash, signature)
        }

        init(unchecked name: String, _ keyHash: [UInt8], _ signature: [UInt8]) {
            self.name = name
            self.keyHash = keyHash
            self.signature = signature
        }

        /// The line `— <name> base64(keyHash ‖ signature)\n`.
        public var line: String { "— \(name) \(StrictBase64.encode(keyHash + signature))\n" }
    }

    /// Verifiers reject notes with more signatures than this (c2sp.org/signed-note: "MUST accept at least up to
    /// 16"; golang.org/x/mod/sumdb/note rejects more than 100).
    public static let maxSignatures = 100

    /// The signed text, including its final newline (not the separating blank line).
    public let text: String
    /// The signatures, in note order.
    public let signatures: [Signature]

    /// A note from its parts. Throws ``TransparencyError/Code/malformedNote`` if the text does not end in a
    /// newline or has a control character other than newline, or if there are no signatures or too many.
    public init(text: String, signatures: [Signature]) throws {
        try Self.validateText(text)
        guard (1...Self.maxSignatures).contains(signatures.count) else {
            throw TransparencyError(.malformedNote, "a note needs 1...\(Self.maxSignatures) signatures, got \(signatures.count)")
        }
        self.text = text
        self.signatures = signatures
    }

    /// Parses a signed note without verifying it: no control characters but newline; the text is everything up to
    /// and including the newline before the last blank line; every following line is a well-formed signature
    /// line (the key name valid, the base64 canonical and at least 5 bytes long). Throws
    /// ``TransparencyError/Code/malformedNote``.
    public init(parsing note: String) throws {
        guard NoteSyntax.hasOnlyAllowedControls(note) else {
            throw TransparencyError(.malformedNote, "control character in note")
        }
        let bytes = Array(note.utf8)
        // The text is separated from the signatures by the last empty line in the note.
        guard let split = bytes.indices.dropLast().last(where: { bytes[$0] == NoteSyntax.newline && bytes[$0 + 1] == NoteSyntax.newline })
        else { throw TransparencyError(.malformedNote, "no blank line before the signatures") }
        let text = String(decoding: bytes[...split], as: UTF8.self)
        let block = bytes[(split + 2)...]
        guard block.last == NoteSyntax.newline else {
            throw TransparencyError(.malformedNote, "signature block missing or not newline-terminated")
        }
        var signatures: [Signature] = []
        for line in block.dropLast().split(separator: NoteSyntax.newline, omittingEmptySubsequences: false) {
            guard signatures.count < Self.maxSignatures else {
                throw TransparencyError(.malformedNote, "more than \(Self.maxSignatures) signatures")
            }
            signatures.append(try Self.parseSignatureLine(line))
        }
        try self.init(text: text, signatures: signatures)
    }

    /// The note as text: ``text``, a blank line, then each signature's ``Signature/line``.
    public var serialized: String {
        text + "\n" + signatures.map(\.line).joined()
    }

    /// A copy with `signer`'s signature added after the existing ones (a witness cosignature, or a second log key
    /// during rotation); an existing signature by the same key (name and key ID) is replaced.
    public func adding(_ signer: NoteSigner) throws -> SignedNote {
        let new = try signer.signature(for: text)
        let kept = signatures.filter { $0.name != new.name || $0.keyHash != new.keyHash }
        return try SignedNote(text: text, signatures: kept + [new])
    }

    /// Signs `text` with `key` under `name` and returns the note: `text + "\n— name base64(keyHash ‖ sig)\n"`.
    /// Throws ``TransparencyError/Code/malformedNote`` for text that does not end in a newline or has control
    /// characters, ``TransparencyError/Code/invalidArgument`` for an invalid key name and
    /// ``TransparencyError/Code/sign`` if signing fails.
    public static func sign(text: String, name: String, key: some Ed25519SigningKey) throws -> String {
        let signer = try NoteSigner(name: name, key: key)
        return try SignedNote(text: text, signatures: [signer.signature(for: text)]).serialized
    }

    /// Parses `note` and verifies its signatures against `verifiers` (key name → Ed25519 key), with
    /// the rules of the `[NoteVerifier]` overload. Throws ``TransparencyError/Code/invalidArgument`` for an
    /// invalid key name in `verifiers`.
    public static func open(_ note: String, verifiers: [String: Ed25519.PublicKey]) throws -> (text: String, verifiedBy: [String]) {
        try open(note, verifiers: verifiers.map { try NoteVerifier(name: $0.key, publicKey: $0.value) })
    }

    /// Parses `note` and verifies it as c2sp.org/signed-note "Signatures" requires.
    ///
    /// A signature whose key name and key ID do not both match a verifier is ignored ("Verifiers MUST ignore
    /// signatures from unknown keys, even if they share a name or ID (but not both) with a known key"). A
    /// signature that does match is verified, and if it fails the whole note is rejected with
    /// ``TransparencyError/Code/invalidSignature``. If no known key signed, the note is rejected with
    /// ``TransparencyError/Code/unverifiedNote``. Malformed notes throw ``TransparencyError/Code/malformedNote``;
    /// two verifiers with the same name and key ID throw ``TransparencyError/Code/invalidArgument``.
    ///
    /// - Returns: the text and the names of the keys that verified it (each once, in note order).
    public static func open(_ note: String, verifiers: [NoteVerifier]) throws -> (text: String, verifiedBy: [String]) {
        var known: [String: NoteVerifier] = [:]
        for verifier in verifiers {
            let id = verifier.name + "+" + StrictBase64.encode(verifier.keyHash)
            if let existing = known[id], existing != verifier {
                throw TransparencyError(.invalidArgument, "two verifier keys share name and key ID \(verifier.name)")
            }
            known[id] = verifier
        }
        let parsed = try SignedNote(parsing: note)
        let message = Array(parsed.text.utf8)
        var verifiedBy: [String] = []
        for signature in parsed.signatures {
            guard let verifier = known[signature.name + "+" + StrictBase64.encode(signature.keyHash)] else { continue }
            // libsodium rather than OpenSSL: about 2× faster per signature, which `mds-audit verify` feels with
            // one checkpoint note per thousand events.
            guard SodiumEd25519.isValidSignature(signature.signature, for: message,
                                                 publicKey: verifier.publicKey.rawRepresentation) else {
                throw TransparencyError(.invalidSignature, "signature by known key \(signature.name) does not verify")
            }
            if !verifiedBy.contains(signature.name) { verifiedBy.append(signature.name) }
        }
        guard !verifiedBy.isEmpty else { throw TransparencyError(.unverifiedNote, "no signature from a known key") }
        return (parsed.text, verifiedBy)
    }

    /// Checks that `text` can be a note text: it ends in a newline and has no other control characters.
    static func validateText(_ text: String) throws {
        guard text.utf8.last == NoteSyntax.newline, NoteSyntax.hasOnlyAllowedControls(text) else {
            throw TransparencyError(.malformedNote, "note text must end in a newline and have no control characters")
        }
    }

    /// Parses `— <name> <base64>`.
    private static func parseSignatureLine(_ line: ArraySlice<UInt8>) throws -> Signature {
        guard line.starts(with: NoteSyntax.signaturePrefix) else {
            throw TransparencyError(.malformedNote, "signature line does not start with an em dash and a space")
        }
        let rest = line.dropFirst(NoteSyntax.signaturePrefix.count)
        guard let space = rest.firstIndex(of: UInt8(ascii: " ")) else {
            throw TransparencyError(.malformedNote, "signature line has no space after the key name")
        }
        let name = String(decoding: rest[..<space], as: UTF8.self)
        guard let decoded = StrictBase64.decode(String(decoding: rest[(space + 1)...], as: UTF8.self)),
              decoded.count >= 5, NoteSyntax.isValidKeyName(name)
        else { throw TransparencyError(.malformedNote, "malformed signature line") }
        return Signature(unchecked: name, Array(decoded.prefix(4)), Array(decoded.dropFirst(4)))
    }
}

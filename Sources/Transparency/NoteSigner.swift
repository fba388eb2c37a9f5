public import CryptoPrimitives

/// An Ed25519 note signing key under a key name (c2sp.org/signed-note, "Ed25519 signatures").
///
/// Give ``verifier`` (or its one-line ``NoteVerifier/verifierKey``) to whoever must check the notes.
public struct NoteSigner: Sendable {
    /// The key name written on each signature line.
    public let name: String
    /// The 4-byte key ID: `SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4]` (``NoteVerifier/keyHash(name:publicKey:)``).
    public let keyHash: [UInt8]
    /// The matching verifier.
    public let verifier: NoteVerifier
    /// The private key (in memory or on a token).
    private let key: any Ed25519SigningKey

    /// A signer for `key` under `name`. Throws ``TransparencyError/Code/invalidArgument`` for an invalid key name
    /// (empty, or containing Unicode white space or `+`).
    public init(name: String, key: some Ed25519SigningKey) throws {
        verifier = try NoteVerifier(name: name, publicKey: key.publicKey)
        self.name = name
        keyHash = verifier.keyHash
        self.key = key
    }

    /// This key's signature over the note text `text` (which must end in a newline; see ``SignedNote``).
    /// Throws ``TransparencyError/Code/malformedNote`` for invalid text and ``TransparencyError/Code/sign`` if
    /// signing fails.
    public func signature(for text: String) throws -> SignedNote.Signature {
        try SignedNote.validateText(text)
        do {
            return try SignedNote.Signature(name: name, keyHash: keyHash, signature: try key.signature(for: Array(text.utf8)))
        } catch {
            throw TransparencyError(.sign, "Ed25519 signing failed: \(error)")
        }
    }
}

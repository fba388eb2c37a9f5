import CryptoPrimitives
import Foundation
import Testing
import Transparency

/// The example key and notes of golang.org/x/mod/sumdb/note (the reference implementation of c2sp.org/signed-note).
enum GoNoteExample {
    /// `PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz`: 0x01 ‖ 32-byte seed.
    static let signerKeyData = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
    static let verifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
    static let text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
    static let signatureLine = "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
    /// A second signature by another (unknown to us) key, from the same documentation.
    static let cosignatureLine = "— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n"

    static var note: String { text + "\n" + signatureLine }

    static func key() throws -> Ed25519.PrivateKey {
        let data = try #require(Data(base64Encoded: signerKeyData))
        #expect(data.count == 33 && data.first == 0x01)
        return try Ed25519.PrivateKey(rawRepresentation: Array(data.dropFirst()))
    }
}

@Suite struct SignedNoteTests {
    @Test func reproducesTheGoReferenceNoteByteForByte() throws {
        let key = try GoNoteExample.key()
        let verifier = try NoteVerifier(name: "PeterNeumann", publicKey: key.publicKey)
        #expect(verifier.verifierKey == GoNoteExample.verifierKey)
        #expect(hex(verifier.keyHash) == "c74f20a3")
        // Ed25519 is deterministic, so our signature must be the published one.
        #expect(try SignedNote.sign(text: GoNoteExample.text, name: "PeterNeumann", key: key) == GoNoteExample.note)

        let opened = try SignedNote.open(GoNoteExample.note, verifiers: ["PeterNeumann": key.publicKey])
        #expect(opened.text == GoNoteExample.text)
        #expect(opened.verifiedBy == ["PeterNeumann"])
    }

    @Test func keyHashComputedByHand() throws {
        let key = try GoNoteExample.key()
        // key ID = SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key)[:4] (c2sp.org/signed-note).
        let byHand = Array(SHA256.hash(Array("PeterNeumann".utf8) + [0x0A, 0x01] + key.publicKey.rawRepresentation).prefix(4))
        #expect(NoteVerifier.keyHash(name: "PeterNeumann", publicKey: key.publicKey) == byHand)
        #expect(try NoteSigner(name: "PeterNeumann", key: key).keyHash == byHand)
        // The name is part of the hash: the same key under another name has another ID.
        #expect(NoteVerifier.keyHash(name: "PeterNeumann2", publicKey: key.publicKey) != byHand)
    }

    @Test func signatureLineByteFormat() throws {
        let key = try Ed25519.PrivateKey.generate()
        let text = "example.com/log\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"
        let note = try SignedNote.sign(text: text, name: "example.com/log", key: key)
        let bytes = Array(note.utf8)
        let textBytes = Array(text.utf8)
        #expect(Array(bytes.prefix(textBytes.count)) == textBytes)
        var rest = Array(bytes.dropFirst(textBytes.count))
        // Blank line, then em dash U+2014 (E2 80 94), space, name, space, base64, newline.
        #expect(rest.removeFirst() == 0x0A)
        #expect(Array(rest.prefix(4)) == [0xE2, 0x80, 0x94, 0x20])
        rest.removeFirst(4)
        #expect(Array(rest.prefix(16)) == Array("example.com/log ".utf8))
        rest.removeFirst(16)
        #expect(rest.last == 0x0A)
        let decoded = try #require(Data(base64Encoded: Data(rest.dropLast())))
        #expect(decoded.count == 4 + 64)
        let keyHash = NoteVerifier.keyHash(name: "example.com/log", publicKey: key.publicKey)
        #expect(Array(decoded.prefix(4)) == keyHash)
        #expect(key.publicKey.isValidSignature(Array(decoded.dropFirst(4)), for: textBytes))
        // 68 bytes = 22 groups of 3 and 2 left over: 92 base64 characters ending in a single `=`.
        #expect(rest.count == 92 + 1)
        #expect(rest.suffix(3).first != UInt8(ascii: "="))
        #expect(String(decoding: rest.suffix(2), as: UTF8.self) == "=\n")
    }

    @Test func roundTripWithGeneratedKeyAndParsedStructure() throws {
        let key = try Ed25519.PrivateKey.generate()
        let text = "line one\n\nline three after an empty line\n"
        let note = try SignedNote.sign(text: text, name: "log.example/a", key: key)
        let parsed = try SignedNote(parsing: note)
        #expect(parsed.text == text)
        #expect(parsed.signatures.count == 1)
        #expect(parsed.signatures[0].name == "log.example/a")
        #expect(parsed.signatures[0].signature.count == 64)
        #expect(parsed.serialized == note)
        #expect(try SignedNote.open(note, verifiers: ["log.example/a": key.publicKey]).text == text)
    }

    @Test func bitFlipInBodyIsRejected() throws {
        let key = try GoNoteExample.key()
        let note = GoNoteExample.note.replacingOccurrences(of: "cryptography", with: "cryptographY")
        #expect(throws: TransparencyError(.invalidSignature, "")) {
            try SignedNote.open(note, verifiers: ["PeterNeumann": key.publicKey])
        }
        let appended = GoNoteExample.text + "extra\n" + "\n" + GoNoteExample.signatureLine
        #expect(throws: TransparencyError(.invalidSignature, "")) {
            try SignedNote.open(appended, verifiers: ["PeterNeumann": key.publicKey])
        }
    }

    @Test func bitFlipInSignatureIsRejected() throws {
        let key = try GoNoteExample.key()
        let parsed = try SignedNote(parsing: GoNoteExample.note)
        let original = parsed.signatures[0]
        for index in [0, 20, 63] {
            var bytes = original.signature
            bytes[index] ^= 0x04
            let tampered = try SignedNote(text: parsed.text, signatures: [
                SignedNote.Signature(name: original.name, keyHash: original.keyHash, signature: bytes),
            ])
            #expect(throws: TransparencyError(.invalidSignature, "")) {
                try SignedNote.open(tampered.serialized, verifiers: ["PeterNeumann": key.publicKey])
            }
        }
        // A truncated signature from a known key is an invalid signature too.
        let short = try SignedNote(text: parsed.text, signatures: [
            SignedNote.Signature(name: original.name, keyHash: original.keyHash, signature: Array(original.signature.prefix(63))),
        ])
        #expect(throws: TransparencyError(.invalidSignature, "")) {
            try SignedNote.open(short.serialized, verifiers: ["PeterNeumann": key.publicKey])
        }
        // A flipped bit in the key ID makes the signature one from an unknown key.
        var id = original.keyHash
        id[3] ^= 0x01
        let otherID = try SignedNote(text: parsed.text, signatures: [
            SignedNote.Signature(name: original.name, keyHash: id, signature: original.signature),
        ])
        #expect(throws: TransparencyError(.unverifiedNote, "")) {
            try SignedNote.open(otherID.serialized, verifiers: ["PeterNeumann": key.publicKey])
        }
    }

    @Test func unknownExtraSignaturesAreIgnored() throws {
        let key = try GoNoteExample.key()
        let cosigned = GoNoteExample.note + GoNoteExample.cosignatureLine
        let opened = try SignedNote.open(cosigned, verifiers: ["PeterNeumann": key.publicKey])
        #expect(opened.verifiedBy == ["PeterNeumann"])
        #expect(opened.text == GoNoteExample.text)
        // Unknown signature first, and a bogus unknown signature: still ignored.
        let reordered = GoNoteExample.text + "\n" + GoNoteExample.cosignatureLine + "— someone.else AAAAAAAA\n" + GoNoteExample.signatureLine
        #expect(try SignedNote.open(reordered, verifiers: ["PeterNeumann": key.publicKey]).verifiedBy == ["PeterNeumann"])
        // Same name as a known key but another key (so another ID): unknown, ignored.
        let impostor = try Ed25519.PrivateKey.generate()
        let impostorLine = try NoteSigner(name: "PeterNeumann", key: impostor).signature(for: GoNoteExample.text).line
        #expect(try SignedNote.open(GoNoteExample.note + impostorLine, verifiers: ["PeterNeumann": key.publicKey]).verifiedBy
            == ["PeterNeumann"])
    }

    @Test func wrongKeyIsRejected() throws {
        let key = try GoNoteExample.key()
        let other = try Ed25519.PrivateKey.generate()
        // Only unknown signatures: the note is unverified.
        #expect(throws: TransparencyError(.unverifiedNote, "")) {
            try SignedNote.open(GoNoteExample.note, verifiers: ["PeterNeumann": other.publicKey])
        }
        #expect(throws: TransparencyError(.unverifiedNote, "")) {
            try SignedNote.open(GoNoteExample.note, verifiers: ["EnochRoot": key.publicKey])
        }
        #expect(throws: TransparencyError(.unverifiedNote, "")) {
            try SignedNote.open(GoNoteExample.note, verifiers: [NoteVerifier]())
        }
        // A signature claiming a known key's name and ID but made by another key: the whole note is rejected, even
        // though a valid signature by the known key is also present.
        let forged = try SignedNote.Signature(name: "PeterNeumann", keyHash: unhex("c74f20a3"),
                                              signature: other.signature(for: Array(GoNoteExample.text.utf8)))
        #expect(throws: TransparencyError(.invalidSignature, "")) {
            try SignedNote.open(GoNoteExample.note + forged.line, verifiers: ["PeterNeumann": key.publicKey])
        }
    }

    @Test func cosigningAddsOrReplaces() throws {
        let log = try NoteSigner(name: "example.com/log", key: try Ed25519.PrivateKey.generate())
        let witness = try NoteSigner(name: "witness.example/w1", key: try Ed25519.PrivateKey.generate())
        let signed = try SignedNote(text: "hello\n", signatures: [log.signature(for: "hello\n")])
        let cosigned = try signed.adding(witness)
        #expect(cosigned.signatures.map(\.name) == ["example.com/log", "witness.example/w1"])
        #expect(try cosigned.adding(witness).signatures.count == 2)
        let opened = try SignedNote.open(cosigned.serialized, verifiers: [log.verifier, witness.verifier])
        #expect(opened.verifiedBy == ["example.com/log", "witness.example/w1"])
        #expect(try SignedNote.open(cosigned.serialized, verifiers: [witness.verifier]).verifiedBy == ["witness.example/w1"])
    }

    @Test func sameVerifierTwiceIsHarmless() throws {
        let key = try GoNoteExample.key()
        let verifier = try NoteVerifier(name: "PeterNeumann", publicKey: key.publicKey)
        #expect(try SignedNote.open(GoNoteExample.note, verifiers: [verifier, verifier]).verifiedBy == ["PeterNeumann"])
    }

    /// Notes that break c2sp.org/signed-note syntax, each a small edit of the Go reference note.
    static let malformedNotes: [(String, String)] = {
        let note: String = GoNoteExample.note
        func edit(_ target: String, _ replacement: String) -> String {
            note.replacingOccurrences(of: target, with: replacement)
        }
        let signature = "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM="
        var cases: [(String, String)] = []
        cases.append(("no blank line", "hello\n— PeterNeumann " + signature + "\n"))
        cases.append(("no final newline", edit("AM=\n", "AM=")))
        cases.append(("no signatures", GoNoteExample.text + "\n"))
        cases.append(("blank line after signatures", note + "\n"))
        cases.append(("hyphen instead of em dash", edit("— ", "- ")))
        cases.append(("en dash", edit("— ", "– ")))
        cases.append(("no space after dash", edit("— ", "—")))
        cases.append(("two spaces after name", edit("Neumann x08", "Neumann  x08")))
        cases.append(("plus in name", edit("PeterNeumann", "Peter+Neumann")))
        cases.append(("empty name", edit("PeterNeumann ", " ")))
        cases.append(("no space before signature", edit("Neumann x08", "Neumannx08")))
        cases.append(("bad base64", edit("x08go", "x08g!")))
        cases.append(("base64 without padding", edit("AM=\n", "AM\n")))
        cases.append(("non-canonical base64", edit("AM=\n", "AN=\n")))
        cases.append(("signature too short", GoNoteExample.text + "\n— PeterNeumann AAAAAA==\n"))
        cases.append(("carriage return", edit("\n", "\r\n")))
        cases.append(("tab in text", edit("If you", "If\tyou")))
        cases.append(("NUL in text", edit("If you", "If\u{0}you")))
        cases.append(("empty", ""))
        cases.append(("garbage line between signatures", note + "not a signature\n" + GoNoteExample.cosignatureLine))
        return cases
    }()

    @Test(arguments: SignedNoteTests.malformedNotes)
    func malformedNotesAreRejected(_ what: String, _ note: String) throws {
        let key = try GoNoteExample.key()
        #expect(throws: TransparencyError(.malformedNote, ""), "\(what)") {
            try SignedNote.open(note, verifiers: ["PeterNeumann": key.publicKey])
        }
    }

    @Test func tooManySignaturesAreRejected() throws {
        let key = try GoNoteExample.key()
        let unknown = "— other.example AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n"
        let atLimit = GoNoteExample.note + String(repeating: unknown, count: SignedNote.maxSignatures - 1)
        #expect(try SignedNote.open(atLimit, verifiers: ["PeterNeumann": key.publicKey]).verifiedBy == ["PeterNeumann"])
        #expect(throws: TransparencyError(.malformedNote, "")) {
            try SignedNote.open(atLimit + unknown, verifiers: ["PeterNeumann": key.publicKey])
        }
    }

    @Test func signingRejectsBadTextAndNames() throws {
        let key = try Ed25519.PrivateKey.generate()
        #expect(throws: TransparencyError(.malformedNote, "")) { try SignedNote.sign(text: "no newline", name: "a", key: key) }
        #expect(throws: TransparencyError(.malformedNote, "")) { try SignedNote.sign(text: "", name: "a", key: key) }
        #expect(throws: TransparencyError(.malformedNote, "")) { try SignedNote.sign(text: "cr\r\n", name: "a", key: key) }
        for name in ["", "a b", "a+b", "tab\tname", "nbsp\u{00A0}name", "ideographic\u{3000}space", "line\u{2028}sep"] {
            #expect(throws: TransparencyError(.invalidArgument, ""), "\(name)") { try SignedNote.sign(text: "x\n", name: name, key: key) }
        }
        #expect(try SignedNote.sign(text: "\n", name: "ünïcödé/name", key: key).hasPrefix("\n\n— ünïcödé/name "))
        #expect(throws: TransparencyError(.malformedNote, "")) { try SignedNote(text: "x\n", signatures: []) }
        #expect(throws: TransparencyError(.malformedNote, "")) { try SignedNote.Signature(name: "a", keyHash: [1, 2, 3], signature: [1]) }
        #expect(throws: TransparencyError(.malformedNote, "")) { try SignedNote.Signature(name: "a", keyHash: [1, 2, 3, 4], signature: []) }
    }

    @Test func parsesTheC2SPExampleNote() throws {
        let note = "Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n\n"
            + "— quasimodo.example/salvatore NnugSzTjtVAewIS+Z/iJhUPeFDkO/5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0xMcXxj99ihAQwaqP3ZekRwNtIc=\n"
        let parsed = try SignedNote(parsing: note)
        // The text keeps its own empty line; only the last blank line separates the signatures.
        #expect(parsed.text == "Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n")
        #expect(parsed.signatures.map(\.name) == ["quasimodo.example/salvatore"])
        #expect(parsed.signatures[0].signature.count == 64)
        #expect(parsed.serialized == note)
    }
}

@Suite struct NoteVerifierTests {
    @Test func verifierKeyRoundTrip() throws {
        let parsed = try NoteVerifier(verifierKey: GoNoteExample.verifierKey)
        #expect(parsed.name == "PeterNeumann")
        #expect(hex(parsed.keyHash) == "c74f20a3")
        #expect(parsed.publicKey == (try GoNoteExample.key()).publicKey)
        #expect(parsed.verifierKey == GoNoteExample.verifierKey)
        #expect(try SignedNote.open(GoNoteExample.note, verifiers: [parsed]).verifiedBy == ["PeterNeumann"])
        // Upper-case hex is accepted (as the Go parser does); output is lower case.
        let upper = try NoteVerifier(verifierKey: "PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
        #expect(upper == parsed)

        let generated = try NoteSigner(name: "example.com/journal", key: try Ed25519.PrivateKey.generate()).verifier
        #expect(try NoteVerifier(verifierKey: generated.verifierKey) == generated)
        let parts = generated.verifierKey.split(separator: "+", maxSplits: 2)
        #expect(parts.count == 3 && parts[0] == "example.com/journal" && parts[1] == hex(generated.keyHash))
        #expect(Data(base64Encoded: String(parts[2])).map(Array.init) == [0x01] + generated.publicKey.rawRepresentation)
    }

    @Test(arguments: [
        "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",   // wrong key ID
        "PeterNeumanN+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",   // name does not match the ID
        "PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",    // 7 hex digits
        "PeterNeumann+c74f20a3a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  // 9 hex digits
        "PeterNeumann+-74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",   // sign in the hex
        "PeterNeumann+c74f20g3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",   // non-hex digit
        "PeterNeumann+c74f20a3+Apc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",    // bad base64 length
        "PeterNeumann+c74f20a3+AhpC2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",   // type byte 0x02
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy",       // 0x01 and a 29-byte key
        "PeterNeumann+c74f20a3",
        "PeterNeumann",
        "",
        "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
    ])
    func malformedVerifierKeysAreRejected(_ key: String) {
        #expect(throws: TransparencyError(.malformedVerifierKey, "")) { try NoteVerifier(verifierKey: key) }
    }
}

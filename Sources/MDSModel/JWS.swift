public import JSON

/// Compact JWS (RFC 7515 §7.1) as MOSIP uses it: RS256, header `{"x5c":["<std base64 DER>"],"alg":"RS256","typ":"JWT"}`
/// with only the leaf certificate; `x5c` must be an array (keymanager ≤ 1.2 casts it to a List) and the header key is
/// `typ`, not the spec text's `type` (mosip-clients.md §b.1, §f.8).
public struct CompactJWS: Sendable, Equatable {
    public let header: JSON
    public let payload: [UInt8]
    public let signature: [UInt8]
    /// The exact ASCII bytes that were signed: `base64url(header) "." base64url(payload)`. Verification runs over
    /// these bytes, never over a re-encoding.
    public let signingInput: [UInt8]

    public struct ParseError: Error, Equatable, CustomStringConvertible, Sendable {
        public let reason: String
        public var description: String { "JWS: \(reason)" }
    }

    /// The header this service writes for a certificate's DER.
    public static func header(certificateDER: [UInt8]) -> JSON {
        .object(["x5c": .array([.string(Base64.encode(certificateDER))]), "alg": "RS256", "typ": "JWT"])
    }

    public static func signingInput(header: JSON, payload: [UInt8]) -> [UInt8] {
        Array((Base64.urlEncode(header.serialized()) + "." + Base64.urlEncode(payload)).utf8)
    }

    public static func compact(signingInput: [UInt8], signature: [UInt8]) -> String {
        String(decoding: signingInput, as: UTF8.self) + "." + Base64.urlEncode(signature)
    }

    public init(compact: String) throws(ParseError) {
        let parts = compact.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw ParseError(reason: "expected 3 segments, got \(parts.count)") }
        guard let h = Base64.decode(String(parts[0])), let p = Base64.decode(String(parts[1])),
              let s = Base64.decode(String(parts[2]))
        else { throw ParseError(reason: "segment is not base64url") }
        guard let headerJSON = try? JSON(parsing: h) else { throw ParseError(reason: "header is not JSON") }
        header = headerJSON
        payload = p
        signature = s
        signingInput = Array((parts[0] + "." + parts[1]).utf8)
    }

    /// The DER of each `x5c` entry (leaf first).
    public var certificateChainDER: [[UInt8]] {
        get throws(ParseError) {
            guard let entries = header["x5c"]?.arrayValue else { throw ParseError(reason: "x5c missing or not an array") }
            return try entries.map { (e: JSON) throws(ParseError) -> [UInt8] in
                guard let s = e.stringValue, let der = Base64.decode(s) else { throw ParseError(reason: "x5c entry is not base64") }
                return der
            }
        }
    }

    public var payloadJSON: JSON? { try? JSON(parsing: payload) }
}

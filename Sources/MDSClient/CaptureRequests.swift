import Foundation
public import JSON

/// Request bodies as MOSIP's real clients write them (mosip-clients.md §a.4, §a.5), so the client and the tests
/// exercise both dialects.
public enum CaptureRequests {
    /// The compliance toolkit's CAPTURE: every scalar a string, lowercase previousHash of SHA-256("").
    public static func complianceToolkitCapture(deviceId: String, type: String, subTypes: [String], score: Int = 40,
                                                timeoutMillis: Int = 10000, transactionId: String, previousHash: String? = nil,
                                                options: [(String, String)] = []) -> JSON {
        var bio: [(String, JSON)] = [
            ("type", .string(type)), ("count", .string(String(type == "Face" ? 1 : subTypes.count))),
            ("requestedScore", .string(String(score))), ("deviceId", .string(deviceId)), ("deviceSubId", "0"),
            ("previousHash", .string(previousHash ?? "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")),
        ]
        if type != "Face" { bio.append(("bioSubType", .strings(subTypes))) }
        return .object([
            ("env", "Developer"), ("purpose", "Auth"), ("specVersion", "0.9.5"), ("timeout", .string(String(timeoutMillis))),
            ("captureTime", .string(isoMillis(Date()))), ("transactionId", .string(transactionId)), ("domainUri", ""),
            ("bio", .array([.object(bio)])), ("customOpts", customOpts(options)),
        ])
    }

    /// mds-testing-kit's CAPTURE (2020): numbers for count/score/subId/timeout, `domainUri` "default",
    /// captureTime with an offset, previousHash uppercase.
    public static func testingKitCapture(deviceId: String, type: String, subTypes: [String], score: Int = 40,
                                         timeoutMillis: Int = 10000, transactionId: String, options: [(String, String)] = []) -> JSON {
        var bio: [(String, JSON)] = [
            ("type", .string(type)), ("count", .number(String(type == "Face" ? 1 : subTypes.count))),
            ("requestedScore", .number(String(score))), ("deviceId", .string(deviceId)), ("deviceSubId", .number("0")),
            ("previousHash", "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"),
        ]
        if type != "Face" { bio.append(("bioSubType", .strings(subTypes))) }
        return .object([
            ("env", "Staging"), ("purpose", "Auth"), ("specVersion", "0.9.5"), ("timeout", .number(String(timeoutMillis))),
            ("captureTime", "2025-01-01T10:00:00+05:30"), ("domainUri", "default"), ("transactionId", .string(transactionId)),
            ("bio", .array([.object(bio)])), ("customOpts", customOpts(options)),
        ])
    }

    /// The registration client's RCAPTURE (1.2+): strings, `previousHash` null, zone-less local captureTime,
    /// `bioSubType` null, exceptions by 0.9.5 name.
    public static func registrationClient(deviceId: String, type: String, subId: Int, count: Int, exceptions: [String] = [],
                                          score: Int = 60, timeoutMillis: Int = 60000, transactionId: String,
                                          previousHash: String? = nil, options: [(String, String)] = []) -> JSON {
        .object([
            ("env", "Developer"), ("purpose", "Registration"), ("specVersion", "0.9.5"), ("timeout", .string(String(timeoutMillis))),
            ("captureTime", "2025-01-01T15:30:00.123"), ("transactionId", .string(transactionId)),
            ("bio", .array([.object([
                ("type", .string(type)), ("count", .string(String(count))), ("bioSubType", .null), ("exception", .strings(exceptions)),
                ("requestedScore", .string(String(score))), ("deviceId", .string(deviceId)), ("deviceSubId", .string(String(subId))),
                ("previousHash", previousHash.map(JSON.string) ?? .null),
            ])])),
            ("customOpts", customOpts(options)),
        ])
    }

    static func customOpts(_ options: [(String, String)]) -> JSON {
        options.isEmpty ? .null : .object(options.map { ($0.0, JSON.string($0.1)) })
    }

    static func isoMillis(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"
        return f.string(from: date)
    }
}

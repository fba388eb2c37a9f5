import Gateway
import HTTPCore
import Testing

@Suite struct RequestPolicyTests {
    let policy = RequestPolicy(port: 4501, allowedOrigins: ["https://esignet.example"])

    func request(_ method: String = "MOSIPDISC", host: String? = "127.0.0.1:4501", origin: String? = nil,
                 extra: [(String, String)] = []) -> HTTPRequest {
        var headers = HTTPHeaders()
        if let host { headers.add(name: "Host", value: host) }
        if let origin { headers.add(name: "Origin", value: origin) }
        for (n, v) in extra { headers.add(name: n, value: v) }
        return HTTPRequest(method: method, path: "/device", headers: headers, localPort: 4501)
    }

    @Test(arguments: ["127.0.0.1:4501", "localhost:4501", "LOCALHOST:4501"])
    func loopbackHostsProceed(host: String) {
        #expect(policy.evaluate(request(host: host)) == .proceed(corsOrigin: nil))
    }

    @Test(arguments: [nil, "evil.example:4501", "127.0.0.1", "127.0.0.1:4502", "127.0.0.2:4501", "[::1]:4501", "localhost"])
    func anyOtherHostIsForbidden(host: String?) {
        #expect(policy.evaluate(request(host: host)) == .answer(status: 403, headers: []))
    }

    @Test func forbiddenHostWinsEvenForPreflight() {
        #expect(policy.evaluate(request("OPTIONS", host: "rebound.example:4501", origin: "https://esignet.example"))
            == .answer(status: 403, headers: []))
    }

    @Test func unconfiguredOriginIsRefused() {
        guard case let .answer(status, _) = policy.evaluate(request(origin: "https://attacker.example")) else {
            Issue.record("expected an answer"); return
        }
        #expect(status == 403)
    }

    @Test func noOriginsAllowedByDefault() {
        let strict = RequestPolicy(port: 4501, allowedOrigins: [])
        guard case let .answer(status, _) = strict.evaluate(request("OPTIONS", origin: "https://esignet.example")) else {
            Issue.record("expected an answer"); return
        }
        #expect(status == 403)
    }

    @Test func preflightEchoesTheOriginAndExactCaseMethodsWithoutCredentials() throws {
        guard case let .answer(status, headers) = policy.evaluate(
            request("OPTIONS", origin: "https://esignet.example", extra: [("Access-Control-Request-Private-Network", "true")]))
        else { Issue.record("expected an answer"); return }
        #expect(status == 204)
        let map = Dictionary(headers, uniquingKeysWith: { a, _ in a })
        #expect(map["Access-Control-Allow-Origin"] == "https://esignet.example")
        #expect(map["Access-Control-Allow-Methods"] == "MOSIPDISC, MOSIPDINFO, CAPTURE, RCAPTURE, STREAM")
        #expect(map["Access-Control-Allow-Private-Network"] == "true")
        #expect(map["Vary"] == "Origin")
        #expect(map["Access-Control-Allow-Credentials"] == nil)
        #expect(!headers.contains { $0.1 == "*" })
    }

    @Test func privateNetworkHeaderOnlyWhenAsked() {
        guard case let .answer(_, headers) = policy.evaluate(request("OPTIONS", origin: "https://esignet.example")) else {
            Issue.record("expected an answer"); return
        }
        #expect(!headers.contains { $0.0 == "Access-Control-Allow-Private-Network" })
    }

    @Test func allowedOriginProceedsWithCORS() {
        #expect(policy.evaluate(request(origin: "https://esignet.example")) == .proceed(corsOrigin: "https://esignet.example"))
    }
}

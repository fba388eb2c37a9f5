public import Bus
public import Wire

/// What the gateway needs from the signer stage. The gateway never holds a private key: it names one.
public protocol SigningService: Sendable {
    /// One compact JWS per item, in order.
    func sign(_ items: [SignRequest.Item]) throws -> [String]
}

/// The signer stage over the bus.
public struct BusSigningService: SigningService {
    private let client: BusClient
    private let timeout: Double

    public init(client: BusClient, timeout: Double = 5) {
        self.client = client
        self.timeout = timeout
    }

    public func sign(_ items: [SignRequest.Item]) throws -> [String] {
        let response = try client.call(SignRequest(items: items), expecting: SignResponse.self, timeout: timeout)
        guard response.tokens.count == items.count else { throw ErrorReply(.internalError, "signer answered \(response.tokens.count) of \(items.count)") }
        return response.tokens
    }
}

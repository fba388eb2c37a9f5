import Bus
import Dispatch
import Foundation
import ServiceKit
import Synchronization
import Testing
import Wire
import ZeroMQ

/// A fresh private directory for `ipc://` socket files, short enough for `sun_path`.
private final class SocketDirectory {
    let path: String

    init() throws {
        path = "/tmp/core-bus-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
    }

    func endpoint(_ name: String) -> String { "ipc://\(path)/\(name).sock" }
    func file(_ name: String) -> String { "\(path)/\(name).sock" }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A `BusServer` running on its own thread until `stop()`.
private final class RunningServer: Sendable {
    let server: BusServer
    private let shutdown = ShutdownSignal()
    private let returned = DispatchSemaphore(value: 0)

    init(_ server: BusServer) {
        self.server = server
        Thread.detachNewThread { [shutdown, returned] in
            server.run(until: shutdown)
            returned.signal()
        }
    }

    /// Trips the shutdown signal; true once `run` has returned (bounded so a hang fails the test, not the run).
    @discardableResult
    func stop() -> Bool {
        shutdown.trip("test over")
        return returned.wait(timeout: .now() + 30) == .success
    }
}

private let stageName = "core-test-stage"

/// Echo: a SignRequest comes back as a SignResponse whose tokens are the payloads as text.
private func echoHandlers(_ extra: [MessageKind: RequestHandlers.Handler] = [:]) -> RequestHandlers {
    var handlers = extra
    handlers[SignRequest.kind] = handlers[SignRequest.kind] ?? { envelope in
        let request = try SignRequest(decoding: envelope.body)
        return SignResponse(tokens: request.items.map { String(decoding: $0.payload, as: UTF8.self) })
    }
    return RequestHandlers(stage: stageName, handlers)
}

private func signRequest(_ text: String) -> SignRequest {
    SignRequest(items: [.init(key: .device("d"), payload: Array(text.utf8))])
}

private func makeServer(_ endpoint: String, _ responder: any BusResponder, log: InMemoryLogHandler = InMemoryLogHandler())
    throws -> BusServer
{
    try BusServer(endpoint: endpoint, responder: responder, logger: Logger(label: "bus-test", level: .trace, handler: log))
}

/// A body that is not a valid encoding of the kind it claims.
private struct Garbage: BusMessage {
    static let kind = SignRequest.kind
    init() {}
    init(from reader: inout WireReader) throws(WireError) {}
    func encode(into writer: inout WireWriter) { writer.u8(0xFF) }
}

/// Records the size of every batch and answers each request with a JournalAck carrying its request id.
private final class BatchRecorder: BusResponder {
    private let sizes = Mutex<[Int]>([])
    var batchSizes: [Int] { sizes.withLock { $0 } }

    func respond(to requests: [Envelope]) -> [Envelope] {
        sizes.withLock { $0.append(requests.count) }
        return requests.map { Envelope(JournalAck(firstSequence: $0.requestId, count: UInt32(requests.count)), requestId: $0.requestId) }
    }
}

/// Answers each batch later, from another thread, once `release` lets it (or at once when `hold` is false).
private final class DeferredEcho: BusDeferredResponder {
    let release = DispatchSemaphore(value: 0)
    let hold: Bool
    private let sizes = Mutex<[Int]>([])
    var batchSizes: [Int] { sizes.withLock { $0 } }

    init(hold: Bool) { self.hold = hold }

    func respond(to requests: [Envelope], reply: @escaping @Sendable ([Envelope]) -> Void) {
        sizes.withLock { $0.append(requests.count) }
        let replies = requests.map { Envelope(JournalAck(firstSequence: $0.requestId, count: 0), requestId: $0.requestId) }
        let hold = hold, release = release
        Thread.detachNewThread {
            if hold { release.wait() }
            reply(replies)
        }
    }
}

private struct Unexpected: Error {}

/// A lock-protected value that escaping closures can share (a `Mutex` itself cannot be captured by them).
private final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    var value: Value { mutex.withLock { $0 } }
    func set(_ value: Value) { mutex.withLock { $0 = value } }
    func update(_ body: (inout Value) -> Void) { mutex.withLock { body(&$0) } }
}

@Suite struct BusTests {
    @Test func pingIsAnsweredWithTheStageName() throws {
        let dir = try SocketDirectory()
        let running = RunningServer(try makeServer(dir.endpoint("ping"), echoHandlers()))
        defer { #expect(running.stop()) }
        let client = try BusClient(endpoint: dir.endpoint("ping"))
        defer { client.close() }

        let pong = try client.call(Ping(), expecting: Pong.self, timeout: 10)
        #expect(pong.stage == stageName)
        #expect(pong.processId == UInt32(getpid()))
        #expect(client.waitUntilReachable(timeout: 10))
    }

    @Test func replyEnvelopeEchoesTheRequestId() throws {
        let endpoint = "inproc://core-bus-\(UUID().uuidString)"
        let running = RunningServer(try makeServer(endpoint, echoHandlers()))
        defer { #expect(running.stop()) }
        let client = try BusClient(endpoint: endpoint)
        defer { client.close() }

        let first = try client.roundTrip(signRequest("one"), timeout: 10)
        let second = try client.roundTrip(signRequest("two"), timeout: 10)
        #expect(first.requestId != second.requestId)
        #expect(try first.decode(SignResponse.self).tokens == ["one"])
        #expect(try second.decode(SignResponse.self).tokens == ["two"])
    }

    @Test func concurrentCallsEachGetTheirOwnReply() throws {
        let dir = try SocketDirectory()
        let running = RunningServer(try makeServer(dir.endpoint("echo"), echoHandlers()))
        defer { #expect(running.stop()) }
        let client = try BusClient(endpoint: dir.endpoint("echo"))
        defer { client.close() }

        let count = 50
        let results = Mutex<[Int: Result<[String], any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let result = Result { try client.call(signRequest("request-\(i)"), expecting: SignResponse.self, timeout: 30).tokens }
            results.withLock { $0[i] = result }
        }
        let all = results.withLock { $0 }
        #expect(all.count == count)
        for i in 0..<count {
            switch all[i] {
            case .success(let tokens): #expect(tokens == ["request-\(i)"], "call \(i)")
            case .failure(let error): Issue.record("call \(i) failed: \(error)")
            case nil: Issue.record("call \(i) has no result")
            }
        }
    }

    @Test func concurrentClientsOfOneServerAreKeptApart() throws {
        let endpoint = "inproc://core-bus-\(UUID().uuidString)"
        let running = RunningServer(try makeServer(endpoint, echoHandlers()))
        defer { #expect(running.stop()) }
        let clients = try (0..<4).map { _ in try BusClient(endpoint: endpoint) }
        defer { clients.forEach { $0.close() } }

        let failures = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 40) { i in
            let client = clients[i % clients.count]
            let tokens = try? client.call(signRequest("c\(i % clients.count)-\(i)"), expecting: SignResponse.self, timeout: 30).tokens
            if tokens != ["c\(i % clients.count)-\(i)"] { failures.add(1, ordering: .relaxed) }
        }
        #expect(failures.load(ordering: .relaxed) == 0)
    }

    @Test func unknownMessageKindIsUnsupported() throws {
        let dir = try SocketDirectory()
        let running = RunningServer(try makeServer(dir.endpoint("unknown"), echoHandlers()))
        defer { #expect(running.stop()) }
        let client = try BusClient(endpoint: dir.endpoint("unknown"))
        defer { client.close() }

        let error = #expect(throws: ErrorReply.self) {
            try client.call(SensorStatusRequest(), expecting: SensorStatus.self, timeout: 10)
        }
        #expect(error?.code == .unsupported)
        #expect(error?.message.contains(stageName) == true)
    }

    @Test func handlerErrorsBecomeErrorReplies() throws {
        let endpoint = "inproc://core-bus-\(UUID().uuidString)"
        let responder = echoHandlers([
            JournalAppend.kind: { _ in throw ErrorReply(.conflict, "busy") },
            KeyInventoryRequest.kind: { _ in throw Unexpected() },
        ])
        let running = RunningServer(try makeServer(endpoint, responder))
        defer { #expect(running.stop()) }
        let client = try BusClient(endpoint: endpoint)
        defer { client.close() }

        let conflict = #expect(throws: ErrorReply.self) {
            try client.call(JournalAppend(events: []), expecting: JournalAck.self, timeout: 10)
        }
        #expect(conflict == ErrorReply(.conflict, "busy"))

        let internalError = #expect(throws: ErrorReply.self) {
            try client.call(KeyInventoryRequest(), expecting: KeyInventory.self, timeout: 10)
        }
        #expect(internalError?.code == .internalError)

        // The SignRequest handler cannot decode this body: its WireError is a bad request, not a crash.
        let badRequest = #expect(throws: ErrorReply.self) {
            try client.call(Garbage(), expecting: SignResponse.self, timeout: 10)
        }
        #expect(badRequest?.code == .badRequest)

        // And the server still serves.
        #expect(try client.call(signRequest("after"), expecting: SignResponse.self, timeout: 10).tokens == ["after"])
    }

    @Test func callToAnEndpointNobodyServesTimesOut() throws {
        let dir = try SocketDirectory()
        let client = try BusClient(endpoint: dir.endpoint("nobody"))
        defer { client.close() }

        let error = #expect(throws: ErrorReply.self) {
            try client.call(Ping(), expecting: Pong.self, timeout: 0.3)
        }
        #expect(error?.code == .timeout)
        #expect(!client.waitUntilReachable(timeout: 0.3))
    }

    @Test func lateReplyIsNotDeliveredToTheNextCall() throws {
        let endpoint = "inproc://core-bus-\(UUID().uuidString)"
        let release = DispatchSemaphore(value: 0)
        let responder = echoHandlers([
            SignRequest.kind: { envelope in
                let request = try SignRequest(decoding: envelope.body)
                let text = String(decoding: request.items[0].payload, as: UTF8.self)
                if text == "slow" { _ = release.wait(timeout: .now() + 30) }
                return SignResponse(tokens: [text])
            },
        ])
        let running = RunningServer(try makeServer(endpoint, responder))
        defer { #expect(running.stop()) }
        let client = try BusClient(endpoint: endpoint)
        defer { client.close() }

        let timedOut = #expect(throws: ErrorReply.self) {
            try client.call(signRequest("slow"), expecting: SignResponse.self, timeout: 0.3)
        }
        #expect(timedOut?.code == .timeout)
        release.signal()
        #expect(try client.call(signRequest("fresh"), expecting: SignResponse.self, timeout: 10).tokens == ["fresh"])
    }

    @Test func requestsThatArriveTogetherAreAnsweredAsOneBatch() throws {
        let endpoint = "inproc://core-bus-\(UUID().uuidString)"
        let recorder = BatchRecorder()
        let server = try makeServer(endpoint, recorder)
        // inproc delivers synchronously: all five are queued before the server thread starts reading.
        let dealer = try ZMQSocket(type: .dealer)
        defer { dealer.close() }
        try dealer.setReceiveTimeout(milliseconds: 10_000)
        try dealer.connect(endpoint)
        for id in UInt64(1)...5 { #expect(try dealer.send(Envelope(JournalAppend(events: []), requestId: id).frames)) }

        let running = RunningServer(server)
        defer { #expect(running.stop()) }
        var replied: [UInt64] = []
        for _ in 0..<5 {
            let frames = try #require(try dealer.receive())
            let ack = try Envelope(frames: frames).decode(JournalAck.self)
            replied.append(ack.firstSequence)
        }
        #expect(replied == [1, 2, 3, 4, 5])
        #expect(recorder.batchSizes == [5])
    }

    @Test func batchesAreCappedAtMaxBatch() throws {
        let endpoint = "inproc://core-bus-\(UUID().uuidString)"
        let recorder = BatchRecorder()
        let server = try makeServer(endpoint, recorder)
        server.maxBatch = 2
        let dealer = try ZMQSocket(type: .dealer)
        defer { dealer.close() }
        try dealer.setReceiveTimeout(milliseconds: 10_000)
        try dealer.connect(endpoint)
        for id in UInt64(1)...5 { #expect(try dealer.send(Envelope(JournalAppend(events: []), requestId: id).frames)) }

        let running = RunningServer(server)
        defer { #expect(running.stop()) }
        var replied: [UInt64] = []
        for _ in 0..<5 {
            let frames = try #require(try dealer.receive())
            replied.append(try Envelope(frames: frames).decode(JournalAck.self).firstSequence)
        }
        #expect(replied == [1, 2, 3, 4, 5])
        #expect(recorder.batchSizes.allSatisfy { $0 <= 2 })
        #expect(recorder.batchSizes.reduce(0, +) == 5)
    }

    @Test func deferredRepliesComeFromAnotherThreadWhileTheServerKeepsReceiving() throws {
        let endpoint = "inproc://core-bus-\(UUID().uuidString)"
        let responder = DeferredEcho(hold: true)
        let running = RunningServer(try BusServer(endpoint: endpoint, deferredResponder: responder,
                                                  logger: Logger(label: "bus-test", level: .error)))
        defer { #expect(running.stop()) }
        let client = try BusClient(endpoint: endpoint)
        defer { client.close() }
        // Three calls in flight, none answered yet: the server took all three while the first was still owed.
        let answered = Locked<[UInt64]>([])
        let done = DispatchSemaphore(value: 0)
        for _ in 0..<3 {
            Thread.detachNewThread {
                if let ack = try? client.call(JournalAppend(events: []), expecting: JournalAck.self, timeout: 10) {
                    answered.update { $0.append(ack.firstSequence) }
                }
                done.signal()
            }
        }
        let deadline = Date().addingTimeInterval(10)
        while responder.batchSizes.reduce(0, +) < 3 && Date() < deadline { usleep(1000) }
        #expect(responder.batchSizes.reduce(0, +) == 3)
        #expect(answered.value.isEmpty)
        for _ in 0..<responder.batchSizes.count { responder.release.signal() }
        for _ in 0..<3 { done.wait() }
        #expect(answered.value.count == 3 && Set(answered.value).count == 3)
    }

    @Test func shutdownSendsTheDeferredRepliesStillOwed() throws {
        let endpoint = "inproc://core-bus-\(UUID().uuidString)"
        let responder = DeferredEcho(hold: true)
        let server = try BusServer(endpoint: endpoint, deferredResponder: responder, logger: Logger(label: "bus-test", level: .error))
        let running = RunningServer(server)
        let dealer = try ZMQSocket(type: .dealer)
        defer { dealer.close() }
        try dealer.setReceiveTimeout(milliseconds: 10_000)
        try dealer.connect(endpoint)
        #expect(try dealer.send(Envelope(JournalAppend(events: []), requestId: 42).frames))
        let deadline = Date().addingTimeInterval(10)
        while responder.batchSizes.isEmpty && Date() < deadline { usleep(1000) }
        // Shut down while the reply is owed; it is released a moment later and must still go out.
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { responder.release.signal() }
        #expect(running.stop())
        let frames = try #require(try dealer.receive())
        #expect(try Envelope(frames: frames).decode(JournalAck.self).firstSequence == 42)
    }

    @Test func malformedFramesAreLoggedAndDropped() throws {
        let endpoint = "inproc://core-bus-\(UUID().uuidString)"
        let log = InMemoryLogHandler()
        let running = RunningServer(try makeServer(endpoint, echoHandlers(), log: log))
        defer { #expect(running.stop()) }
        let dealer = try ZMQSocket(type: .dealer)
        defer { dealer.close() }
        try dealer.setReceiveTimeout(milliseconds: 10_000)
        try dealer.connect(endpoint)

        var badVersion = Envelope(Ping(), requestId: 1).frames
        badVersion[0][0] = 9
        #expect(try dealer.send(badVersion))
        #expect(try dealer.send([[1, 2, 3]]))  // one frame
        #expect(try dealer.send(Envelope(Ping(), requestId: 2).frames))

        // Requests are served in order, so once the ping is answered both bad frames have been seen and dropped.
        let reply = try Envelope(frames: try #require(try dealer.receive()))
        #expect(reply.requestId == 2)
        #expect(try reply.decode(Pong.self).stage == stageName)
        let warnings = log.records.filter { $0.level == .warning && $0.message == "bus frame rejected" }
        #expect(warnings.count == 2)
    }

    @Test func ipcSocketFileIsRemovedWhenRunReturns() throws {
        let dir = try SocketDirectory()
        let running = RunningServer(try makeServer(dir.endpoint("stage"), echoHandlers()))
        #expect(FileManager.default.fileExists(atPath: dir.file("stage")))
        let client = try BusClient(endpoint: dir.endpoint("stage"))
        defer { client.close() }
        _ = try client.call(Ping(), expecting: Pong.self, timeout: 10)

        #expect(running.stop())
        #expect(!FileManager.default.fileExists(atPath: dir.file("stage")))
    }

    @Test func boundEndpointResolvesAWildcardPort() throws {
        let server = try makeServer("tcp://127.0.0.1:*", echoHandlers())
        let running = RunningServer(server)
        defer { #expect(running.stop()) }
        let endpoint = server.boundEndpoint
        #expect(endpoint.hasPrefix("tcp://127.0.0.1:"))
        #expect(!endpoint.hasSuffix(":*"))
        let client = try BusClient(endpoint: endpoint)
        defer { client.close() }
        #expect(try client.call(Ping(), expecting: Pong.self, timeout: 10).stage == stageName)
    }

    @Test func closeMakesAPendingCallThrowInsteadOfHanging() throws {
        let endpoint = "inproc://core-bus-\(UUID().uuidString)"
        let received = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let responder = echoHandlers([
            SignRequest.kind: { _ in
                received.signal()
                _ = release.wait(timeout: .now() + 30)
                return SignResponse(tokens: [])
            },
        ])
        let running = RunningServer(try makeServer(endpoint, responder))
        defer {
            release.signal()
            #expect(running.stop())
        }
        let client = try BusClient(endpoint: endpoint)

        let outcome = Locked<Result<SignResponse, any Error>?>(nil)
        let finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let result = Result { try client.call(signRequest("pending"), expecting: SignResponse.self, timeout: 120) }
            outcome.set(result)
            finished.signal()
        }
        // The server holds the request, so the call is certainly pending now.
        #expect(received.wait(timeout: .now() + 30) == .success)
        client.close()

        // Far below the call's own 120 s timeout: only close() can have ended it.
        #expect(finished.wait(timeout: .now() + 60) == .success)
        let result = try #require(outcome.value)
        #expect(throws: ErrorReply.self) { try result.get() }
        if case .failure(let error as ErrorReply) = result { #expect(error.code == .unavailable) }
    }

    @Test func callAfterCloseThrowsUnavailable() throws {
        let dir = try SocketDirectory()
        let client = try BusClient(endpoint: dir.endpoint("closed"))
        client.close()
        client.close()  // idempotent
        let error = #expect(throws: ErrorReply.self) { try client.call(Ping(), expecting: Pong.self, timeout: 10) }
        #expect(error?.code == .unavailable)
    }

    /// `deinit` calls `close()`, so a client dropped without `close()` should release its I/O thread, socket and
    /// self-pipe. The I/O thread's closure captures `self` strongly, so today the client is never deallocated.
    @Test func clientDroppedWithoutCloseIsDeallocated() throws {
        let dir = try SocketDirectory()
        weak var weakClient: BusClient?
        do {
            let client = try BusClient(endpoint: dir.endpoint("dropped"))
            weakClient = client
        }
        // Give the I/O thread a chance to observe the release (a fix would have it exit within one poll).
        for _ in 0..<30 where weakClient != nil { Thread.sleep(forTimeInterval: 0.1) }
        #expect(weakClient == nil)
        weakClient?.close()  // don't leak the thread into other tests if it is still alive
    }
}

@Suite struct EndpointsTests {
    @Test func everyStageButTheGatewayGetsAnIPCFileInTheRuntimeDirectory() {
        let endpoints = Endpoints(runtimeDirectory: "/run/mds")
        #expect(endpoints[.journal] == "ipc:///run/mds/journal.sock")
        #expect(endpoints[.signer] == "ipc:///run/mds/signer.sock")
        #expect(endpoints[.gateway] == "")
        #expect(endpoints.byStage.count == Stage.allCases.count - 1)
    }

    @Test func overridesReplaceTheDefault() {
        let endpoints = Endpoints(runtimeDirectory: "/run/mds", overrides: [.signer: "tcp://10.0.0.2:5555"])
        #expect(endpoints[.signer] == "tcp://10.0.0.2:5555")
        #expect(endpoints[.sensor] == "ipc:///run/mds/sensor.sock")
    }

    @Test func overridesByNameIgnoreUnknownStages() {
        let endpoints = Endpoints(runtimeDirectory: "/run/mds", overridesByName: ["journal": "tcp://h:1", "nope": "tcp://h:2"])
        #expect(endpoints == Endpoints(runtimeDirectory: "/run/mds", overrides: [.journal: "tcp://h:1"]))
    }
}

import Glibc
import HTTPCore
import MicroHTTPD

/// A value behind a pthread mutex, for state shared between responder threads and the test.
final class Guarded<Value>: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var value: Value

    init(_ value: Value) {
        self.value = value
        pthread_mutex_init(&mutex, nil)
    }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body(&value)
    }

    var current: Value { withLock { $0 } }
}

/// A responder made of a closure.
struct ClosureResponder: HTTPResponder {
    let body: @Sendable (HTTPRequest) -> HTTPResponse
    init(_ body: @escaping @Sendable (HTTPRequest) -> HTTPResponse) { self.body = body }
    func respond(to request: HTTPRequest) -> HTTPResponse { body(request) }
}

/// A responder that keeps every request it sees and answers 200 with the method and body echoed.
final class RecordingResponder: HTTPResponder {
    let requests = Guarded<[HTTPRequest]>([])

    func respond(to request: HTTPRequest) -> HTTPResponse {
        requests.withLock { $0.append(request) }
        var response = HTTPResponse.bytes(request.body, contentType: "application/octet-stream")
        response.headers.add(name: "X-Method", value: request.method)
        response.headers.add(name: "X-Exceeded", value: request.bodyExceededLimit ? "yes" : "no")
        return response
    }
}

/// Runs each closure on its own OS thread and waits for all of them (the cooperative pool has only as many
/// threads as cores, too few to prove concurrency).
func runOnThreads(_ bodies: [@Sendable () -> Void]) {
    final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
    var threads: [pthread_t] = []
    for body in bodies {
        var thread = pthread_t()
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        let created = pthread_create(&thread, nil, { argument in
            Unmanaged<Box>.fromOpaque(argument!).takeRetainedValue().body()
            return nil
        }, box)
        precondition(created == 0, "pthread_create failed")
        threads.append(thread)
    }
    for thread in threads { pthread_join(thread, nil) }
}

/// Polls `condition` every 10 ms for up to `seconds`.
func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}

/// A server on a kernel-chosen port of 127.0.0.1, started.
func startServer(
    _ responder: any HTTPResponder, maxBodyBytes: Int = 1 << 20
) throws -> (server: HTTPServer, port: Int) {
    let configuration = HTTPServerConfiguration(ports: 0...0, maxBodyBytes: maxBodyBytes)
    let server = HTTPServer(configuration: configuration, responder: responder)
    return (server, try server.start())
}

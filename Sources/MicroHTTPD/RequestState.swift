/// What one request accumulates between the calls MHD makes for it: created by the URI log callback (which
/// MHD calls once per request, before anything else), stored in `*con_cls`, released by the request-completed
/// callback. Only the request's connection thread touches it.
final class RequestState {
    /// The request target exactly as sent, before MHD splits off and decodes anything.
    let rawTarget: String?
    /// Set by the first access-handler call, made once the headers are in.
    var headersSeen = false
    /// Set once the responder has been called, so it is called exactly once.
    var responded = false
    private(set) var body: [UInt8] = []
    private(set) var bodyExceededLimit = false

    init(rawTarget: String?) {
        self.rawTarget = rawTarget
    }

    /// The raw query: what follows the first `?` of the target.
    var query: String? {
        guard let rawTarget, let mark = rawTarget.utf8.firstIndex(of: UInt8(ascii: "?")) else { return nil }
        return String(rawTarget[rawTarget.utf8.index(after: mark)...])
    }

    /// Keeps `count` more body bytes, or counts and drops them once the body has grown past `limit`.
    func append(_ bytes: UnsafeRawPointer, count: Int, limit: Int) {
        guard !bodyExceededLimit else { return }
        guard body.count + count <= limit else {
            bodyExceededLimit = true
            body = []
            return
        }
        body.append(contentsOf: UnsafeRawBufferPointer(start: bytes, count: count))
    }
}

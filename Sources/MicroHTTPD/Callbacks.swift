internal import CMicroHTTPD
internal import HTTPCore

/// The C callbacks handed to MHD. None captures anything: state travels through `cls` and `con_cls`.
enum Callbacks {
    /// Called once per request as soon as its request line is parsed; the return value becomes `*con_cls`, and
    /// MHD then always calls `requestCompleted` for it, however the request ends.
    static let uriLog: mds_mhd_uri_log_callback = { _, uri, _ in
        let state = RequestState(rawTarget: uri.map { String(cString: $0) })
        return Unmanaged.passRetained(state).toOpaque()
    }

    /// Frees the per-request state.
    static let requestCompleted: MHD_RequestCompletedCallback = { _, _, conCls, _ in
        guard let conCls, let state = conCls.pointee else { return }
        Unmanaged<RequestState>.fromOpaque(state).release()
        conCls.pointee = nil
    }

    /// Called once when the headers are in, once per piece of body, and once more when the body is complete:
    /// then the responder runs, exactly once, and its response is queued.
    static let access: MHD_AccessHandlerCallback = { cls, connection, url, method, _, upload, uploadSize, conCls in
        guard let cls, let connection, let uploadSize, let conCls else { return .NO }
        let context = Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue()
        let state: RequestState
        if let existing = conCls.pointee {
            state = Unmanaged<RequestState>.fromOpaque(existing).takeUnretainedValue()
        } else {
            // Not expected (the URI log callback always runs first), but keep the request whole if it happens.
            state = RequestState(rawTarget: nil)
            conCls.pointee = Unmanaged.passRetained(state).toOpaque()
        }

        guard state.headersSeen else {
            // Returning without a response lets MHD send `100 Continue` if asked and read the body.
            state.headersSeen = true
            return .YES
        }
        if uploadSize.pointee > 0 {
            if let upload {
                state.append(upload, count: uploadSize.pointee, limit: context.maxBodyBytes)
            }
            uploadSize.pointee = 0
            return .YES
        }
        guard !state.responded else { return .NO }
        state.responded = true

        let request = HTTPRequest(
            method: method.map { String(cString: $0) } ?? "",
            path: url.map { String(cString: $0) } ?? "",
            query: state.query,
            headers: requestHeaders(of: connection),
            body: state.body,
            bodyExceededLimit: state.bodyExceededLimit,
            localPort: context.localPort)
        let response = context.responder.respond(to: request)
        return ResponseQueue.queue(response, on: connection, context: context)
    }

    /// The request's header fields, in the order received.
    private static func requestHeaders(of connection: OpaquePointer) -> HTTPHeaders {
        var headers = HTTPHeaders()
        withUnsafeMutablePointer(to: &headers) { pointer in
            _ = MHD_get_connection_values(connection, .HEADER_KIND, { cls, _, key, value in
                guard let cls, let key else { return .YES }
                cls.assumingMemoryBound(to: HTTPHeaders.self).pointee.add(
                    name: String(cString: key), value: value.map { String(cString: $0) } ?? "")
                return .YES
            }, pointer)
        }
        return headers
    }

    /// MHD asks for the next bytes of a streamed body.
    static let streamReader: MHD_ContentReaderCallback = { cls, _, buffer, capacity in
        guard let cls, let buffer else { return StreamState.endWithError }
        return Unmanaged<StreamState>.fromOpaque(cls).takeUnretainedValue().fill(buffer, capacity: capacity)
    }

    /// MHD is done with a streamed response (finished, failed or the client went away).
    static let streamFinished: MHD_ContentReaderFreeCallback = { cls in
        guard let cls else { return }
        Unmanaged<StreamState>.fromOpaque(cls).takeRetainedValue().finish()
    }
}

internal import CMicroHTTPD
internal import HTTPCore

/// Turns an `HTTPResponse` into an MHD response and queues it on a connection.
enum ResponseQueue {
    /// Bytes handed to the stream reader per call at most.
    private static let streamBlockSize = 64 * 1024

    static func queue(_ response: HTTPResponse, on connection: OpaquePointer, context: ServerContext) -> MHD_Result {
        let status = (100...999).contains(response.status) ? response.status : 500
        let created: OpaquePointer?
        switch response.body {
        case .bytes(let bytes):
            created = bytes.withUnsafeBytes { raw in
                MHD_create_response_from_buffer(
                    raw.count, UnsafeMutableRawPointer(mutating: raw.baseAddress), .RESPMEM_MUST_COPY)
            }
        case .stream(let stream):
            created = streamResponse(stream, on: connection, context: context)
        }
        guard let created else { return .NO }
        for (name, value) in response.headers where name.lowercased() != "content-length" {
            // MHD refuses fields it manages itself or values with CR/LF; such a field is dropped.
            _ = MHD_add_response_header(created, name, value)
        }
        let queued = MHD_queue_response(connection, UInt32(status), created)
        MHD_destroy_response(created)
        return queued
    }

    /// A response of unknown size whose body MHD pulls from `stream` piece by piece; nil (with the stream
    /// closed) when it cannot be made.
    private static func streamResponse(
        _ stream: any HTTPBodyStream, on connection: OpaquePointer, context: ServerContext
    ) -> OpaquePointer? {
        let state = StreamState(stream: stream, socket: mds_mhd_connection_fd(connection), context: context)
        guard context.register(state) else {
            state.finish()
            return nil
        }
        let cls = Unmanaged.passRetained(state)
        guard let created = MHD_create_response_from_callback(
            UInt64.max,  // MHD_SIZE_UNKNOWN: chunked for HTTP/1.1, close-delimited for HTTP/1.0
            streamBlockSize, Callbacks.streamReader, cls.toOpaque(), Callbacks.streamFinished)
        else {
            cls.release()
            state.finish()
            return nil
        }
        return created
    }
}

internal import COpenJPEG

// In-memory OpenJPEG streams: `opj_stream_create` plus read/write/skip/seek callbacks over a Swift buffer.
// The buffer object travels as the stream's user data, retained with `Unmanaged.passRetained` and released by
// the stream's free callback (the GRDB pattern for C callbacks), so no temporary file is ever touched.

/// An OpenJPEG stream (`opj_stream_t *`).
typealias StreamHandle = UnsafeMutablePointer<opj_stream_t?>
/// An OpenJPEG codec (`opj_codec_t *`).
typealias CodecHandle = UnsafeMutablePointer<opj_codec_t?>

/// The bytes a decoding stream reads from.
final class InputBuffer {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }
}

/// The bytes an encoding stream writes to. OpenJPEG seeks backwards to patch box lengths, so writes overwrite
/// existing bytes at `position` and extend the buffer past its end.
final class OutputBuffer {
    var bytes: [UInt8] = []
    var position = 0

    init(capacity: Int) { bytes.reserveCapacity(capacity) }
}

/// OpenJPEG's stream buffer for inputs: never larger than the input (plus a little) or 1 MiB.
private func chunkSize(for length: Int) -> Int {
    min(max(length, 4096), Int(OPJ_J2K_STREAM_CHUNK_SIZE))
}

/// Creates an input stream over `buffer`; the stream owns one retain on it.
func makeInputStream(_ buffer: InputBuffer) -> StreamHandle? {
    guard let stream = opj_stream_create(chunkSize(for: buffer.bytes.count), 1) else { return nil }
    opj_stream_set_user_data(stream, Unmanaged.passRetained(buffer).toOpaque()) { context in
        guard let context else { return }
        Unmanaged<InputBuffer>.fromOpaque(context).release()
    }
    opj_stream_set_user_data_length(stream, UInt64(buffer.bytes.count))
    opj_stream_set_read_function(stream) { destination, count, context in
        let input = Unmanaged<InputBuffer>.fromOpaque(context!).takeUnretainedValue()
        let available = input.bytes.count - input.position
        // (OPJ_SIZE_T)-1 signals the end of the stream.
        guard available > 0, let destination else { return -1 }
        let n = min(count, available)
        input.bytes.withUnsafeBytes { source in
            destination.copyMemory(from: source.baseAddress! + input.position, byteCount: n)
        }
        input.position += n
        return n
    }
    opj_stream_set_skip_function(stream) { offset, context in
        let input = Unmanaged<InputBuffer>.fromOpaque(context!).takeUnretainedValue()
        let target = Int64(input.position) + offset
        guard target >= 0 else { return -1 }
        let clamped = min(target, Int64(input.bytes.count))
        let skipped = clamped - Int64(input.position)
        input.position = Int(clamped)
        return skipped
    }
    opj_stream_set_seek_function(stream) { offset, context in
        let input = Unmanaged<InputBuffer>.fromOpaque(context!).takeUnretainedValue()
        guard offset >= 0, offset <= Int64(input.bytes.count) else { return 0 }
        input.position = Int(offset)
        return 1
    }
    return stream
}

/// Creates an output stream writing into `buffer`; the stream owns one retain on it.
func makeOutputStream(_ buffer: OutputBuffer) -> StreamHandle? {
    guard let stream = opj_stream_create(Int(OPJ_J2K_STREAM_CHUNK_SIZE), 0) else { return nil }
    opj_stream_set_user_data(stream, Unmanaged.passRetained(buffer).toOpaque()) { context in
        guard let context else { return }
        Unmanaged<OutputBuffer>.fromOpaque(context).release()
    }
    opj_stream_set_write_function(stream) { source, count, context in
        let output = Unmanaged<OutputBuffer>.fromOpaque(context!).takeUnretainedValue()
        guard let source, count > 0 else { return 0 }
        let incoming = UnsafeRawBufferPointer(start: source, count: count)
        let overlap = min(count, max(0, output.bytes.count - output.position))
        if overlap > 0 {
            output.bytes.withUnsafeMutableBytes { bytes in
                (bytes.baseAddress! + output.position).copyMemory(from: source, byteCount: overlap)
            }
        }
        if output.position > output.bytes.count {
            output.bytes.append(contentsOf: repeatElement(0, count: output.position - output.bytes.count))
        }
        if overlap < count { output.bytes.append(contentsOf: incoming[overlap...]) }
        output.position += count
        return count
    }
    opj_stream_set_skip_function(stream) { offset, context in
        let output = Unmanaged<OutputBuffer>.fromOpaque(context!).takeUnretainedValue()
        let target = Int64(output.position) + offset
        guard target >= 0 else { return -1 }
        output.position = Int(target)
        return offset
    }
    opj_stream_set_seek_function(stream) { offset, context in
        let output = Unmanaged<OutputBuffer>.fromOpaque(context!).takeUnretainedValue()
        guard offset >= 0 else { return 0 }
        output.position = Int(offset)
        return 1
    }
    return stream
}

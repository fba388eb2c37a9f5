import Foundation
import ServiceKit

/// Lines written through one buffer to standard output, or to a file that appears under its name only once complete
/// (written beside it as `<name>.partial`, then renamed): what `replay` and `export` stream into, so their memory does
/// not grow with the journal.
final class LineOutput {
    private let descriptor: Int32
    private let destination: (partial: String, final: String)?
    private var buffer: [UInt8] = []
    private static let flushSize = 1 << 20

    init(path: String?) throws {
        if let path {
            let partial = path + ".partial"
            let fd = Foundation.open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw ValidationError("cannot write \(partial): \(String(cString: strerror(errno)))") }
            descriptor = fd
            destination = (partial, path)
        } else {
            descriptor = STDOUT_FILENO
            destination = nil
        }
        buffer.reserveCapacity(Self.flushSize + 4096)
    }

    func write(_ line: String) throws {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= Self.flushSize { try flush() }
    }

    /// Writes what is buffered; for a file, syncs it and moves it to its name.
    func close() throws {
        try flush()
        guard let destination else { return }
        defer { Foundation.close(descriptor) }
        guard fsync(descriptor) == 0, rename(destination.partial, destination.final) == 0 else {
            throw ValidationError("cannot write \(destination.final): \(String(cString: strerror(errno)))")
        }
    }

    /// Gives up a file that was not completed: removes `<name>.partial` (the name itself was never written).
    func discard() {
        guard let destination else { return }
        Foundation.close(descriptor)
        unlink(destination.partial)
    }

    private func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw ValidationError("write failed: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

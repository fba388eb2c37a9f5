import Foundation

/// Private directories: the runtime directory holds the `ipc://` bus sockets and must be 0700 (filesystem
/// permissions are the bus's authentication on one host); the state directory holds keys and the journal.
public enum Directories {
    /// Creates `path` (and parents) if needed and forces mode 0700; fails if it is not a directory we own.
    public static func ensurePrivate(_ path: String) throws {
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } else if !isDir.boolValue {
            throw ValidationError("\(path) exists and is not a directory")
        }
        var st = stat()
        guard stat(path, &st) == 0 else { throw ValidationError("cannot stat \(path)") }
        guard st.st_uid == geteuid() else { throw ValidationError("\(path) is not owned by this user") }
        guard chmod(path, 0o700) == 0 else { throw ValidationError("cannot chmod 0700 \(path)") }
    }

    /// Writes `data` to `path` with `mode`, atomically (temp file + rename), so a crash never leaves half a key.
    public static func writeFile(_ path: String, _ data: [UInt8], mode: UInt32) throws {
        let tmp = path + ".tmp.\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode_t(mode))
        guard fd >= 0 else { throw ValidationError("cannot create \(tmp): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        fchmod(fd, mode_t(mode))
        var offset = 0
        while offset < data.count {
            let n = data.withUnsafeBytes { write(fd, $0.baseAddress! + offset, data.count - offset) }
            if n < 0 { if errno == EINTR { continue }; throw ValidationError("cannot write \(tmp)") }
            offset += n
        }
        fsync(fd)
        guard rename(tmp, path) == 0 else { throw ValidationError("cannot rename \(tmp)") }
    }

    public static func defaultStateDirectory() -> String {
        let env = ProcessInfo.processInfo.environment
        if let dir = env["MDS_STATE_DIR"], !dir.isEmpty { return dir }
        if let xdg = env["XDG_STATE_HOME"], !xdg.isEmpty { return xdg + "/mosip-mds" }
        return NSHomeDirectory() + "/.local/state/mosip-mds"
    }
}

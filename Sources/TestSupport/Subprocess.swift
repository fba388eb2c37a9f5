import Foundation

/// What a finished child process left: its exit status and its standard output and error, interleaved.
public struct ProcessOutcome: Sendable {
    public let status: Int32
    public let output: String
}

/// Runs `executable` with `arguments` to the end; standard output and error are captured together.
public func runProcess(_ executable: String, _ arguments: [String]) throws -> ProcessOutcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessOutcome(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self))
}

/// `/usr/bin/openssl` with `arguments`: the command line the crypto tests cross-check against.
public func runOpenSSL(_ arguments: [String]) throws -> ProcessOutcome {
    try runProcess("/usr/bin/openssl", arguments)
}

import Foundation
import Testing

/// The compose file runs each stage as its own service sharing one runtime directory (checked with
/// `docker-compose config`; there is no engine on the build machines).
@Suite struct ComposeTests {
    @Test func composeFileIsValidAndRunsEveryStage() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/docker-compose")
        process.arguments = ["-f", root.appendingPathComponent("compose/docker-compose.yml").path, "config"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text.suffix(1000))")
        for stage in ["journal", "signer", "sensor", "quality", "encoder", "gateway"] {
            #expect(text.contains("- \(stage)\n") || text.contains("\(stage)\n    - --config"), "stage \(stage)")
            #expect(text.contains("  \(stage):\n"), "service \(stage)")
        }
        #expect(text.contains("/run/mds"))
        #expect(text.contains("network_mode: host"))
    }
}

import Foundation
import TestSupport
import Testing

/// The compose file runs each stage as its own service sharing one runtime directory (checked with
/// `docker-compose config`; there is no engine on the build machines).
@Suite struct ComposeTests {
    @Test func composeFileIsValidAndRunsEveryStage() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let config = try runProcess("/usr/bin/docker-compose", ["-f", root.appendingPathComponent("compose/docker-compose.yml").path, "config"])
        #expect(config.status == 0, "\(config.output.suffix(1000))")
        let text = config.output
        for stage in ["journal", "signer", "sensor", "quality", "encoder", "gateway"] {
            #expect(text.contains("- \(stage)\n") || text.contains("\(stage)\n    - --config"), "stage \(stage)")
            #expect(text.contains("  \(stage):\n"), "service \(stage)")
        }
        #expect(text.contains("/run/mds"))
        #expect(text.contains("network_mode: host"))
    }
}

/// The stages of the pipeline and where each one listens.
public enum Stage: String, Sendable, CaseIterable {
    case journal, signer, sensor, quality, encoder, gateway

    /// Start order: the journal first (everyone reports to it), the gateway last (it serves clients).
    public static let startOrder: [Stage] = [.journal, .signer, .sensor, .quality, .encoder, .gateway]
    /// Stop order: the gateway first (no new work), the journal after everything that reports to it, and the signer
    /// last, because the journal's final checkpoint is signed by it.
    public static let stopOrder: [Stage] = [.gateway, .encoder, .quality, .sensor, .journal, .signer]
}

/// Bus endpoints. On one host, `ipc://` files in the private 0700 runtime directory; any of them may be
/// overridden with a `tcp://` address for a multi-host deployment.
public struct Endpoints: Sendable, Equatable {
    public var byStage: [Stage: String]

    public init(runtimeDirectory: String, overrides: [Stage: String] = [:]) {
        var map: [Stage: String] = [:]
        for stage in Stage.allCases where stage != .gateway {
            map[stage] = overrides[stage] ?? "ipc://\(runtimeDirectory)/\(stage.rawValue).sock"
        }
        byStage = map
    }

    /// Overrides keyed by stage name, as the configuration file writes them; unknown names are ignored.
    public init(runtimeDirectory: String, overridesByName: [String: String]) {
        self.init(runtimeDirectory: runtimeDirectory, overrides: Dictionary(
            uniqueKeysWithValues: overridesByName.compactMap { k, v in Stage(rawValue: k).map { ($0, v) } }))
    }

    public subscript(stage: Stage) -> String { byStage[stage] ?? "" }
}

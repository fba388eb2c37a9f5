import Audit
import Foundation
import JSON
import Journal
import ServiceKit
import Transparency

enum AuditCommands {
    static let usage = """
        usage: mds-audit verify       --db FILE [--vkey "name+hash+key"] [--threads N] [--timings]
               mds-audit replay       --db FILE
               mds-audit export       --db FILE [--out FILE.jsonl]
               mds-audit prove SEQ    --db FILE [--size N]
               mds-audit consistency  --db FILE --from N [--to M]
               mds-audit tiles        --db FILE --out DIR
               mds-audit bench        [options]   (mds-audit bench --help)

        verify       recomputes the hash chain, the RFC 6962 tree, every checkpoint signature, every capture signature
                     and every MOSIP hash chain; prints the first bad sequence number and exits 1 on failure.
                     --threads: read and hash on N threads (default: one per core); --timings: seconds per step.
        replay       device status history and capture timelines, identical on every run.
        export       JSON Lines of the canonical events and checkpoints (docs/AUDIT.md).
        prove        an inclusion proof (c2sp.org/tlog-proof@v1) for event SEQ against the checkpoint of size N
                     (default: the latest).
        consistency  a consistency proof between the checkpoints of sizes N and M (default: the latest).
        bench        the journal's throughput next to raw SQLite and SHA-256 on this machine (docs/BENCHMARKS.md).
        tiles        the tree as a static tiled log (c2sp.org/tlog-tiles) under DIR: checkpoint, tile/<L>/<N>,
                     tile/entries/<N>, for any tlog client (docs/AUDIT.md).
        """

    static func guarded(_ body: () throws -> ExitCode) -> ExitCode {
        do { return try body() } catch {
            FileHandle.standardError.write(Data("mds-audit: \(error)\n".utf8))
            return .usage
        }
    }

    static func databasePath(_ args: inout Arguments) throws -> String {
        guard let path = args.string("db") else { throw ValidationError("--db FILE is required") }
        guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("no journal at \(path)") }
        return path
    }

    static func open(_ args: inout Arguments) throws -> JournalStore {
        try JournalStore(path: databasePath(&args), readOnly: true)
    }

    /// Every level of the journal's tree, from the stored hashes (proofs then cost O(log n) lookups).
    static func tree(_ store: JournalStore) throws -> MerkleLevels {
        MerkleLevels(leafHashes: try store.leafHashes(), parallelism: ProcessInfo.processInfo.activeProcessorCount)
    }

    static func verify(_ argv: [String]) throws -> ExitCode {
        var args = try Arguments(argv, flagNames: ["timings"])
        let path = try databasePath(&args)
        let vkey = args.string("vkey")
        let threads = try args.int("threads")
        let timings = args.flag("timings")
        try args.checkAllConsumed()
        guard threads.map({ $0 >= 1 }) ?? true else { throw ValidationError("--threads must be at least 1") }
        let report = JournalVerifier(trustedNoteKey: vkey, parallelism: threads).verify(path: path)
        print(report)
        if timings {
            let t = report.timings
            print(String(format: "seconds: open %.3f, links and tree %.3f, contents %.3f, notes %.3f",
                         t.open, t.links, t.contents, t.notes))
        }
        return report.failure == nil ? .success : .failure
    }

    static func replay(_ argv: [String]) throws -> ExitCode {
        var args = try Arguments(argv)
        let store = try open(&args)
        try args.checkAllConsumed()
        let output = try LineOutput(path: nil)
        try Replay.write(store, to: output.write)
        try output.close()
        return .success
    }

    static func export(_ argv: [String]) throws -> ExitCode {
        var args = try Arguments(argv)
        let store = try open(&args)
        let out = args.string("out")
        try args.checkAllConsumed()
        let output = try LineOutput(path: out)
        do {
            try Export.write(store, to: output.write)
            try output.close()
        } catch {
            output.discard()
            throw error
        }
        return .success
    }

    static func tiles(_ argv: [String]) throws -> ExitCode {
        var args = try Arguments(argv)
        let store = try open(&args)
        guard let out = args.string("out") else { throw ValidationError("tiles needs --out DIR") }
        try args.checkAllConsumed()
        let summary = try Tiles.write(store, to: out, parallelism: ProcessInfo.processInfo.activeProcessorCount)
        print("tree size \(summary.treeSize) (latest of \(summary.checkpoints) checkpoints): \(summary.tiles) tiles, "
              + "\(summary.entryBundles) entry bundles under \(out)")
        return .success
    }

    static func prove(_ argv: [String]) throws -> ExitCode {
        var args = try Arguments(argv)
        let store = try open(&args)
        let size = try args.int("size")
        try args.checkAllConsumed()
        guard let seqText = args.positional.first, let seq = UInt64(seqText), seq >= 1 else { throw ValidationError("prove needs SEQ ≥ 1") }
        let checkpoint = try pick(store, size: size)
        guard seq <= checkpoint.size else { throw ValidationError("event \(seq) is not in the checkpoint of size \(checkpoint.size)") }
        let proof = try MerkleTree.inclusionProof(index: seq - 1, size: checkpoint.size, leafHashes: try tree(store))
        // c2sp.org/tlog-proof@v1: header, index, proof hashes, blank line, the checkpoint.
        print("c2sp.org/tlog-proof@v1")
        print("index \(seq - 1)")
        proof.forEach { print(Base64.encode($0)) }
        print("")
        print(checkpoint.note, terminator: checkpoint.note.hasSuffix("\n") ? "" : "\n")
        return .success
    }

    static func consistency(_ argv: [String]) throws -> ExitCode {
        var args = try Arguments(argv)
        let store = try open(&args)
        guard let from = try args.int("from") else { throw ValidationError("--from N is required") }
        let to = try args.int("to")
        try args.checkAllConsumed()
        let old = try pick(store, size: from)
        let new = try pick(store, size: to)
        let proof = try MerkleTree.consistencyProof(old: old.size, new: new.size, leafHashes: try tree(store))
        let ok = MerkleTree.verifyConsistency(old: old.size, new: new.size, oldRoot: old.root, newRoot: new.root, proof: proof)
        print("consistency \(old.size) -> \(new.size)")
        proof.forEach { print(Base64.encode($0)) }
        print(ok ? "verified" : "DOES NOT VERIFY")
        return ok ? .success : .failure
    }

    static func pick(_ store: JournalStore, size: Int?) throws -> StoredCheckpoint {
        let all = try store.checkpoints()
        if let size {
            guard let c = all.first(where: { $0.size == UInt64(size) }) else { throw ValidationError("no checkpoint of size \(size)") }
            return c
        }
        guard let last = all.last else { throw ValidationError("the journal has no checkpoint yet") }
        return last
    }
}

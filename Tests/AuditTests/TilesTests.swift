import Audit
import Foundation
import Journal
import TestSupport
import Testing
import Transparency
import Wire

/// `mds-audit tiles`: the journal's tree as a c2sp.org/tlog-tiles static log, checked here against the RFC 6962
/// reference root and, independently, by tests/audit/verify_tiles.py.
@Suite struct TilesTests {
    @Test(arguments: [(UInt64(0), "000"), (67, "067"), (999, "999"), (1000, "x001/000"), (1_234_067, "x001/x234/067"),
                      (1_000_000_000, "x001/x000/x000/000")])
    func indexPathsAreThreeDigitGroups(index: UInt64, path: String) {
        #expect(Tiles.indexPath(index) == path)
    }

    @Test func tilesOfTheSpecsExampleSizes() {
        // tlog-tiles: "a tree of size 70,000 will be represented by 273 full level 0 tiles, one partial level 0 tile
        // of width 112, one full level 1 tile, one partial level 1 tile of width 17, and one partial level 2 tile of
        // width 1. Note that a tree of size 256 will be represented by a full level 0 tile and a partial level 1
        // tile of width 1."
        let tiles = Tiles.tiles(sizes: [70_000])
        #expect(tiles.filter { $0.level == 0 && $0.width == 256 }.count == 273)
        #expect(tiles.filter { $0.width != 256 } == [Tiles.Tile(level: 0, index: 273, width: 112), Tiles.Tile(level: 1, index: 1, width: 17),
                                                      Tiles.Tile(level: 2, index: 0, width: 1)])
        #expect(tiles.filter { $0.level == 1 && $0.width == 256 } == [Tiles.Tile(level: 1, index: 0, width: 256)])
        #expect(tiles.count == 273 + 1 + 1 + 1 + 1)
        #expect(Tiles.tiles(sizes: [256]) == [Tiles.Tile(level: 0, index: 0, width: 256), Tiles.Tile(level: 1, index: 0, width: 1)])
        #expect(Tiles.tiles(sizes: []).isEmpty)
        // Older checkpoints keep their partial tiles; a full tile at a smaller size is not repeated.
        let two = Tiles.tiles(sizes: [300, 600])
        #expect(two.filter { $0.width != 256 } == [Tiles.Tile(level: 0, index: 1, width: 44), Tiles.Tile(level: 0, index: 2, width: 88),
                                                    Tiles.Tile(level: 1, index: 0, width: 1), Tiles.Tile(level: 1, index: 0, width: 2)])
        #expect(Tiles.Tile(level: 0, index: 273, width: 112).path() == "tile/0/273.p/112")
        #expect(Tiles.Tile(level: 0, index: 1_234_067, width: 256).path(entries: true) == "tile/entries/x001/x234/067")
    }

    @Test func aJournalOfThreeLevelsBecomesTilesThatHashToEveryCheckpoint() throws {
        let dir = try TemporaryDirectory(prefix: "tiles")
        defer { dir.remove() }
        let store = try JournalStore(path: dir.path + "/j.db")
        var notes: [UInt64: String] = [:]
        for target in [300, 65_536, 66_001] as [UInt64] {  // level 2 needs more than 65,536 leaves
            while store.lastSequence < target {
                let n = min(2000, Int(target - store.lastSequence))
                try store.append((0..<n).map { EventDraft(type: "device.status", stage: "t", timeMillis: Int64($0), attributes: [.init("i", "\($0)")]) })
            }
            let note = try Checkpoint(origin: JournalStore.checkpointOrigin, size: store.tree.size, rootHash: store.tree.root())
                .signed(name: JournalStore.checkpointOrigin, key: AuditFixture.noteKey)
            try store.appendCheckpoint(StoredCheckpoint(size: store.tree.size, root: store.tree.root(), note: note, timeMillis: 0))
            notes[target] = note
        }
        try store.append([EventDraft(type: "after", stage: "t", timeMillis: 0)])  // not under any checkpoint: not tiled

        let out = dir.path + "/log"
        let summary = try Tiles.write(try JournalStore(path: dir.path + "/j.db", readOnly: true), to: out, parallelism: 2)
        #expect(summary == Tiles.Summary(treeSize: 66_001, checkpoints: 3, tiles: Tiles.tiles(sizes: [300, 65_536, 66_001]).count,
                                         entryBundles: 257 + 2))  // full level-0 tiles, partials at 300 and 66,001
        #expect(try String(contentsOfFile: out + "/checkpoint", encoding: .utf8) == notes[66_001])

        // Every checkpoint's root from its level-0 tiles by the RFC 6962 reference; every entry hashes to its leaf.
        let chain = try store.rows().map(\.hash)
        for checkpoint in try store.checkpoints() {
            var leaves: [[UInt8]] = []
            for index in 0..<(checkpoint.size + 255) / 256 {
                let width = (index + 1) * 256 <= checkpoint.size ? 256 : Int(checkpoint.size % 256)
                let tile = Tiles.Tile(level: 0, index: index, width: width)
                let hashes = try Array(Data(contentsOf: URL(fileURLWithPath: out + "/" + tile.path())))
                let bundle = try Array(Data(contentsOf: URL(fileURLWithPath: out + "/" + tile.path(entries: true))))
                #expect(hashes.count == 32 * width && bundle.count == 34 * width)
                for i in 0..<width {
                    let leaf = Array(hashes[(32 * i)..<(32 * i + 32)])
                    #expect(bundle[34 * i] == 0 && bundle[34 * i + 1] == 32)
                    #expect(Array(bundle[(34 * i + 2)..<(34 * i + 34)]) == chain[Int(index) * 256 + i])
                    #expect(MerkleTree.leafHash(Array(bundle[(34 * i + 2)..<(34 * i + 34)])) == leaf)
                    leaves.append(leaf)
                }
            }
            #expect(MerkleTree.root(leafHashes: leaves) == checkpoint.root, "size \(checkpoint.size)")
        }
        // A level-1 hash is the root of the 256 leaves under it; the level-2 partial tile holds the first 65,536.
        let level1 = try Array(Data(contentsOf: URL(fileURLWithPath: out + "/tile/1/000")))
        let firstLeaves = try Array(Data(contentsOf: URL(fileURLWithPath: out + "/tile/0/000")))
        #expect(Array(level1[0..<32]) == MerkleTree.root(leafHashes: stride(from: 0, to: 8192, by: 32).map { Array(firstLeaves[$0..<$0 + 32]) }))
        let level2 = try Array(Data(contentsOf: URL(fileURLWithPath: out + "/tile/2/000.p/1")))
        #expect(level2 == (try store.checkpoints().first { $0.size == 65_536 }?.root))

        // The independent check: Python's standard library and `cryptography`, nothing of this code.
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../tests/audit/verify_tiles.py")
            .standardizedFileURL.path
        let checked = try runProcess("/usr/bin/python3", [script, out, AuditFixture.verifier.verifierKey])
        #expect(checked.status == 0, "\(checked.output)")
        #expect(checked.output.contains("tiled log verified: size 66001, 66001 entries"))

        // A flipped bit in a level-1 tile is caught by the independent check.
        var tampered = level1
        tampered[5] ^= 1
        try Data(tampered).write(to: URL(fileURLWithPath: out + "/tile/1/000"))
        let again = try runProcess("/usr/bin/python3", [script, out, AuditFixture.verifier.verifierKey])
        #expect(again.status != 0 && again.output.contains("does not hash to hash 0 of level 1"), "\(again.output)")
    }

    @Test func aJournalWithoutACheckpointHasNoTiledLog() throws {
        let dir = try TemporaryDirectory(prefix: "tiles-none")
        defer { dir.remove() }
        let store = try JournalStore(path: dir.path + "/j.db")
        try store.append([EventDraft(type: "x", stage: "t", timeMillis: 0)])
        #expect(throws: JournalError.self) { try Tiles.write(store, to: dir.path + "/log") }
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/log/checkpoint"))
    }
}

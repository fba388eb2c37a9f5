import Foundation
public import Journal
import ServiceKit
import Transparency

/// The journal's Merkle tree as a static tiled log (c2sp.org/tlog-tiles), so that any tlog client can check the
/// signed checkpoints, inclusion and consistency without this tool:
///
/// ```
/// <dir>/checkpoint                    the latest signed checkpoint note
/// <dir>/tile/<L>/<N>[.p/<W>]          256 (or W) consecutive Merkle tree hashes at height 8·L
/// <dir>/tile/entries/<N>[.p/<W>]      the matching entries, each a big-endian uint16 length and the entry
/// ```
///
/// An entry is the event's 32-byte chain value (the journal's leaf is `SHA-256(0x00 ‖ chain value)`, docs/AUDIT.md);
/// the canonical bytes behind each chain value are in `mds-audit export`. Full tiles cover the tree of the latest
/// checkpoint; partial tiles are written for the size of every stored checkpoint, as the spec requires of a log.
public enum Tiles {
    /// Hashes per full tile (2^8: a tile is a subtree of height 8).
    public static let width = 256

    /// One tile or entry bundle: `width` hashes (or entries) starting at `index · 256` at tile level `level`.
    public struct Tile: Hashable, Sendable, Comparable {
        public let level: Int
        public let index: UInt64
        /// 256 for a full tile, 1…255 for a partial one.
        public let width: Int

        public init(level: Int, index: UInt64, width: Int) {
            self.level = level
            self.index = index
            self.width = width
        }

        /// `tile/<L>/<N>[.p/<W>]`, or `tile/entries/<N>[.p/<W>]` for the entry bundle of a level-0 tile.
        public func path(entries: Bool = false) -> String {
            let prefix = entries ? "tile/entries/" : "tile/\(level)/"
            return prefix + Tiles.indexPath(index) + (width == Tiles.width ? "" : ".p/\(width)")
        }

        public static func < (a: Tile, b: Tile) -> Bool {
            (a.level, a.index, a.width) < (b.level, b.index, b.width)
        }
    }

    /// `N` as zero-padded 3-digit path elements, every one but the last starting with `x`: 1234067 → `x001/x234/067`.
    public static func indexPath(_ n: UInt64) -> String {
        var groups = [n % 1000]
        var rest = n / 1000
        while rest > 0 {
            groups.insert(rest % 1000, at: 0)
            rest /= 1000
        }
        return groups.enumerated().map { i, group in
            (i == groups.count - 1 ? "" : "x") + String(repeating: "0", count: 3 - String(group).count) + String(group)
        }.joined(separator: "/")
    }

    /// Every tile a log of checkpoints at `sizes` serves: the full tiles of the largest tree, and for each size its
    /// partial tiles (at level `l`, `floor(s / 256^l) mod 256` hashes, when not zero). Sorted, no duplicates.
    public static func tiles(sizes: [UInt64]) -> [Tile] {
        var tiles: Set<Tile> = []
        if let largest = sizes.max() {
            var perTile: UInt64 = UInt64(width)  // leaves under one full tile at level l: 256^(l+1)
            var level = 0
            while largest / perTile >= 1 {
                for index in 0..<(largest / perTile) { tiles.insert(Tile(level: level, index: index, width: width)) }
                guard perTile <= UInt64.max / UInt64(width) else { break }
                perTile *= UInt64(width)
                level += 1
            }
        }
        for size in sizes {
            var perHash: UInt64 = 1  // leaves under one hash at level l: 256^l
            var level = 0
            while size / perHash >= 1 {
                let partial = Int((size / perHash) % UInt64(width))
                if partial > 0 { tiles.insert(Tile(level: level, index: size / perHash / UInt64(width), width: partial)) }
                guard perHash <= UInt64.max / UInt64(width) else { break }
                perHash *= UInt64(width)
                level += 1
            }
        }
        return tiles.sorted()
    }

    /// What `write` produced.
    public struct Summary: Sendable, Equatable {
        public var treeSize: UInt64
        public var checkpoints: Int
        public var tiles = 0
        public var entryBundles = 0

        public init(treeSize: UInt64, checkpoints: Int, tiles: Int = 0, entryBundles: Int = 0) {
            self.treeSize = treeSize
            self.checkpoints = checkpoints
            self.tiles = tiles
            self.entryBundles = entryBundles
        }
    }

    /// Writes the tiled log of `store` under `directory` (created if needed; existing tiles are overwritten with the
    /// same bytes). Reads the stored chain values, not the canonical bytes: `mds-audit verify` judges those.
    public static func write(_ store: JournalStore, to directory: String, parallelism: Int = 1) throws -> Summary {
        let checkpoints = try store.checkpoints()
        guard let latest = checkpoints.max(by: { $0.size < $1.size }) else {
            throw JournalError(.invalidEvent, "the journal has no checkpoint yet: a tiled log needs one")
        }
        var entries: [UInt8] = []
        entries.reserveCapacity(Int(latest.size) * MerkleTree.hashByteCount)
        var count: UInt64 = 0
        try store.scan(from: 1, through: Int64(clamping: latest.size), canonical: false) { sequence, _, hash in
            count += 1
            guard sequence == Int64(count), hash.count == MerkleTree.hashByteCount else {
                throw JournalError(.chainBroken, "not a stored 32-byte chain value in sequence", sequence: count)
            }
            entries.append(contentsOf: hash)
            return true
        }
        guard count == latest.size else {
            throw JournalError(.chainBroken, "the latest checkpoint covers \(latest.size) events, the journal holds \(count)")
        }
        // The leaves are hashed from the chain values chunk by chunk, on every core, straight into the tree's levels.
        let chain = entries
        let levels = MerkleLevels(count: Int(count), parallelism: parallelism) { _, range, leaves in
            chain.withUnsafeBytes { chain in
                for (slot, i) in range.enumerated() {
                    let at = i * MerkleTree.hashByteCount, to = slot * MerkleTree.hashByteCount
                    JournalStore.leaf(eventHash: UnsafeRawBufferPointer(rebasing: chain[at..<at + 32]),
                                      into: UnsafeMutableRawBufferPointer(rebasing: leaves[to..<to + 32]))
                }
            }
        }

        var summary = Summary(treeSize: latest.size, checkpoints: checkpoints.count)
        for tile in tiles(sizes: checkpoints.map(\.size)) {
            let first = tile.index * UInt64(width)
            try put(levels.hashes(level: 8 * tile.level, from: first, count: tile.width), at: directory + "/" + tile.path())
            summary.tiles += 1
            if tile.level == 0 {
                var bundle: [UInt8] = []
                bundle.reserveCapacity(tile.width * 34)
                for i in 0..<tile.width {
                    let at = (Int(first) + i) * MerkleTree.hashByteCount
                    bundle += [0x00, 0x20] + entries[at..<at + 32]
                }
                try put(bundle, at: directory + "/" + tile.path(entries: true))
                summary.entryBundles += 1
            }
        }
        try put(Array(latest.note.utf8), at: directory + "/checkpoint")
        return summary
    }

    private static func put(_ bytes: [UInt8], at path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Directories.writeFile(path, bytes, mode: 0o644)
    }
}

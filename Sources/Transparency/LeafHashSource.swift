/// Random access to the leaf hashes of a log, so proofs can be generated from wherever the log lives (an in-memory
/// array, a database table of leaf hashes, tiles on disk).
///
/// Proof generation (RFC 9162 §2.1.3.1, §2.1.4.1) only ever asks for ``subtreeHash(start:count:)`` of the ranges the
/// RFC's recursion produces: either a perfect subtree (`count` a power of two, `start` a multiple of `count`),
/// whose hash never changes once the log holds it and can be cached forever, or a range that ends at the requested
/// tree size. The default implementation reads `count` leaves; a database-backed source can override it to use
/// stored perfect-subtree hashes (c2sp.org/tlog-tiles stores exactly those) and make proofs O(log² n).
public protocol LeafHashSource {
    /// The number of leaves available (`leafHash(at:)` accepts indices `0..<size`).
    var size: UInt64 { get }

    /// The RFC 9162 §2.1.1 leaf hash `SHA-256(0x00 ‖ entry)` of the entry at `index` (32 bytes).
    func leafHash(at index: UInt64) throws -> [UInt8]

    /// `MTH(D[start:start+count])` (RFC 9162 §2.1.1) of the `count ≥ 1` leaves from `start`.
    func subtreeHash(start: UInt64, count: UInt64) throws -> [UInt8]
}

extension LeafHashSource {
    /// Folds leaves `start..<start+count` through a ``CompactRange``. Throws
    /// ``TransparencyError/Code/invalidArgument`` for an empty or out-of-range span or a leaf hash that is not
    /// 32 bytes; rethrows errors from ``leafHash(at:)``.
    public func subtreeHash(start: UInt64, count: UInt64) throws -> [UInt8] {
        guard count >= 1, count <= size, start <= size - count else {
            throw TransparencyError(.invalidArgument, "subtree [\(start), +\(count)) outside 0..<\(size)")
        }
        var range = CompactRange()
        for index in start..<(start + count) {
            let hash = try leafHash(at: index)
            guard hash.count == MerkleTree.hashByteCount else {
                throw TransparencyError(.invalidArgument, "leaf hash \(index) is \(hash.count) bytes, not 32")
            }
            range.append(leafHash: hash)
        }
        return range.root()
    }
}

/// An in-memory log: element `i` is the leaf hash of entry `i`.
extension Array: LeafHashSource where Element == [UInt8] {
    /// The number of leaf hashes (`count`).
    public var size: UInt64 { UInt64(count) }

    /// Element `index`; throws ``TransparencyError/Code/invalidArgument`` if out of range.
    public func leafHash(at index: UInt64) throws -> [UInt8] {
        guard index < size else { throw TransparencyError(.invalidArgument, "leaf index \(index) ≥ \(count)") }
        return self[Int(index)]
    }
}

internal import CryptoPrimitives

extension MerkleTree {
    /// The audit path `PATH(index, D[size])` of RFC 9162 §2.1.3.1: the sibling hashes from the leaf up to the root,
    /// lowest first (empty for a one-leaf tree).
    ///
    /// Throws ``TransparencyError/Code/invalidArgument`` if `index ≥ size` or `size` exceeds the leaves in
    /// `leafHashes`; rethrows the source's errors.
    public static func inclusionProof(index: UInt64, size: UInt64, leafHashes: some LeafHashSource) throws -> [[UInt8]] {
        guard index < size else { throw TransparencyError(.invalidArgument, "leaf index \(index) ≥ tree size \(size)") }
        guard size <= leafHashes.size else {
            throw TransparencyError(.invalidArgument, "tree size \(size) exceeds the \(leafHashes.size) leaves available")
        }
        var proof: [[UInt8]] = []
        try appendPath(index: index, start: 0, count: size, leafHashes, to: &proof)
        return proof
    }

    /// `PATH(m, D[start:start+count])`, appended to `proof` lowest level first.
    private static func appendPath(index m: UInt64, start: UInt64, count n: UInt64,
                                   _ source: some LeafHashSource, to proof: inout [[UInt8]]) throws {
        guard n > 1 else { return }
        let k = largestPowerOfTwo(below: n)
        if m < k {
            try appendPath(index: m, start: start, count: k, source, to: &proof)
            proof.append(try source.subtreeHash(start: start + k, count: n - k))
        } else {
            try appendPath(index: m - k, start: start + k, count: n - k, source, to: &proof)
            proof.append(try source.subtreeHash(start: start, count: k))
        }
    }

    /// Whether `proof` proves that the leaf with hash `leafHash` is at `index` in the tree of `size` leaves whose
    /// root is `root`: the verification algorithm of RFC 9162 §2.1.3.2, step by step.
    ///
    /// False for `index ≥ size` (step 1), a proof that runs past the root (step 4a: leftover elements), one that
    /// stops short of it (step 5: `sn` not 0), a wrong root, and any hash that is not 32 bytes.
    public static func verifyInclusion(index: UInt64, size: UInt64, leafHash: [UInt8], proof: [[UInt8]],
                                       root: [UInt8]) -> Bool {
        // 1. Compare leaf_index against tree_size. If leaf_index is greater than or equal to tree_size, then fail.
        guard index < size else { return false }
        guard leafHash.count == hashByteCount, root.count == hashByteCount, wellFormed(proof) else { return false }
        // 2. Set fn to leaf_index and sn to tree_size - 1.
        var fn = index
        var sn = size - 1
        // 3. Set r to hash.
        var r = leafHash
        // 4. For each value p in the inclusion_path array:
        for p in proof {
            // a. If sn is 0, then stop the iteration and fail the proof verification.
            if sn == 0 { return false }
            // b. If LSB(fn) is set, or if fn is equal to sn, then:
            if fn & 1 == 1 || fn == sn {
                // i. Set r to HASH(0x01 || p || r).
                r = nodeHash(p, r)
                // ii. If LSB(fn) is not set, then right-shift both fn and sn equally until either LSB(fn) is set
                //     or fn is 0.
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                // Otherwise: Set r to HASH(0x01 || r || p).
                r = nodeHash(r, p)
            }
            // c. Finally, right-shift both fn and sn one time.
            fn >>= 1
            sn >>= 1
        }
        // 5. Compare sn to 0. Compare r against the root_hash. If sn is equal to 0 and r and the root_hash are
        //    equal, then the log has proven the inclusion of hash. Otherwise, fail the proof verification.
        return sn == 0 && constantTimeEqual(r, root)
    }
}

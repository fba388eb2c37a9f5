internal import CryptoPrimitives

extension MerkleTree {
    /// The consistency proof `PROOF(old, D[new])` of RFC 9162 §2.1.4.1 (the same as RFC 6962 §2.1.2): the fewest
    /// node hashes from which the roots of both the `old`-leaf and the `new`-leaf tree can be recomputed. Empty when
    /// `old == new`.
    ///
    /// Throws ``TransparencyError/Code/invalidArgument`` if `old` is 0 (RFC 9162 §2.1.4 defines proofs only for
    /// `0 < first`; every tree extends the empty tree, so there is nothing to prove), if `old > new`, or if `new`
    /// exceeds the leaves in `leafHashes`; rethrows the source's errors.
    public static func consistencyProof(old: UInt64, new: UInt64, leafHashes: some LeafHashSource) throws -> [[UInt8]] {
        guard old > 0 else { throw TransparencyError(.invalidArgument, "no consistency proof from the empty tree") }
        guard old <= new else { throw TransparencyError(.invalidArgument, "old size \(old) > new size \(new)") }
        guard new <= leafHashes.size else {
            throw TransparencyError(.invalidArgument, "tree size \(new) exceeds the \(leafHashes.size) leaves available")
        }
        var proof: [[UInt8]] = []
        try appendSubproof(old: old, start: 0, count: new, knownRoot: true, leafHashes, to: &proof)
        return proof
    }

    /// `SUBPROOF(m, D[start:start+count], b)` of RFC 9162 §2.1.4.1, appended to `proof`.
    private static func appendSubproof(old m: UInt64, start: UInt64, count n: UInt64, knownRoot b: Bool,
                                       _ source: some LeafHashSource, to proof: inout [[UInt8]]) throws {
        if m == n {
            // SUBPROOF(m, D[m], true) = {}; SUBPROOF(m, D[m], false) = {MTH(D[m])}.
            if !b { proof.append(try source.subtreeHash(start: start, count: n)) }
            return
        }
        let k = largestPowerOfTwo(below: n)
        if m <= k {
            // SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
            try appendSubproof(old: m, start: start, count: k, knownRoot: b, source, to: &proof)
            proof.append(try source.subtreeHash(start: start + k, count: n - k))
        } else {
            // SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])
            try appendSubproof(old: m - k, start: start + k, count: n - k, knownRoot: false, source, to: &proof)
            proof.append(try source.subtreeHash(start: start, count: k))
        }
    }

    /// Whether `proof` proves that the tree of `old` leaves with root `oldRoot` is a prefix of the tree of `new`
    /// leaves with root `newRoot`: the verification algorithm of RFC 9162 §2.1.4.2, step by step.
    ///
    /// - `old == new`: true only for an empty proof and equal roots.
    /// - `old == 0` is rejected: RFC 9162 §2.1.4.2 is defined for `0 < first`, and an empty tree needs no proof
    ///   (the caller decides whether to accept a log's first checkpoint).
    /// - `old > new` is rejected (the hash-tree 0.1.1 bug), as is an empty proof for `old < new` (step 1), a proof
    ///   with elements left after the new tree's root is reached (step 6a), one that does not consume the whole
    ///   new tree (step 7: `sn` must be 0, the other hash-tree 0.1.1 bug), wrong roots and hashes not 32 bytes long.
    public static func verifyConsistency(old: UInt64, new: UInt64, oldRoot: [UInt8], newRoot: [UInt8],
                                         proof: [[UInt8]]) -> Bool {
        guard old > 0, old <= new else { return false }
        guard oldRoot.count == hashByteCount, newRoot.count == hashByteCount, wellFormed(proof) else { return false }
        if old == new { return proof.isEmpty && constantTimeEqual(oldRoot, newRoot) }
        // 1. If consistency_path is an empty array, stop and fail the proof verification.
        guard !proof.isEmpty else { return false }
        // 2. If first is an exact power of 2, then prepend first_hash to the consistency_path array.
        let path = old & (old - 1) == 0 ? [oldRoot] + proof : proof
        // 3. Set fn to first - 1 and sn to second - 1.
        var fn = old - 1
        var sn = new - 1
        // 4. If LSB(fn) is set, then right-shift both fn and sn equally until LSB(fn) is not set.
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        // 5. Set both fr and sr to the first value in the consistency_path array.
        var fr = path[0]
        var sr = path[0]
        // 6. For each subsequent value c in the consistency_path array:
        for c in path.dropFirst() {
            // a. If sn is 0, then stop the iteration and fail the proof verification.
            if sn == 0 { return false }
            // b. If LSB(fn) is set, or if fn is equal to sn, then:
            if fn & 1 == 1 || fn == sn {
                // i. Set fr to HASH(0x01 || c || fr).  ii. Set sr to HASH(0x01 || c || sr).
                fr = nodeHash(c, fr)
                sr = nodeHash(c, sr)
                // iii. If LSB(fn) is not set, then right-shift both fn and sn equally until either LSB(fn) is set
                //      or fn is 0.
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                // Otherwise: Set sr to HASH(0x01 || sr || c).
                sr = nodeHash(sr, c)
            }
            // c. Finally, right-shift both fn and sn one time.
            fn >>= 1
            sn >>= 1
        }
        // 7. Verify that fr equals first_hash, that sr equals second_hash, and that sn is 0.
        return sn == 0 && constantTimeEqual(fr, oldRoot) && constantTimeEqual(sr, newRoot)
    }
}

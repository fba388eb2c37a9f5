internal import COpenSSL

/// Whether `a` and `b` are equal, in time that depends only on their lengths (not on where they differ).
/// Arrays of different lengths are unequal. The corresponding C function is `CRYPTO_memcmp`.
public func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    if a.isEmpty { return true }
    return a.withUnsafeBytes { pa in
        b.withUnsafeBytes { pb in CRYPTO_memcmp(pa.baseAddress, pb.baseAddress, a.count) == 0 }
    }
}

internal import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's DRBG.
public enum SecureRandom {
    /// `count` random bytes. Throws ``CryptoError/Code/invalidArgument`` for a negative count and
    /// ``CryptoError/Code/random`` if the generator fails. The corresponding C function is `RAND_bytes`.
    public static func bytes(_ count: Int) throws -> [UInt8] {
        guard count >= 0, count <= Int(Int32.max) else {
            throw CryptoError(.invalidArgument, "random byte count out of range")
        }
        if count == 0 { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        let ok = bytes.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(count)) }
        guard ok == 1 else { throw CryptoError.openSSL(.random, "RAND_bytes failed") }
        return bytes
    }
}

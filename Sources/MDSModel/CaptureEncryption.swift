/// The CAPTURE encryption parameters every MOSIP checker derives the same way (mosip-clients.md §b.2): XOR the
/// UTF-8 bytes of data.timestamp and transactionId, the shorter left-padded with zeros; the IV (nonce) is the last
/// 12 bytes and the AAD the last 16 bytes of the result.
public enum CaptureEncryption {
    public static func ivAndAAD(timestamp: String, transactionId: String) -> (iv: [UInt8], aad: [UInt8]) {
        let a = Array(timestamp.utf8), b = Array(transactionId.utf8)
        let n = max(a.count, b.count)
        let x = zip([UInt8](repeating: 0, count: n - a.count) + a, [UInt8](repeating: 0, count: n - b.count) + b).map { $0 ^ $1 }
        return (Array(x.suffix(12)), Array(x.suffix(16)))
    }
}

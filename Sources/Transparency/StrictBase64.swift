/// Standard base64 (RFC 4648 §4, with `=` padding), as c2sp.org/signed-note and c2sp.org/tlog-checkpoint use it.
///
/// Decoding is strict: only the canonical encoding of a byte string is accepted (no whitespace, no missing or
/// extra padding, no non-zero bits in the final partial group), so a signed value has exactly one text form.
enum StrictBase64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xff, count: 256)
        for (value, char) in alphabet.enumerated() { table[Int(char)] = UInt8(value) }
        return table
    }()

    /// The padded base64 text of `bytes`.
    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let remaining = bytes.count - index
            let b0 = UInt32(bytes[index])
            let b1 = remaining > 1 ? UInt32(bytes[index + 1]) : 0
            let b2 = remaining > 2 ? UInt32(bytes[index + 2]) : 0
            let group = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(group >> 18 & 0x3f)])
            out.append(alphabet[Int(group >> 12 & 0x3f)])
            out.append(remaining > 1 ? alphabet[Int(group >> 6 & 0x3f)] : UInt8(ascii: "="))
            out.append(remaining > 2 ? alphabet[Int(group & 0x3f)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes whose canonical padded base64 text is `text`, or nil.
    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 4 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 4 * 3)
        var index = 0
        while index < chars.count {
            let isLast = index + 4 == chars.count
            let padding = isLast ? chars[(index + 2)...].reversed().prefix { $0 == UInt8(ascii: "=") }.count : 0
            var group: UInt32 = 0
            for offset in 0..<4 {
                let char = chars[index + offset]
                if offset >= 4 - padding {
                    group <<= 6
                    continue
                }
                let value = values[Int(char)]
                guard value != 0xff else { return nil }
                group = group << 6 | UInt32(value)
            }
            out.append(UInt8(group >> 16 & 0xff))
            switch padding {
            case 0:
                out.append(UInt8(group >> 8 & 0xff))
                out.append(UInt8(group & 0xff))
            case 1:
                guard group & 0xff == 0 else { return nil }
                out.append(UInt8(group >> 8 & 0xff))
            default:
                guard group & 0xffff == 0 else { return nil }
            }
            index += 4
        }
        return out
    }
}

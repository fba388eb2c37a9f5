import CryptoPrimitives
import Transparency

/// Lowercase hex of `bytes`.
func hex(_ bytes: [UInt8]) -> String {
    bytes.map { byte in
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
    }.joined()
}

/// The bytes spelled by the hex string `text` (test literals only: traps on malformed input).
func unhex(_ text: String) -> [UInt8] {
    let chars = Array(text.utf8)
    precondition(chars.count % 2 == 0, "odd hex literal")
    func nibble(_ char: UInt8) -> UInt8 {
        switch char {
        case 0x30...0x39: char - 0x30
        case 0x61...0x66: char - 0x61 + 10
        default: preconditionFailure("bad hex literal")
        }
    }
    return stride(from: 0, to: chars.count, by: 2).map { nibble(chars[$0]) << 4 | nibble(chars[$0 + 1]) }
}

/// SplitMix64: deterministic pseudo-random sizes and entries, so a failure can be reproduced.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Leaf hashes of `count` distinct pseudo-random entries.
func randomLeafHashes(_ count: Int, seed: UInt64) -> [[UInt8]] {
    var rng = SplitMix64(state: seed)
    return (0..<count).map { index in
        let length = Int(rng.next() % 40)
        let entry = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) } + withUnsafeBytes(of: index, Array.init)
        return MerkleTree.leafHash(entry)
    }
}

/// `hash` with bit `bit` of byte `byte` flipped.
func flipped(_ hash: [UInt8], byte: Int = 0, bit: Int = 3) -> [UInt8] {
    var copy = hash
    copy[byte] ^= UInt8(1) << UInt8(bit)
    return copy
}

/// The transparency-dev/merkle `testonly` reference data (constants.go): the 8 leaf inputs, and the hashes of all
/// perfect subtrees of the tree over them (level 0 = leaf hashes) and the roots for sizes 0...8.
enum Reference {
    static let entries: [[UInt8]] = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                                     "606162636465666768696a6b6c6d6e6f"].map(unhex)

    static let nodeHashes: [[String]] = [
        ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
         "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
         "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
         "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
         "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
         "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
         "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
         "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1"],
        ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
         "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
         "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
         "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"],
        ["d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
         "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
        ["5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"],
    ]

    static let roots: [String] = [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]

    static var leafHashes: [[UInt8]] { entries.map(MerkleTree.leafHash) }

    /// The perfect-subtree hash at `level`, `index` (leaves `index·2^level ..< (index+1)·2^level`).
    static func node(_ level: Int, _ index: Int) -> [UInt8] { unhex(nodeHashes[level][index]) }
}

/// A leaf-hash source that memoises subtree hashes, as a database-backed source with stored interior nodes would;
/// it also counts the leaf reads, to show the override is used.
final class MemoizingSource: LeafHashSource {
    let leaves: [[UInt8]]
    private(set) var cache: [String: [UInt8]] = [:]
    private(set) var leafReads = 0

    init(_ leaves: [[UInt8]]) { self.leaves = leaves }

    var size: UInt64 { UInt64(leaves.count) }

    func leafHash(at index: UInt64) throws -> [UInt8] {
        leafReads += 1
        return try leaves.leafHash(at: index)
    }

    func subtreeHash(start: UInt64, count: UInt64) throws -> [UInt8] {
        let key = "\(start)+\(count)"
        if let hit = cache[key] { return hit }
        let hash: [UInt8]
        if count == 1 {
            hash = try leafHash(at: start)
        } else {
            // Split like RFC 9162 §2.1.1 so the halves are cached too.
            var k: UInt64 = 1
            while k << 1 < count { k <<= 1 }
            hash = MerkleTree.nodeHash(try subtreeHash(start: start, count: k), try subtreeHash(start: start + k, count: count - k))
        }
        cache[key] = hash
        return hash
    }
}

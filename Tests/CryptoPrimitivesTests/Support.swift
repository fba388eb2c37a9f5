import CryptoPrimitives
import Foundation

/// Keys generated once for the whole test run (RSA-2048 generation is slow).
enum Fixtures {
    static let rsa: PrivateKey = try! PrivateKey.generateRSA()
    static let rootKey: PrivateKey = try! PrivateKey.generateRSA()
    static let intermediateKey: PrivateKey = try! PrivateKey.generateRSA()
    static let leafKey: PrivateKey = try! PrivateKey.generateRSA()
    static let otherRootKey: PrivateKey = try! PrivateKey.generateRSA()
}

/// A fresh temporary directory, removed by `cleanup()`.
struct TempDir {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("crypto-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        try Data(bytes).write(to: url.appendingPathComponent(name))
        return path(name)
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    func read(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: url.appendingPathComponent(name))) }

    func cleanup() { try? FileManager.default.removeItem(at: url) }
}

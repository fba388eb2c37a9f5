@testable import Journal
import JSON
import Testing
import Wire

/// The canonical reader (the fast way `JournalStore.decode` reads an event) against the general JSON decoder: it
/// may decline anything, but what it reads it reads exactly as the JSON decoder does.
@Suite struct CanonicalReaderTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var z = state
            z = (z ^ (z >> 33)) &* 0xFF51_AFD7_ED55_8CCD
            return z ^ (z >> 33)
        }
    }

    static let pieces = ["capture.segment", "gateway", "3f1c2a7e-1d2b-4c5d", "", "é", "漢字", "🙂", "a\"b", "back\\slash", "tab\tnew\nline",
                         "\u{01}", "\u{7F}", "/", "[\"x\"]", "{}", "0", "-1", " spaced ", "null"]

    static func randomString(_ rng: inout Generator) -> String {
        (0..<Int.random(in: 0...3, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }

    static func randomDraft(_ rng: inout Generator) -> EventDraft {
        let times: [Int64] = [0, 1, -1, 1_700_000_000_000, .max, .min, Int64.random(in: .min ... .max, using: &rng)]
        return EventDraft(type: randomString(&rng), stage: randomString(&rng), captureId: randomString(&rng),
                          timeMillis: times.randomElement(using: &rng)!,
                          attributes: (0..<Int.random(in: 0...4, using: &rng)).map { _ in .init(randomString(&rng), randomString(&rng)) })
    }

    @Test func everyEncodedEventReadsBackTheSameByEitherWay() throws {
        var rng = Generator(state: 42)
        var fast = 0
        for i in 0..<3000 {
            let draft = Self.randomDraft(&rng), sequence = UInt64(i % 7 == 0 ? UInt64.max - UInt64(i) : UInt64(i + 1))
            let bytes = JournalStore.canonicalBytes(sequence: sequence, draft)
            #expect(try JournalStore.decode(bytes, sequence: sequence) == draft)
            #expect(try JournalStore.decodeJSON(bytes, sequence: sequence) == draft)
            if let read = bytes.withUnsafeBytes({ CanonicalReader.draft($0, sequence: sequence) }) {
                #expect(read == draft)
                fast += 1
            }
            #expect(bytes.withUnsafeBytes { CanonicalReader.draft($0, sequence: sequence &+ 1) } == nil)  // another number
        }
        #expect(fast > 300)  // plain events do take the fast way
    }

    @Test func whatTheReaderAcceptsAfterAnyEditTheJSONDecoderReadsAlike() {
        var rng = Generator(state: 7)
        var accepted = 0
        for i in 0..<300 {
            let sequence = UInt64(i + 1)
            let original = JournalStore.canonicalBytes(sequence: sequence, Self.randomDraft(&rng))
            for _ in 0..<30 {
                var bytes = original
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[at] = [UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: ","), UInt8(ascii: "0"), UInt8(ascii: " "), 0xC3, 0xFF,
                                     UInt8.random(in: 0...255, using: &rng)].randomElement(using: &rng)!
                case 1: bytes.remove(at: at)
                default: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: at)
                }
                guard let read = bytes.withUnsafeBytes({ CanonicalReader.draft($0, sequence: sequence) }) else { continue }
                accepted += 1
                #expect(read == (try? JournalStore.decodeJSON(bytes, sequence: sequence)), "\(String(decoding: bytes, as: UTF8.self))")
            }
        }
        #expect(accepted > 100)  // edits inside plain strings are still read (and must agree)
    }

    @Test(arguments: [
        #"{"v":1,"seq":01,"time":5,"type":"a","stage":"s","capture":"","attrs":[]}"#,  // leading zero
        #"{"v":1,"seq":1,"time":-0,"type":"a","stage":"s","capture":"","attrs":[]}"#,
        #"{"v":1,"seq":1,"time":007,"type":"a","stage":"s","capture":"","attrs":[]}"#,
        #"{"v":1,"seq":1,"time":5,"type":"a","stage":"s","capture":"","attrs":[]} "#,  // trailing byte
        #"{"v":1, "seq":1,"time":5,"type":"a","stage":"s","capture":"","attrs":[]}"#,
        #"{"v":1,"seq":1,"time":5,"type":"a","stage":"s","capture":"","attrs":[["k","v"],]}"#,
        #"{"v":1,"seq":1,"time":5,"type":"a","stage":"s","capture":"","attrs":[["k"]]}"#,
        #"{"v":1,"seq":1,"time":99999999999999999999,"type":"a","stage":"s","capture":"","attrs":[]}"#,
        #"{"v":1,"seq":1,"time":5,"type":"a\u0062","stage":"s","capture":"","attrs":[]}"#,  // an escape: the JSON decoder's
        #"{"v":2,"seq":1,"time":5,"type":"a","stage":"s","capture":"","attrs":[]}"#,
    ])
    func theReaderDeclinesAnythingButThePlainLayout(text: String) {
        #expect(Array(text.utf8).withUnsafeBytes { CanonicalReader.draft($0, sequence: 1) } == nil)
    }

    @Test func theTypeOffsetIsWhereTheTypeStartsOnlyAfterTheExactHeaderOfThatEvent() {
        var rng = Generator(state: 99)
        for i in 0..<500 {
            let draft = Self.randomDraft(&rng), sequence = UInt64(i * 37 + 1)
            let bytes = JournalStore.canonicalBytes(sequence: sequence, draft)
            var type: [UInt8] = []
            JSON.writeString(draft.type, into: &type)  // as encoded, quotes included
            let offset = bytes.withUnsafeBytes { JournalStore.typeOffset(in: $0, sequence: sequence) }
            #expect(offset.map { Array(bytes[($0 - 1)..<($0 - 1 + type.count)]) } == type)
            #expect(bytes.withUnsafeBytes { JournalStore.typeOffset(in: $0, sequence: sequence + 1) } == nil)
        }
        for text in [#"{"v":1,"seq":7,"time":05,"type":"a""#, #"{"v":1,"seq":7,"time":-0,"type":"a""#,
                     #"{"v":1,"seq":7,"time":5, "type":"a""#, #"{"v":1,"seq":07,"time":5,"type":"a""#, #"{"v":1,"seq":7,"time":5,"#] {
            #expect(Array(text.utf8).withUnsafeBytes { JournalStore.typeOffset(in: $0, sequence: 7) } == nil, "\(text)")
        }
        #expect(Array(#"{"v":1,"seq":7,"time":-5,"type":"a""#.utf8).withUnsafeBytes { JournalStore.typeOffset(in: $0, sequence: 7) } == 33)
    }

    @Test func headsAreReadOnlyFromValidUTF8() {
        let valid = Array(#"{"v":1,"seq":1,"time":5,"type":"é","stage":"s","capture":"c","attrs":[]}"#.utf8)
        #expect(valid.withUnsafeBytes { CanonicalHead($0) } == CanonicalHead(type: "é", stage: "s", captureId: "c"))
        var invalid = valid
        invalid[invalid.firstIndex(of: 0xC3)!] = 0xFF
        #expect(invalid.withUnsafeBytes { CanonicalHead($0) } == nil)
        #expect(invalid.withUnsafeBytes { CanonicalReader.draft($0, sequence: 1) } == nil)
    }
}

import HTTPCore
import Testing

@Suite("HTTPHeaders")
struct HTTPHeadersTests {
    @Test("Lookups ignore case; order and spelling are kept")
    func lookups() {
        var headers: HTTPHeaders = ["Content-Type": "application/json", "X-A": "1"]
        headers.add(name: "x-a", value: "2")
        #expect(headers["content-type"] == "application/json")
        #expect(headers["X-a"] == "1")
        #expect(headers.values(for: "X-A") == ["1", "2"])
        #expect(headers.map(\.name) == ["Content-Type", "X-A", "x-a"])
        #expect(headers["Missing"] == nil)
        #expect(headers.contains("CONTENT-TYPE"))
    }

    @Test("replaceOrAdd keeps one field in the first one's place; remove drops all")
    func replaceAndRemove() {
        var headers: HTTPHeaders = ["A": "1", "B": "2"]
        headers.add(name: "a", value: "3")
        headers.replaceOrAdd(name: "A", value: "9")
        #expect(headers.map(\.name) == ["A", "B"])
        #expect(headers["a"] == "9")
        headers.replaceOrAdd(name: "C", value: "4")
        #expect(headers.count == 3)
        headers.remove(name: "b")
        #expect(headers == ["A": "9", "c": "4"])
    }

    @Test("Response helpers set the content type")
    func responseHelpers() {
        #expect(HTTPResponse.json([1]).headers["Content-Type"] == "application/json")
        #expect(HTTPResponse.text("x", status: 500).status == 500)
        #expect(HTTPResponse.empty().status == 204)
    }
}

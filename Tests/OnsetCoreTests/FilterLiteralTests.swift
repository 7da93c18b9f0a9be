import Foundation
import Testing
@testable import OnsetCore

/// Filter values are text, never SQL or FTS syntax: quotes, `%`, `_`, backslashes, NUL and very
/// long strings find exactly the cases that hold them, and nothing else.
@Suite struct FilterLiteralTests {
    static let names = ["O'Brien's tonic", "50%_dextrose", "500 mg dextrose", #"back\slash"#, "plain"]

    func library() throws -> Library {
        let lib = try Library(path: TestSupport.tempPath(), lexicon: .builtIn)
        let cases = Self.names.enumerated().map { k, name in
            var c = TestSupport.minimalCase(id: "c\(k)", drug: name)
            c.narrative = "Narrative of \(name) with 100% of _ and \\ marks."
            return c
        }
        try lib.importCases([ImportBatch(key: "t", kind: .literature, format: "json", cases: cases)])
        return lib
    }

    func ids(_ lib: Library, _ filter: String) throws -> [String] {
        try lib.ids(try QueryParser.parse(filter)).sorted()
    }

    @Test func metacharactersMatchThemselves() throws {
        let lib = try library()
        #expect(try ids(lib, #"drug:"O'Brien's tonic""#) == ["c0"])
        #expect(try ids(lib, #"drug:"x' OR '1'='1""#) == [])
        #expect(try ids(lib, "drug:50%_dextrose") == ["c1"])
        // `%` and `_` are not wildcards: "50%" is no prefix pattern for "500 mg …".
        #expect(try !ids(lib, "drug:50%").contains("c2"))
        #expect(try ids(lib, "drug:5__") == [])
        #expect(try ids(lib, #"drug:back\slash"#) == ["c3"])
        #expect(try ids(lib, "drug:" + String(repeating: "x", count: 100_000)) == [])
    }

    @Test func freeTextIsNeverFTSSyntax() throws {
        let lib = try library()
        for text in [#""unbalanced"#, "a AND OR NOT", "NEAR(a b)", "col:thing", "^x", "a\u{0}b", "\u{1B}[2J", "*", "(",
                     // A quote followed by a combining mark is one Character (found by the query fuzzer).
                     "`\"\"\u{064B}:`\"\u{FFFD} ", "\"\u{0301}x:y", String(repeating: "y", count: 50_000)] {
            // A filter the parser refuses is the user's error, told with its column; one it accepts must run.
            guard let q = try? QueryParser.parse(text) else { continue }
            #expect(throws: Never.self, "\(text.prefix(20))") { _ = try lib.count(q) }
        }
        #expect(try lib.count(try QueryParser.parse("tonic")) == 1)
        #expect(QuerySQL.ftsPhrase("a\"\u{064B}b") == "\"a\"\"\u{064B}b\"")
        #expect("50%\u{0301}".replacingAll("%", with: "\\%") == "50\\%\u{0301}")
    }
}

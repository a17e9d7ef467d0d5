import Domain
import Testing

/// Parses `text` as UTF-8 JSON, recording an issue at the caller when it is refused.
func parsed(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue? {
    do {
        return try JSONParser.parse(Array(text.utf8))
    } catch {
        Issue.record("refused \(text): \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Expects `bytes` to be refused as JSON.
func expectRefused(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(throws: JSONParser.SyntaxError.self, sourceLocation: sourceLocation) { try JSONParser.parse(bytes) }
}

/// `depth` arrays, each inside the previous one.
func nestedArrays(_ depth: Int) -> String {
    String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
}

import Domain

/// Decodes `application/x-www-form-urlencoded` text (bodies and query strings) into ordered pairs.
enum FormDecoder {
    static func decode(_ text: String) -> [(name: String, value: String)] {
        decode(Array(text.utf8))
    }

    static func decode(_ bytes: [UInt8]) -> [(name: String, value: String)] {
        bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true).map { pair in
            if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                return (URLDecoding.decode(pair[pair.startIndex..<equals]), URLDecoding.decode(pair[(equals + 1)...]))
            }
            return (URLDecoding.decode(pair[...]), "")
        }
    }
}

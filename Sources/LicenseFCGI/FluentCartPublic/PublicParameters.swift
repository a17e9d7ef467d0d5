import Domain

/// The parameters of a public-protocol request, as WordPress hands them to FluentCart: the query and the form body
/// merged (the body wins), each value cleaned by `sanitize_text_field` (fluentcart.md §4.1).
struct PublicParameters: Sendable {
    private var values: [String: Value] = [:]

    /// A parameter as PHP sees it: a string, or an array (`name[]=…`), which is never the parameter itself
    /// (operations.md §6).
    private enum Value: Sendable {
        case text(String)
        case array
    }

    /// Why a body could not be read.
    enum BodyError: Error, Equatable {
        case tooLarge
        case malformedJSON
    }

    /// Largest body the public protocol reads; its requests are a handful of short fields.
    static let maximumBodySize = 64 * 1024

    /// Reads the query only; used by the router before it knows the request is ours.
    init(query: String) {
        merge(form: Array(query.utf8))
    }

    /// Reads the query, then the body: a form, or a JSON object when the content type says JSON. Other bodies are
    /// ignored, as PHP ignores them when it fills `$_POST`.
    init(request: HTTPRequest) throws(BodyError) {
        merge(form: Array(request.query.utf8))
        guard !request.body.isEmpty else { return }
        guard request.body.count <= Self.maximumBodySize, !request.bodyTruncated else { throw .tooLarge }
        let contentType = request.headers.contentType?.lowercased() ?? ""
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            merge(form: request.body)
        } else if contentType.hasPrefix("application/json") || contentType.hasSuffix("+json") {
            guard case .object(let object)? = try? JSONParser.parse(request.body) else { throw .malformedJSON }
            for (name, value) in object.entries {
                values[Self.phpName(name)] = Self.jsonValue(value)
            }
        }
    }

    /// The cleaned value; nil when missing, empty, or sent in array form.
    subscript(_ name: String) -> String? {
        guard case .text(let text)? = values[name], !text.isEmpty else { return nil }
        return text
    }

    /// True when `body` is a form that names a public action, the case where the query does not.
    static func formNamesAction(_ request: HTTPRequest) -> Bool {
        guard !request.body.isEmpty, request.body.count <= maximumBodySize, !request.bodyTruncated,
            request.headers.contentType?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
        else { return false }
        var parameters = PublicParameters(query: "")
        parameters.merge(form: request.body)
        return parameters["fluent-cart"] != nil
    }

    /// `a=1&a=2` keeps the last value, as PHP does; `a[]=1` or `a[x]=1` makes `a` an array.
    private mutating func merge(form bytes: [UInt8]) {
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            let rawName = URLDecoding.decode(pair[pair.startIndex..<(equals ?? pair.endIndex)])
            let rawValue = equals.map { URLDecoding.bytes(pair[($0 + 1)...]) } ?? []
            if let bracket = rawName.firstIndex(of: "["), rawName[bracket...].contains("]") {
                values[Self.phpName(String(rawName[..<bracket]))] = .array
            } else {
                values[Self.phpName(rawName)] = .text(TextSanitizer.sanitize(rawValue).withoutNUL)
            }
        }
    }

    /// PHP turns spaces and dots in parameter names into underscores.
    private static func phpName(_ name: String) -> String {
        String(name.map { $0 == " " || $0 == "." ? "_" : $0 })
    }

    private static func jsonValue(_ value: JSONValue) -> Value {
        switch value {
        case .string(let text): return .text(TextSanitizer.sanitize(text).withoutNUL)
        case .integer(let number): return .text(String(number))
        case .number(let literal): return .text(literal)
        case .bool(let flag): return .text(flag ? "1" : "")
        case .null: return .text("")
        case .array, .object: return .array
        }
    }
}

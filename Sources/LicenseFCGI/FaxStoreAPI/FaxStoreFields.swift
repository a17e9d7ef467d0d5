import Domain

/// The fields of a FaxStore request, merged from the query string and the body (the body wins a tie).
struct FaxStoreFields {
    /// A field as it arrived: a JSON value, or the form values under its name (`proIds[]` collects several).
    enum Value {
        case json(JSONValue)
        case form([String])
    }

    private var query: [String: Value] = [:]
    private var body: [String: Value] = [:]

    /// Largest body the FaxStore API reads (faxstore.md §5).
    static let maximumBodySize = 64 * 1024

    init(request: HTTPRequest) throws(FaxStoreError) {
        query = Self.formFields(FormDecoder.decode(request.query))
        guard request.body.count <= Self.maximumBodySize, !request.bodyTruncated else { throw .bodyTooLarge }
        guard !request.body.isEmpty else { return }
        let contentType = request.headers.contentType?.lowercased() ?? ""
        if contentType.hasPrefix("multipart/form-data") { return }
        let isJSON: Bool
        if contentType.hasPrefix("application/json") || contentType.hasSuffix("+json") {
            isJSON = true
        } else if contentType.hasPrefix("application/x-www-form-urlencoded") {
            isJSON = false
        } else {
            // Game-server HTTP clients often omit the header: sniff the first non-blank byte.
            isJSON = request.body.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "{")
        }
        if isJSON {
            let value: JSONValue
            do { value = try JSONParser.parse(request.body) } catch { throw .invalidJSON }
            guard case .object(let object) = value else { throw .bodyNotAnObject }
            for entry in object.entries { body[entry.key] = .json(entry.value) }
        } else {
            body = Self.formFields(FormDecoder.decode(request.body))
        }
    }

    /// The field from the body if present there, else from the query.
    func value(_ name: String) -> Value? {
        body[name] ?? query[name]
    }

    /// Groups `name`, `name[]` and `name[N]` under `name`, keeping every value in order.
    private static func formFields(_ pairs: [(name: String, value: String)]) -> [String: Value] {
        var fields: [String: [String]] = [:]
        for (name, value) in pairs {
            var base = name
            if let bracket = name.firstIndex(of: "["), name.hasSuffix("]") { base = String(name[..<bracket]) }
            fields[base, default: []].append(value)
        }
        return fields.mapValues { .form($0) }
    }
}

import Domain
import Foundation

extension HTTPSClient {
    /// A public-protocol request as FluentCart's SDK sends it: a form POST to `<path>?fluent-cart=<action>`.
    func fluentCart(
        _ action: String,
        _ fields: KeyValuePairs<String, String> = [:],
        path: String = "/",
        method: String = "POST",
        headers: [String: String] = [:]
    ) async throws -> HTTPResponse {
        try await send(
            method,
            "\(path)?fluent-cart=\(action)",
            headers: headers,
            body: fields.isEmpty ? .none : .form(formEncoded(fields))
        )
    }
}

/// `application/x-www-form-urlencoded`, as PHP's `http_build_query` writes it.
func formEncoded(_ fields: KeyValuePairs<String, String>) -> String {
    fields.map { "\(formEscaped($0.key))=\(formEscaped($0.value))" }.joined(separator: "&")
}

func formEscaped(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-_.")
    return (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "").replacingOccurrences(of: "%20", with: "+")
}

extension HTTPResponse {
    /// The body's top-level keys in the order they were sent (clients and the spec fix the order).
    var orderedKeys: [String] {
        guard case .object(let object)? = try? JSONParser.parse(Array(body)) else { return [] }
        return object.entries.map(\.key)
    }

    /// A top-level string field of the JSON body.
    func string(_ key: String) -> String? { json?[key] as? String }

    /// A top-level integer field of the JSON body (a JSON number, not a numeric string).
    func integer(_ key: String) -> Int64? {
        guard case .object(let object)? = try? JSONParser.parse(Array(body)), case .integer(let value)? = object[key]
        else { return nil }
        return value
    }
}

extension CLI {
    /// A product with licensing on, a version, and an activation limit for its default variation.
    func fluentCartProduct(
        version: String = "1.0.0",
        limit: Int = 3,
        _ options: [String] = []
    ) async throws
        -> Product
    {
        try await createProduct(
            ["--licensing", "on", "--version", version, "--activation-limit", "\(limit)"] + options
        )
    }

    /// A product with licensing on and one license; `options` go to `license create`.
    func fluentCartLicense(limit: Int = 3, _ options: [String] = []) async throws -> (Product, License) {
        let product = try await fluentCartProduct(limit: limit)
        return (product, try await createLicense(for: product, ["--limit", "\(limit)"] + options))
    }
}

/// A site URL no other test uses.
func uniqueSite(_ prefix: String = "https://shop") -> String {
    "\(prefix)-\(UUID().uuidString.prefix(8).lowercased()).example.com"
}

// MARK: - Update checks, downloads, renewals and bad input (VersionCheckTests, DownloadTests, RenewTests,
// PublicBadInputTests)

extension HTTPResponse {
    /// The body parsed with keys in the order they were sent, or nil when it is not JSON.
    var orderedJSON: JSONValue? { try? JSONParser.parse(Array(body)) }

    /// The keys of an object inside the body (`sections`, `banners`, …), in the order they were sent.
    func orderedKeys(of key: String) -> [String] {
        guard case .object(let inner)? = orderedJSON?[key] else { return [] }
        return inner.keys
    }
}

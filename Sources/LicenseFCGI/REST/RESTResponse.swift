import Domain

/// REST answers as WordPress sends them.
enum RESTResponse {
    static func json(_ value: JSONValue, status: Int = 200, headers: [(String, String)] = []) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: [("Content-Type", "application/json; charset=UTF-8"), ("Cache-Control", "no-store")] + headers,
            body: Array(value.serialized.utf8)
        )
    }

    /// A list: `{"<name>": paginator}` with the `X-WP-Total` and `X-WP-TotalPages` headers.
    static func page(_ name: String, _ paginator: Paginator) -> HTTPResponse {
        json(.object([name: paginator.json]), headers: paginator.headers)
    }
}

extension HTTPSClient {
    /// `POST /api/check/{product}`.
    func check(
        _ product: Product,
        key: String?,
        query: String = "",
        headers: [String: String] = [:],
        body: RequestBody = .none
    ) async throws -> HTTPResponse {
        try await send("POST", "/api/check/\(product.id)\(query)", key: key, headers: headers, body: body)
    }

    /// `POST /api/check/multiple`.
    func checkMultiple(
        key: String?,
        query: String = "",
        headers: [String: String] = [:],
        body: RequestBody
    ) async throws -> HTTPResponse {
        try await send("POST", "/api/check/multiple\(query)", key: key, headers: headers, body: body)
    }

    /// `POST /api/checkitem/{product}`, the legacy V1 check.
    func checkItem(
        _ product: Product,
        key: String?,
        headers: [String: String] = [:],
        body: RequestBody = .none
    ) async throws -> HTTPResponse {
        try await send("POST", "/api/checkitem/\(product.id)", key: key, headers: headers, body: body)
    }
}

import Domain
import Logging

/// What a REST handler works with: the request, its parameters, the authenticated caller, and the database.
struct RESTContext {
    var request: HTTPRequest
    var parameters: RESTParameters
    var caller: Caller
    var database: Database
    var configuration: ServerConfiguration
    var expiry: Expiry
    var logger: Logger
    /// `<base>/wp-json/fluent-cart/v2`, for the paginators' URLs.
    var restBase: String

    /// The `{id}` path parameter; routes only match digits, so a failure means a number beyond Int64, which names
    /// nothing.
    var id: Int64 { parameters.string("id").flatMap { Int64($0) } ?? -1 }
}

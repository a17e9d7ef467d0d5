import Domain

/// `GET licensing/licenses` and `GET licensing/licenses/customer/{id}` (fluentcart.md §6).
enum AdminLicenseListRoutes {
    static func list(_ context: RESTContext) throws -> HTTPResponse { throw RESTError.noRoute }
    static func customerList(_ context: RESTContext) throws -> HTTPResponse { throw RESTError.noRoute }
}

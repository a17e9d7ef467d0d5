import Domain
import Foundation

/// `GET licensing/licenses` and `GET licensing/licenses/customer/{id}` (fluentcart.md §6).
enum AdminLicenseListRoutes {
    /// `{"licenses": paginator}` filtered, searched and sorted as the query asks. An unreadable search, advanced
    /// filter or `include_ids` is a 422 `{"message"}` (a `DomainError.invalidInput`).
    static func list(_ context: RESTContext) throws -> HTTPResponse {
        let query = try LicenseListQuery(parameter: context.parameters.value)
        let page = try context.database.run { connection in try LicenseListStore(connection: connection).page(query) }
        return respond(page, query: query, path: context.restBase + "/licensing/licenses")
    }

    /// The customer's licenses, id descending, with `page` and `per_page` as in the main list; an unknown customer
    /// gives an empty list [O: FluentCart answers 500].
    static func customerList(_ context: RESTContext) throws -> HTTPResponse {
        var query = LicenseListQuery()
        query.page = LicenseListQuery.page(context.parameters.value("page"))
        query.perPage = LicenseListQuery.perPage(context.parameters.value("per_page"))
        query.customerID = context.id
        let page = try context.database.run { connection in try LicenseListStore(connection: connection).page(query) }
        let id = context.parameters.string("id") ?? ""
        return respond(page, query: query, path: context.restBase + "/licensing/licenses/customer/\(id)")
    }

    private static func respond(_ page: LicenseListPage, query: LicenseListQuery, path: String) -> HTTPResponse {
        let now = Date()
        return RESTResponse.page(
            "licenses",
            Paginator(
                items: page.licenses.map { $0.json(listed: true, now: now) },
                total: page.total,
                page: query.page,
                perPage: query.perPage,
                path: path
            )
        )
    }
}

import Domain
import Foundation

/// `GET licensing/sites` and `GET licensing/sites/{id}` (fluentcart.md §7).
enum SiteRoutes {
    /// `{"sites": paginator}`: sites with activations, `search` inside the URL, `per_page` clamped to 1…100.
    static func list(_ context: RESTContext) throws -> HTTPResponse {
        let query = try SiteListQuery(parameter: context.parameters.value)
        let page = try context.database.run { connection in try SiteListStore(connection: connection).page(query) }
        return RESTResponse.page(
            "sites",
            Paginator(
                items: page.sites.map(\.json),
                total: page.total,
                page: query.page,
                perPage: query.perPage,
                path: context.restBase + "/licensing/sites"
            )
        )
    }

    /// `{site, activations, customers, orders}`; the activations page with `page` and `per_page` as the list does.
    /// A missing site is FluentCart's model-not-found 404.
    static func details(_ context: RESTContext) throws -> HTTPResponse {
        let page = LicenseListQuery.page(context.parameters.value("page"))
        let perPage = SiteListQuery.perPage(context.parameters.value("per_page"))
        let id = context.id
        let details = try context.database.run { connection in
            try SiteListStore(connection: connection).details(id: id, page: page, perPage: perPage)
        }
        guard let details else { throw RESTError.refusal(404, "No query results for model [LicenseSite].") }
        return RESTResponse.json(details.json(now: Date()))
    }
}

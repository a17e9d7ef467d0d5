import Domain
import Testing

@Suite("Site list parameters")
struct SiteListQueryTests {
    func query(_ parameters: [String: JSONValue]) throws -> SiteListQuery {
        try SiteListQuery(parameter: { parameters[$0] })
    }

    @Test("defaults to page 1 of 15, id descending, no search")
    func defaults() throws {
        #expect(try query([:]) == SiteListQuery())
        #expect(SiteListQuery().perPage == 15 && SiteListQuery().page == 1 && SiteListQuery().search == nil)
    }

    @Test(
        "clamps per_page to 1…100 and reads anything else as 15",
        arguments: [
            ("20", Int64(20)), ("0", 1), ("-4", 1), ("101", 100), ("100000", 100), ("lots", 15), ("", 15),
        ]
    )
    func perPage(text: String, perPage: Int64) throws {
        #expect(try query(["per_page": .string(text)]).perPage == perPage)
    }

    @Test("trims the search and reads a blank one as none")
    func search() throws {
        #expect(try query(["search": "  shop.example  "]).search == "shop.example")
        #expect(try query(["search": "   "]).search == nil)
        #expect(throws: DomainError.self) { try query(["search": .string(String(repeating: "x", count: 501))]) }
    }

    @Test("sorts by id, site_url, created_at or updated_at, and by id otherwise")
    func sorting() throws {
        let byURL = try query(["sort_by": "site_url", "sort_type": "asc"])
        #expect(byURL.sortBy == .siteURL && byURL.ascending)
        #expect(try query(["sort_by": "other"]).sortBy == .id)
    }

    @Test("reads a bad page as 1, and has no offset past what 64 bits count")
    func paging() throws {
        #expect(try query(["page": "x"]).page == 1)
        #expect(try query(["page": "3", "per_page": "10"]).offset == 20)
        #expect(try query(["page": .integer(Int64.max)]).offset == nil)
    }
}

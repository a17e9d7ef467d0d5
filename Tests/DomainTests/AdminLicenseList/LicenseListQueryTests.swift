import Domain
import Testing

@Suite("License list parameters")
struct LicenseListQueryTests {
    func query(_ parameters: [String: JSONValue]) throws -> LicenseListQuery {
        try LicenseListQuery(parameter: { parameters[$0] })
    }

    @Test("defaults to page 1 of 10, id descending, no filter")
    func defaults() throws {
        let query = try query([:])
        #expect(query.page == 1 && query.perPage == 10 && query.sortBy == .id && !query.ascending)
        #expect(query.search == .none && query.view == nil && query.advancedGroups == nil && query.includeIDs == nil)
        #expect(query.offset == 0)
    }

    @Test(
        "reads page as a whole number from 1 on, and any bad value as 1",
        arguments: [
            ("3", Int64(3)), ("0", 1), ("-2", 1), ("abc", 1), ("", 1), ("2.9", 2), ("99999999999999999999", 1),
            (" 4 ", 4),
        ]
    )
    func page(text: String, page: Int64) throws {
        #expect(try query(["page": .string(text)]).page == page)
    }

    @Test("reads page from a JSON number, and an array (page[]=) as 1")
    func pageTypes() throws {
        #expect(try query(["page": .integer(7)]).page == 7)
        #expect(try query(["page": .array(["2"])]).page == 1)
    }

    @Test(
        "uses per_page when 0 < n < 200, and 10 otherwise",
        arguments: [
            ("25", Int64(25)), ("1", 1), ("199", 199), ("200", 10), ("0", 10), ("-5", 10), ("many", 10),
            ("1000000", 10),
        ]
    )
    func perPage(text: String, perPage: Int64) throws {
        #expect(try query(["per_page": .string(text)]).perPage == perPage)
    }

    @Test("sorts by an allow-listed column in either direction, and by id descending otherwise")
    func sorting() throws {
        let byKey = try query(["sort_by": "license_key", "sort_type": "ASC"])
        #expect(byKey.sortBy == .licenseKey && byKey.ascending)
        let unknown = try query(["sort_by": "password; DROP TABLE licenses", "sort_type": "sideways"])
        #expect(unknown.sortBy == .id && !unknown.ascending)
    }

    @Test("reads the four views and ignores any other", arguments: ["active", "expired", "disabled", "inactive"])
    func views(view: String) throws {
        #expect(try query(["active_view": .string(view)]).view?.rawValue == view)
        #expect(try query(["active_view": .string(view.uppercased())]).view?.rawValue == view)
    }

    @Test("ignores an unknown view", arguments: ["all", "", "refunded"])
    func unknownView(view: String) throws {
        #expect(try query(["active_view": .string(view)]).view == nil)
    }

    @Test("in advanced mode, applies the filters and ignores search and active_view, as FluentCart")
    func advancedMode() throws {
        let query = try query([
            "filter_type": "advanced", "search": "id = 1", "active_view": "active",
            "advanced_filters": #"[[{"property":"id","operator":"=","value":2}]]"#,
        ])
        #expect(query.search == .none && query.view == nil)
        #expect(query.advancedGroups == [[LicenseSearchCondition(field: .id, op: .equal, operands: [.integer(2)])]])
    }

    @Test("in simple mode, ignores advanced_filters, even unreadable ones")
    func simpleModeIgnoresAdvanced() throws {
        let query = try query(["filter_type": "simple", "advanced_filters": "{broken", "search": "ada"])
        #expect(query.advancedGroups == nil && query.search == .text("ada"))
    }

    @Test("joins a search sent as a list with spaces, as FluentCart")
    func searchList() throws {
        #expect(try query(["search": .array(["ada", "lovelace"])]).search == .text("ada lovelace"))
        #expect(try query(["search": .integer(4711)]).search == .text("4711"))
    }

    @Test("reads include_ids as a comma list or an array, skipping blanks")
    func includeIDs() throws {
        #expect(try query(["include_ids": "3, 5,,8"]).includeIDs == [3, 5, 8])
        #expect(try query(["include_ids": .array(["3", "4,5"])]).includeIDs == [3, 4, 5])
        #expect(try query(["include_ids": .array([.integer(9)])]).includeIDs == [9])
        #expect(try query(["include_ids": ""]).includeIDs == nil)
    }

    @Test("refuses include_ids that are not ids", arguments: ["1,two", "1;2", "1 OR 1=1"])
    func badIncludeIDs(text: String) {
        #expect(throws: DomainError.self) { try query(["include_ids": .string(text)]) }
    }

    @Test("accepts and ignores FluentCart's with, select, scopes, limit, offset and user_tz")
    func ignoredParameters() throws {
        let ignored = try query([
            "with": .array(["customer"]), "select": "*", "scopes": .array(["drop"]), "limit": "1", "offset": "5",
            "user_tz": "Mars/Olympus",
        ])
        #expect(ignored == LicenseListQuery())
    }

    @Test("has no offset for a page beyond what 64 bits can count")
    func offsetOverflow() throws {
        let query = try query(["page": .integer(Int64.max), "per_page": "50"])
        #expect(query.offset == nil)
        #expect(try self.query(["page": "3", "per_page": "25"]).offset == 50)
    }
}

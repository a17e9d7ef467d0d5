import Domain
import Foundation
import Testing

@Suite(
    "Admin license list: views, sorting, advanced filters, include_ids",
    .enabled(if: Stack.isConfigured, "set by scripts/test.sh")
)
struct AdminLicenseListFilterTests {
    let cli = CLI.stack
    let client = HTTPSClient.main

    func list(_ query: [(String, String)]) async throws -> AdminListPage {
        try AdminListPage(try await client.adminList("licenses", query))
    }

    /// Five licenses of one product: active with a future expiry, active with a passed one, disabled, inactive,
    /// and expired by status (the last three lifetime).
    func fiveStates() async throws -> (Product, [String: Int64]) {
        let product = try await cli.createProduct()
        var ids: [String: Int64] = [:]
        ids["active"] = try await cli.createLicense(
            for: product,
            ["--status", "active", "--expires", expiryTimestamp(daysFromNow: 30)]
        ).id
        ids["lapsed"] = try await cli.createLicense(
            for: product,
            ["--status", "active", "--expires", expiryTimestamp(daysFromNow: -3)]
        ).id
        ids["disabled"] = try await cli.createLicense(for: product, ["--status", "disabled", "--expires", "lifetime"])
            .id
        ids["inactive"] = try await cli.createLicense(for: product, ["--status", "inactive", "--expires", "lifetime"])
            .id
        ids["expired"] = try await cli.createLicense(for: product, ["--status", "expired", "--expires", "lifetime"]).id
        return (product, ids)
    }

    @Test("active_view selects as FluentCart: active by status and date, expired by date alone, others by status")
    func views() async throws {
        let (product, ids) = try await fiveStates()
        let scope = ("search", "product_id = \(product.id)")
        #expect(try await list([scope, ("active_view", "active")]).ids == [ids["active"]!])
        #expect(try await list([scope, ("active_view", "expired")]).ids == [ids["lapsed"]!])
        #expect(try await list([scope, ("active_view", "disabled")]).ids == [ids["disabled"]!])
        #expect(try await list([scope, ("active_view", "inactive")]).ids == [ids["inactive"]!])
        #expect(try await list([scope, ("active_view", "everything")]).total == 5)
    }

    @Test("sorts by an allow-listed column in either direction; an unknown column sorts by id, newest first")
    func sorting() async throws {
        let product = try await cli.createProduct()
        let token = listToken(8)
        var byLimit: [Int64: Int64] = [:]
        for (limit, letter) in [(3, "b"), (1, "c"), (2, "a")] {
            let license = try await cli.createLicense(
                for: product,
                ["--limit", "\(limit)", "--key", "\(letter)srt\(token)"]
            )
            byLimit[Int64(limit)] = license.id
        }
        let scope = ("search", "product_id = \(product.id)")
        #expect(
            try await list([scope, ("sort_by", "limit"), ("sort_type", "asc")]).ids
                == [byLimit[1]!, byLimit[2]!, byLimit[3]!]
        )
        #expect(
            try await list([scope, ("sort_by", "limit"), ("sort_type", "DESC")]).ids
                == [byLimit[3]!, byLimit[2]!, byLimit[1]!]
        )
        #expect(
            try await list([scope, ("sort_by", "license_key"), ("sort_type", "asc")]).ids
                == [byLimit[2]!, byLimit[3]!, byLimit[1]!]
        )
        #expect(
            try await list([scope, ("sort_by", "password"), ("sort_type", "sideways")]).ids
                == [byLimit[2]!, byLimit[1]!, byLimit[3]!]
        )
    }

    @Test("sorts lifetime licenses first when the expiry ascends, last when it descends")
    func sortNulls() async throws {
        let product = try await cli.createProduct()
        let lifetime = try await cli.createLicense(for: product, ["--expires", "lifetime"])
        let soon = try await cli.createLicense(for: product, ["--expires", "2030-01-01"])
        let later = try await cli.createLicense(for: product, ["--expires", "2032-01-01"])
        let scope = ("search", "product_id = \(product.id)")
        #expect(
            try await list([scope, ("sort_by", "expiration_date"), ("sort_type", "asc")]).ids
                == [lifetime.id, soon.id, later.id]
        )
        #expect(try await list([scope, ("sort_by", "expiration_date")]).ids == [later.id, soon.id, lifetime.id])
    }

    @Test("advanced filters OR their groups and AND the items of each group")
    func advanced() async throws {
        let product = try await cli.createProduct()
        let other = try await cli.createProduct()
        let small = try await cli.createLicense(for: product, ["--limit", "1"])
        let large = try await cli.createLicense(for: product, ["--limit", "5", "--status", "active"])
        let elsewhere = try await cli.createLicense(for: other, ["--limit", "5"])
        let filters = """
            [[{"property":"product_id","operator":"=","value":\(product.id)},
              {"property":"limit","operator":">=","value":"3"}],
             [{"property":"key","operator":"in","value":["\(elsewhere.licenseKey.uppercased())"]}]]
            """
        let page = try await list([("filter_type", "advanced"), ("advanced_filters", filters)])
        #expect(page.ids == [elsewhere.id, large.id])
        let statuses = """
            [[{"property":"status","operator":"in","value":"active,disabled"},
              {"property":"product_id","operator":"=","value":\(product.id)}]]
            """
        #expect(try await list([("filter_type", "advanced"), ("advanced_filters", statuses)]).ids == [large.id])
        #expect(small.id < large.id)
    }

    @Test("in advanced mode, search and active_view are ignored, as FluentCart")
    func advancedIgnoresSimple() async throws {
        let product = try await cli.createProduct()
        let license = try await cli.createLicense(for: product)
        let filters = #"[[{"property":"product_id","operator":"=","value":\#(product.id)}]]"#
        let page = try await list([
            ("filter_type", "advanced"), ("advanced_filters", filters), ("search", "no such text"),
            ("active_view", "disabled"),
        ])
        #expect(page.ids == [license.id])
    }

    @Test("takes advanced_filters as an array in a JSON body")
    func advancedInJSONBody() async throws {
        let product = try await cli.createProduct()
        let license = try await cli.createLicense(for: product)
        let user = try await RoleUsers.shared.user("accountant")
        let body = """
            {"filter_type":"advanced",
             "advanced_filters":[[{"property":"product_id","operator":"=","value":\(product.id)}]]}
            """
        let page = try AdminListPage(try await client.rest("GET", "licensing/licenses", as: user, body: .json(body)))
        #expect(page.ids == [license.id])
    }

    @Test(
        "refuses advanced filters it cannot read: 422 with a message",
        arguments: [
            ("{oops", "advanced_filters is not valid JSON."),
            (#"[[{"property":"secret","operator":"=","value":1}]]"#, "Unknown filter property: secret."),
            (#"[[{"property":"id","operator":"LIKE","value":1}]]"#, "Unknown filter operator: LIKE."),
            (#"[[{"property":"id","operator":"=","value":"x"}]]"#, "Invalid value for id: expected a whole number."),
        ]
    )
    func badAdvanced(filters: String, message: String) async throws {
        let response = try await client.adminList(
            "licenses",
            [("filter_type", "advanced"), ("advanced_filters", filters)]
        )
        #expect(response.status == 422)
        #expect(response.string("message") == message)
    }

    @Test("include_ids restricts the list to those licenses, also combined with a search")
    func includeIDs() async throws {
        let product = try await cli.createProduct()
        let one = try await cli.createLicense(for: product)
        let two = try await cli.createLicense(for: product)
        _ = try await cli.createLicense(for: product)
        #expect(try await list([("include_ids", "\(one.id), \(two.id)")]).ids == [two.id, one.id])
        #expect(try await list([("include_ids[]", "\(one.id)"), ("include_ids[]", "\(two.id)")]).total == 2)
        #expect(
            try await list([("include_ids", "\(one.id),\(two.id)"), ("search", "key = \(one.licenseKey)")]).ids
                == [one.id]
        )
        let bad = try await client.adminList("licenses", [("include_ids", "1,two")])
        #expect(bad.status == 422)
        #expect(bad.string("message") == "include_ids must be a comma-separated list of license ids.")
    }

    @Test("accepts and ignores with[], select, scopes, limit, offset and user_tz")
    func ignoredParameters() async throws {
        let (product, ids) = try await cli.listBulkLicenses(count: 3)
        let page = try await list([
            ("search", "product_id = \(product.id)"), ("with[]", "customer"), ("with[]", "activations"),
            ("select", "id,license_key"), ("scopes[]", "delete"), ("limit", "1"), ("offset", "2"),
            ("user_tz", "Europe/Paris"),
        ])
        #expect(page.ids == ids.reversed())
        #expect(page.rows.first?["product"] != nil)
    }
}

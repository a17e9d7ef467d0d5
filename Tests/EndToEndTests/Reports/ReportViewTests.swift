import Foundation
import Testing

/// Every report view against data the test seeds itself; rows are filtered by the test's own products, licenses,
/// sites or results, because other tests share the database.
@Suite("DBA report views", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct ReportViewTests {
    let cli = CLI.stack
    let client = HTTPSClient.main
    let database = Database.stack

    @Test("license_overview counts a product's licenses per status")
    func licenseOverview() async throws {
        let product = try await cli.createProduct()
        for status in ["active", "active", "inactive", "disabled"] {
            _ = try await cli.createLicense(for: product, ["--status", status])
        }
        let lines = try await database.linesAsReporter(
            """
            SELECT product_id, product_title, status, licenses FROM reports.license_overview
            WHERE product_id = \(product.id) ORDER BY status
            """
        )
        #expect(
            lines == [
                "\(product.id)|\(product.title)|active|2", "\(product.id)|\(product.title)|disabled|1",
                "\(product.id)|\(product.title)|inactive|1",
            ]
        )
    }

    @Test("activations_by_product, activations_by_site and sites count only active activations")
    func activationsAndSites() async throws {
        let product = try await cli.fluentCartProduct(limit: 3)
        let idle = try await cli.fluentCartProduct()
        let first = try await cli.createLicense(for: product, ["--limit", "3"])
        let second = try await cli.createLicense(for: product, ["--limit", "3"])
        let shared = uniqueSite()
        let left = uniqueSite()
        for (license, site) in [(first, shared), (first, left), (second, shared)] {
            let response = try await client.fluentCart(
                "activate_license",
                ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
            )
            #expect(response.status == 200)
        }
        let deactivated = try await client.fluentCart(
            "deactivate_license",
            ["license_key": first.licenseKey, "item_id": "\(product.id)", "site_url": left]
        )
        #expect(deactivated.status == 200)
        let sharedURL = String(shared.dropFirst("https://".count))
        let leftURL = String(left.dropFirst("https://".count))

        let byProduct = try await database.linesAsReporter(
            """
            SELECT product_id, product_title, activations FROM reports.activations_by_product
            WHERE product_id IN (\(product.id), \(idle.id)) ORDER BY product_id
            """
        )
        #expect(byProduct == ["\(product.id)|\(product.title)|2", "\(idle.id)|\(idle.title)|0"])

        let bySite = try await database.linesAsReporter(
            """
            SELECT site_url, product_id, product_title, activations FROM reports.activations_by_site
            WHERE product_id = \(product.id) ORDER BY site_url
            """
        )
        #expect(bySite == ["\(sharedURL)|\(product.id)|\(product.title)|2"])

        let sites = try await database.linesAsReporter(
            """
            SELECT site_url, licenses, license_ids FROM reports.sites
            WHERE site_url IN (\(Database.literal(sharedURL)), \(Database.literal(leftURL))) ORDER BY licenses DESC
            """
        )
        #expect(sites == ["\(sharedURL)|2|{\(first.id),\(second.id)}", "\(leftURL)|0|{}"])
        let siteIDs = try await database.integer(
            "SELECT count(*) FROM reports.sites s JOIN license_sites t ON t.id = s.site_id AND t.site_url = s.site_url "
                + "WHERE s.site_url IN (\(Database.literal(sharedURL)), \(Database.literal(leftURL)))"
        )
        #expect(siteIDs == 2)
    }

    @Test("checks_daily counts checks per UTC day and result, whatever the session's time zone")
    func checksDaily() async throws {
        let result = "E2E-REPORT-\(UUID().uuidString.prefix(8))"
        let other = result + "-B"
        let day = "((now() AT TIME ZONE 'UTC')::date"
        let seeds: [(moment: String, result: String)] = [
            ("\(day) - 2) + time '23:59:59.999'", result),
            ("\(day) - 1) + time '00:00:00'", result),
            ("\(day) - 1) + time '00:00:00'", result),
            ("\(day) - 1) + time '12:00:00'", other),
            ("\(day)) + time '00:00:00'", result),
        ]
        let values = seeds.map { "((\($0.moment)) AT TIME ZONE 'UTC', \(Database.literal($0.result)), 'check')" }
        try await database.createCheckLogPartitions(containing: seeds.map { "(\($0.moment)) AT TIME ZONE 'UTC'" })
        _ = try await database.rows(
            "INSERT INTO license_checks (created_at, result, api) VALUES \(values.joined(separator: ", "))"
        )
        let lines = try await database.linesAsReporter(
            """
            SET TIME ZONE 'Pacific/Kiritimati';
            SELECT day - (now() AT TIME ZONE 'UTC')::date, result, checks FROM reports.checks_daily
            WHERE result IN (\(Database.literal(result)), \(Database.literal(other))) ORDER BY day, result
            """
        )
        #expect(lines == ["-2|\(result)|1", "-1|\(result)|2", "-1|\(other)|1", "0|\(result)|1"])
    }

    @Test("checks_daily includes the checks the server logs, by their FaxStore status")
    func checksDailyFromRealChecks() async throws {
        let (product, license) = try await cli.licensedProduct()
        expectAnswer(try await client.check(product, key: license.licenseKey), .authorised())
        let today = try await database.integer(
            """
            SET ROLE license_reporter;
            SELECT checks FROM reports.checks_daily
            WHERE day = (now() AT TIME ZONE 'UTC')::date AND result = 'AUTHORISED'
            """
        )
        #expect(today >= 1)
    }

    @Test("expiring_soon lists licenses expiring between now and now + 30 days, edges included, never the key")
    func expiringSoon() async throws {
        let product = try await cli.createProduct()
        let customer = try await cli.createCustomer()
        func license(_ days: Double?, _ options: [String] = []) async throws -> License {
            let expires = days.map { expiryTimestamp(daysFromNow: $0) } ?? "lifetime"
            return try await cli.createLicense(
                for: product,
                ["--customer", "\(customer.id)", "--expires", expires] + options
            )
        }
        let soon = try await license(1.0 / 24)
        let lastDay = try await license(30 - 1.0 / 24)
        let disabled = try await license(10, ["--status", "disabled"])
        _ = try await license(30 + 1.0 / 24)
        _ = try await license(-1.0 / 24)
        _ = try await license(nil)
        let lines = try await database.linesAsReporter(
            """
            SELECT license_id, product_id, customer_id, to_char(expiration_date AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')
            FROM reports.expiring_soon WHERE product_id = \(product.id) ORDER BY expiration_date
            """
        )
        let expected = try await database.rows(
            """
            SELECT id, product_id, customer_id, to_char(expiration_date AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')
            FROM licenses WHERE id IN (\(soon.id), \(disabled.id), \(lastDay.id)) ORDER BY expiration_date
            """
        ).map { row in row.map { $0 ?? "NULL" }.joined(separator: "|") }
        #expect(expected.count == 3)
        #expect(lines == expected)
        let columns = try await database.rows(
            """
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = 'reports' AND table_name = 'expiring_soon' ORDER BY ordinal_position
            """
        ).map { $0[0] ?? "" }
        #expect(columns == ["license_id", "product_id", "customer_id", "expiration_date"])
    }

    @Test("product_summary and expiring_this_month answer active licenses per product and this month's expiries")
    func productSummary() async throws {
        let product = try await cli.createProduct()
        func license(_ date: Date?, _ status: String = "active") async throws -> License {
            try await cli.createLicense(
                for: product,
                ["--status", status, "--expires", date.map(expiryText) ?? "lifetime"]
            )
        }
        let monthStart = try await license(utcMonthStart(offset: 0))
        let monthEnd = try await license(utcMonthStart(offset: 1).addingTimeInterval(-1), "inactive")
        _ = try await license(utcMonthStart(offset: 1))
        _ = try await license(utcMonthStart(offset: 0).addingTimeInterval(-1), "expired")
        _ = try await license(nil)
        let month = try await database.linesAsReporter(
            """
            SELECT license_id, status FROM reports.expiring_this_month WHERE product_id = \(product.id)
            ORDER BY license_id
            """
        )
        #expect(month == ["\(monthStart.id)|active", "\(monthEnd.id)|inactive"])
        let summary = try await database.linesAsReporter(
            """
            SELECT licenses, active_licenses, inactive_licenses, expired_licenses, disabled_licenses,
                   expiring_this_month_license_ids, activations
            FROM reports.product_summary WHERE product_id = \(product.id)
            """
        )
        #expect(summary == ["5|3|1|1|0|{\(monthStart.id),\(monthEnd.id)}|0"])
    }

    @Test("top_failing_keys counts a key's failures over 30 days by fingerprint and never shows the key")
    func topFailingKeys() async throws {
        let product = try await cli.createProduct()
        let disabled = try await cli.createLicense(for: product, ["--status", "disabled"])
        let sometimes = try await cli.createLicense(for: product)
        let healthy = try await cli.createLicense(for: product)
        for _ in 1...3 {
            #expect(try await client.check(product, key: disabled.licenseKey).status == 200)
        }
        for license in [sometimes, healthy] {
            expectAnswer(try await client.check(product, key: license.licenseKey), .authorised())
        }
        try await database.createCheckLogPartitions(containing: [
            "now() - interval '29 days'", "now() - interval '31 days'",
        ])
        _ = try await database.rows(
            """
            INSERT INTO license_checks (created_at, license_id, product_id, result, api) VALUES
                (now() - interval '29 days', \(sometimes.id), \(product.id), 'KEY EXPIRED', 'check'),
                (now() - interval '31 days', \(sometimes.id), \(product.id), 'KEY EXPIRED', 'check'),
                (now() - interval '31 days', \(healthy.id), \(product.id), 'NOT AUTHORISED', 'check')
            """
        )
        let lines = try await database.linesAsReporter(
            """
            SELECT key_fingerprint, license_id, product_id, failures, results FROM reports.top_failing_keys
            WHERE product_id = \(product.id)
            """
        )
        #expect(
            lines == [
                "\(keyFingerprint(disabled.licenseKey))|\(disabled.id)|\(product.id)|3|{\"KEY DISABLED\"}",
                "\(keyFingerprint(sometimes.licenseKey))|\(sometimes.id)|\(product.id)|1|{\"KEY EXPIRED\"}",
            ]
        )
        let everything = try await database.rowsAsReporter(
            "SELECT row_to_json(t)::text FROM reports.top_failing_keys t WHERE product_id = \(product.id)"
        ).map { $0[0] ?? "" }.joined().lowercased()
        for license in [disabled, sometimes, healthy] {
            #expect(!everything.contains(license.licenseKey.lowercased()))
        }
    }

    @Test("no report view has a column holding a key, hash, password or payload")
    func noSecretColumns() async throws {
        let columns = try await database.rows(
            "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'reports'"
        ).map { $0[0] ?? "" }
        #expect(!columns.isEmpty)
        for column in columns {
            let name = column.split(separator: ".").last.map(String.init) ?? column
            #expect(
                !["license_key", "password_hash", "activation_hash", "payload", "info"].contains(name),
                "\(column)"
            )
        }
    }
}

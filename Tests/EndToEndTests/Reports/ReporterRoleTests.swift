import Foundation
import Testing

/// operations.md §4: `license_reporter` may read `reports` and nothing else. The E2E database user is a superuser,
/// so each query runs after `SET ROLE license_reporter` in the same psql session.
@Suite("The license_reporter role", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct ReporterRoleTests {
    let database = Database.stack

    @Test("can select every view of schema reports, including the ones operations.md names")
    func readsEveryView() async throws {
        let views = try await database.rows(
            "SELECT table_name FROM information_schema.views WHERE table_schema = 'reports' ORDER BY 1"
        ).map { $0[0] ?? "" }
        for name in requiredReportViews {
            #expect(views.contains(name), "reports.\(name) is missing")
        }
        for name in views {
            let rows = try await database.rowsAsReporter("SELECT count(*) FROM reports.\(name)")
            #expect(rows.count == 1, "reports.\(name)")
        }
    }

    @Test(
        "gets permission denied on the application's tables",
        arguments: ["public.licenses", "public.application_passwords", "public.license_checks", "public.customers"]
    )
    func cannotReadTables(table: String) async throws {
        do {
            _ = try await database.rowsAsReporter("SELECT count(*) FROM \(table)")
            Issue.record("license_reporter could read \(table)")
        } catch {
            #expect("\(error)".contains("permission denied"), "\(error)")
        }
    }

    @Test("cannot change anything through a view")
    func cannotWrite() async throws {
        do {
            _ = try await database.rowsAsReporter("UPDATE reports.expiring_soon SET customer_id = NULL WHERE false")
            Issue.record("license_reporter could update reports.expiring_soon")
        } catch {
            #expect("\(error)".contains("permission denied"), "\(error)")
        }
    }

    @Test("is neither a superuser nor able to create roles or databases, and cannot log in")
    func hasNoAttributes() async throws {
        let attributes = try await database.rows(
            """
            SELECT rolsuper, rolcreaterole, rolcreatedb, rolcanlogin, rolbypassrls
            FROM pg_roles WHERE rolname = 'license_reporter'
            """
        )
        #expect(attributes == [["f", "f", "f", "f", "f"]])
    }
}

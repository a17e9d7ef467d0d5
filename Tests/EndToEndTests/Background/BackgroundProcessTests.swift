import Foundation
import Testing

/// The background process (`serve --background`): the expiry sweeper (fluentcart.md §11) and the check log's day
/// partitions (faxstore.md §7, sql/008), run by a process of the test's own that sweeps every second with a grace and retention of
/// `BackgroundRun.days`, and the webhook dispatcher's survival of restarts and crashes. `.serialized`: the crash test
/// kills every dispatcher but the test's own, so none of those may run beside it.
@Suite("Background process", .serialized, .enabled(if: WebhookReceiverLog.isConfigured))
struct BackgroundProcessTests {
    let cli = CLI.stack
    let database = Database.stack
    let client = HTTPSClient.main

    func status(of license: License) async throws -> String? {
        try await database.value("SELECT status FROM licenses WHERE id = \(license.id)")
    }

    /// Waits until `condition` holds (up to 30 s).
    func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<150 {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return false
    }

    @Test("expires past-grace active and inactive licenses exactly once, with an audit row and license_expired")
    func expiresOnce() async throws {
        let product = try await cli.createProduct()
        let lapsedActive = try await cli.createLicense(for: product, ["--expires", "2001-01-01", "--status", "active"])
        let lapsedInactive = try await cli.createLicense(for: product, ["--expires", "2001-01-01"])
        let inGrace = try await cli.createLicense(for: product, ["--expires", "2020-01-01", "--status", "active"])
        let disabled = try await cli.createLicense(for: product, ["--expires", "2001-01-01", "--status", "disabled"])
        let lifetime = try await cli.createLicense(for: product, ["--status", "active"])
        let target = WebhookReceiverLog.uniqueTarget()
        let run = try BackgroundRun(webhookTarget: target)
        let expired = try await eventually {
            let first = try await status(of: lapsedActive)
            let second = try await status(of: lapsedInactive)
            return first == "expired" && second == "expired"
        }
        #expect(expired)
        try await Task.sleep(for: .seconds(3))  // at least two more sweeps
        #expect(try await run.stop() == 0)

        #expect(try await status(of: inGrace) == "active")
        #expect(try await status(of: disabled) == "disabled")
        #expect(try await status(of: lifetime) == "active")
        for license in [lapsedActive, lapsedInactive] {
            let audits = try await database.integer(
                "SELECT count(*) FROM audit_log WHERE actor = 'sweeper' AND object_type = 'license' AND object_id = \(license.id)"
            )
            #expect(audits == 1)
            let queued = try await database.integer(
                """
                SELECT count(*) FROM webhook_outbox
                WHERE type = 'license_expired' AND target_url = \(Database.literal(target))
                  AND (payload -> 'data' -> 'license' ->> 'id')::bigint = \(license.id)
                """
            )
            #expect(queued == 1)
        }
        let others = try await database.integer(
            """
            SELECT count(*) FROM audit_log WHERE actor = 'sweeper'
              AND object_id IN (\(inGrace.id), \(disabled.id), \(lifetime.id))
            """
        )
        #expect(others == 0)
        let delivered = try await WebhookReceiverLog.waitFor(2, at: target)
        #expect(delivered.count == 2)
        #expect(
            delivered.allSatisfy {
                $0.body.contains(#""type": "license_expired""#) || $0.body.contains(#""type":"license_expired""#)
            }
        )
    }

    @Test(
        "drops check-log days past the retention whole, keeps newer ones, and creates the days ahead, while checks go on"
    )
    func maintainsCheckLogPartitions() async throws {
        let (product, license) = try await cli.licensedProduct()
        let marker = "sweeper-partitions-" + UUID().uuidString
        let old = "now() - interval '\(BackgroundRun.days + 2) days'"
        let kept = "now() - interval '\(BackgroundRun.days - 1) days'"
        try await database.createCheckLogPartitions(containing: [old, kept])
        _ = try await database.rows(
            """
            INSERT INTO license_checks (created_at, license_id, product_id, result, api, info)
            VALUES (\(old), \(license.id), \(product.id), 'AUTHORISED', 'check', \(Database.literal(marker + "-old"))),
                   (\(kept), \(license.id), \(product.id), 'AUTHORISED', 'check', \(Database.literal(marker + "-kept")))
            """
        )
        func partition(_ moment: String) -> String {
            "'license_checks_p' || to_char(((\(moment)) AT TIME ZONE 'UTC')::date, 'YYYYMMDD')"
        }
        func attached(_ moment: String) async throws -> Bool {
            try await database.integer(
                """
                SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'license_checks'::regclass AND c.relname = \(partition(moment))
                """
            ) == 1
        }
        // The last day ahead without its partition, as after a week without a background process.
        let ahead = "now() + interval '7 days'"
        let aheadName = try #require(try await database.value("SELECT \(partition(ahead))"))
        // With short lock timeouts, tried again: another suite may hold a long transaction on licenses.
        let removed = try await eventually {
            (try? await database.rows(
                """
                SET lock_timeout = '100ms';
                ALTER TABLE license_checks DETACH PARTITION \(aheadName);
                ALTER TABLE \(aheadName) DROP CONSTRAINT license_checks_license_id_fkey;
                DROP TABLE \(aheadName)
                """
            )) != nil
        }
        #expect(removed)
        #expect(try await !attached(ahead))

        let run = try BackgroundRun(webhookTarget: WebhookReceiverLog.uniqueTarget())
        var checks = 0
        let maintained = try await eventually {
            expectAnswer(try await client.check(product, key: license.licenseKey), .authorised())
            checks += 1
            let oldAttached = try await attached(old)
            let aheadAttached = try await attached(ahead)
            return !oldAttached && aheadAttached
        }
        #expect(try await run.stop() == 0)
        #expect(maintained)
        let oldTable = try await database.value("SELECT to_regclass(\(partition(old)))")
        #expect(oldTable == nil, "the old day's table is dropped, not only detached")
        #expect(try await database.checks(withInfo: marker + "-kept").count == 1)
        #expect(try await database.checks(withInfo: marker + "-old").isEmpty)
        let logged = try await database.integer(
            "SELECT count(*) FROM license_checks WHERE license_id = \(license.id) AND info = ''"
        )
        #expect(logged == checks, "every check during the maintenance is logged")
        let reported = try await database.integer(
            """
            SELECT coalesce(sum(checks), 0) FROM reports.checks_daily
            WHERE day = ((\(old)) AT TIME ZONE 'UTC')::date AND result = 'AUTHORISED'
            """
        )
        #expect(reported >= 1, "the rollup keeps the dropped day's counts")
    }

    @Test("delivers rows written while no dispatcher of its own ran, once it starts, and stops on SIGTERM")
    func deliversAfterRestart() async throws {
        let first = try BackgroundRun(webhookTarget: WebhookReceiverLog.uniqueTarget())
        try await Task.sleep(for: .milliseconds(500))
        #expect(try await first.stop() == 0)
        let target = WebhookReceiverLog.uniqueTarget()
        let eventID = "whk_e2e_" + UUID().uuidString.lowercased()
        _ = try await database.rows(
            """
            INSERT INTO webhook_outbox (event_id, type, payload, target_url)
            VALUES (\(Database.literal(eventID)), 'license_renewed',
                    jsonb_build_object('event_id', \(Database.literal(eventID)), 'type', 'license_renewed'),
                    \(Database.literal(target)))
            """
        )
        let second = try BackgroundRun(webhookTarget: WebhookReceiverLog.uniqueTarget())
        let received = try await WebhookReceiverLog.waitFor(1, at: target)
        #expect(try await second.stop() == 0)
        #expect(received.count == 1)
        #expect(received.first?.headers["x-webhook-event-id"] == eventID)
    }

    /// The stacks' supervisors, each running one background child.
    var supervisors: [Int32] { [Stack.supervisorPID, Stack.v1SupervisorPID].filter { $0 > 0 } }

    @Test("runs as one supervisor child per server, without `worker` in its command line")
    func supervisedChild() {
        #expect(!supervisors.isEmpty)
        for supervisor in supervisors {
            let children = WorkerProcesses.backgroundPIDs(of: supervisor)
            #expect(children.count == 1, "background children of \(supervisor): \(children)")
            for pid in children { #expect(!WorkerProcesses.commandLine(of: pid).contains("worker")) }
        }
    }

    @Test("sends a webhook again after SIGKILL of its dispatcher mid-delivery, from the restarted background child")
    func redeliversAfterCrash() async throws {
        let outbox = WebhookOutboxRows()
        let target = WebhookReceiverLog.uniqueTarget(.holdFirst)
        let eventID = try await outbox.queue(to: target)
        let held = try await WebhookReceiverLog.waitFor(1, at: target)
        try #require(held.map(\.status) == [0], "the first delivery is held open by the receiver")
        let killed = supervisors.flatMap { WorkerProcesses.backgroundPIDs(of: $0) }
        for pid in killed { kill(pid, SIGKILL) }

        let received = try await WebhookReceiverLog.waitFor(2, at: target)
        #expect(received.map(\.status) == [0, 200])
        #expect(received.count == 2 && received[0].body == received[1].body)
        #expect(Set(received.map { $0.headers["x-webhook-event-id"] ?? "" }) == [eventID])
        #expect(try await outbox.settled(eventID) == ["delivered", "1", "t", ""], "the killed attempt left no trace")
        for supervisor in supervisors {
            let replacements = WorkerProcesses.backgroundPIDs(of: supervisor)
            #expect(replacements.count == 1 && Set(replacements).isDisjoint(with: killed))
            for pid in replacements { #expect(WorkerProcesses.commandLine(of: pid).contains("--resumed")) }
        }
    }
}

import Foundation
import Testing

extension ClusterTests {
    @Test("serves everything from the other app node within 3 s of losing one, answering 503 JSON meanwhile")
    func appNodeLost() async throws {
        try await ClusterStack.up()
        let load = ClusterLoad(targets: try await .make(cycleLanes: 2), activationsThroughFront: true)
        try await Task.sleep(for: .seconds(2))

        let killedAt = ContinuousClock.now
        try ClusterAppNode(number: 1).killProcessTree()
        try await Task.sleep(for: .seconds(8))
        let outcomes = await load.stop()
        try await ClusterStack.up()

        #expect(outcomes.wrong.isEmpty, "the front's own answers are 503 JSON: \(outcomes.summary)")
        let late = outcomes.filter { $0.started > killedAt + .seconds(3) }
        #expect(!late.isEmpty && late.allSatisfy { $0.verdict == .correct }, "3 s after: \(late.summary)")
        try await expectAcknowledgedSitesExist(outcomes, load.targets)
        reportFigure(
            "app node lost: last failed request after",
            outcomes.lastFailure(after: killedAt)?.secondsText ?? "none"
        )
        reportFigure("app node lost: answers", outcomes.summary)
    }

    @Test("upgrades the app nodes one at a time with a new migration, failing no request")
    func rollingUpgrade() async throws {
        try await ClusterStack.up()
        let migrations = try Self.migrationsWithProbe()
        let load = ClusterLoad(targets: try await .make(cycleLanes: 2), activationsThroughFront: true)
        try await Task.sleep(for: .seconds(2))

        let startedAt = ContinuousClock.now
        var warnings: [String] = []
        for node in 1...2 {
            let restartedAt = ContinuousClock.now
            warnings += try await ClusterStack.restartApp(node, migrations: migrations)
            reportFigure("rolling upgrade: app\(node) restarted in", (ContinuousClock.now - restartedAt).secondsText)
        }
        let took = ContinuousClock.now - startedAt
        try await Task.sleep(for: .seconds(1))
        let outcomes = await load.stop()

        #expect(!outcomes.isEmpty && outcomes.allSatisfy { $0.verdict == .correct }, "\(outcomes.summary)")
        let applied = try await database.integer("select count(*) from schema_migrations where version = '900'")
        #expect(applied == 1, "the new migration ran once")
        reportFigure("rolling upgrade of both nodes took", took.secondsText)
        reportFigure("rolling upgrade: warnings", warnings.isEmpty ? "none" : warnings.joined(separator: " | "))
        reportFigure("rolling upgrade: answers", outcomes.summary)
    }

    /// The checkout's `sql/` plus a backward-compatible migration (a new nullable column old nodes ignore), in a
    /// folder of its own.
    private static func migrationsWithProbe() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cluster-migrations-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = URL(fileURLWithPath: ClusterStack.directory).deletingLastPathComponent().appendingPathComponent(
            "sql"
        )
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name.hasSuffix(".sql") {
            try FileManager.default.copyItem(
                at: source.appendingPathComponent(name),
                to: folder.appendingPathComponent(name)
            )
        }
        try Data(
            """
            ALTER TABLE licenses ADD COLUMN IF NOT EXISTS upgrade_probe text;
            COMMENT ON COLUMN licenses.upgrade_probe IS 'Added by the cluster rolling-upgrade test.';
            """.utf8
        ).write(to: folder.appendingPathComponent("900_upgrade_probe.sql"))
        // The cluster's PostgreSQL-facing CLI may run as another user; the folder must be readable by it.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        return folder.path
    }
}

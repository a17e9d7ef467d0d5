import Foundation
import Testing

@testable import LicenseFCGI

@Suite("Configuration file")
struct ConfigurationFileTests {
    private func file(_ json: String) throws -> ConfigurationFile {
        try ConfigurationFile(json: Array(json.utf8), source: "/etc/test.json")
    }

    private func error(_ body: () throws -> Void) -> ConfigurationFileError? {
        do {
            try body()
            return nil
        } catch let error as ConfigurationFileError {
            return error
        } catch {
            return nil
        }
    }

    @Test("reads every key into its environment variable's form")
    func readsKeys() throws {
        let parsed = try file(
            """
            {"database_url": "postgresql://db.internal/licenses", "faxstore_v1_enabled": true, "grace_days": 7,
             "webhook_urls": ["https://a.example/hook", "https://b.example/hook"], "metrics_allow": ["10.0.0.0/8"],
             "events_secret": "0123456789abcdef0123"}
            """
        )
        #expect(parsed.values["DATABASE_URL"] == "postgresql://db.internal/licenses")
        #expect(parsed.values["FAXSTORE_V1_ENABLED"] == "true")
        #expect(parsed.values["GRACE_DAYS"] == "7")
        #expect(parsed.values["WEBHOOK_URLS"] == "https://a.example/hook,https://b.example/hook")
        #expect(parsed.values["METRICS_ALLOW"] == "10.0.0.0/8")
        let configuration = ServerConfiguration(environment: try parsed.merged(with: [:]))
        #expect(configuration.graceDays == 7)
        #expect(configuration.faxStoreV1Enabled)
        #expect(configuration.webhooks.targets.count == 2)
        #expect(configuration.eventsSecret == Array("0123456789abcdef0123".utf8))
        #expect(configuration.metricsAllow.contains("10.1.2.3"))
    }

    @Test("lets an environment variable win over the file, and a flag win over both")
    func precedence() throws {
        let parsed = try file(#"{"database_url": "postgresql://file/licenses", "grace_days": 7}"#)
        let merged = try parsed.merged(with: ["DATABASE_URL": "postgresql://env/licenses"])
        #expect(ServerConfiguration(environment: merged).databaseURL == "postgresql://env/licenses")
        #expect(ServerConfiguration(environment: merged).graceDays == 7)
        let flagged = ServerConfiguration(databaseURL: "postgresql://flag/licenses", environment: merged)
        #expect(flagged.databaseURL == "postgresql://flag/licenses")
    }

    @Test("refuses an unknown key, naming it")
    func unknownKey() {
        let failure = error { _ = try file(#"{"grace_dayz": 3}"#) }
        #expect(failure == ConfigurationFileError(key: "grace_dayz", source: "/etc/test.json", problem: "unknown key"))
    }

    @Test(
        "refuses a value of the wrong type, naming the key",
        arguments: [
            (#"{"grace_days": "7"}"#, "grace_days"), (#"{"faxstore_v1_enabled": "yes"}"#, "faxstore_v1_enabled"),
            (#"{"webhook_urls": "https://a.example"}"#, "webhook_urls"), (#"{"database_url": 5}"#, "database_url"),
        ]
    )
    func wrongType(json: String, key: String) {
        #expect(error { _ = try file(json) }?.key == key)
    }

    @Test("refuses a file that is not a JSON object")
    func notAnObject() {
        #expect(error { _ = try file("[1]") }?.problem == "expected a JSON object")
        #expect(error { _ = try file("{") }?.problem == "not valid JSON")
    }

    @Test(
        "refuses bad URLs, short secrets and out-of-range numbers from the file or the environment",
        arguments: [
            ("PUBLIC_BASE_URL", "ftp://licenses.example.com"), ("DATABASE_URL", "mysql://db/licenses"),
            ("WEBHOOK_URLS", "https://ok.example,not-a-url"), ("EVENTS_SECRET", "short"),
            ("GRACE_DAYS", "-1"), ("LOG_LEVEL", "loud"), ("METRICS_ALLOW", "localhost"),
            ("DATABASE_READ_URL", "replicas"), ("REQUEST_DEADLINE_MS", "-5"),
            ("DATABASE_PREPARED_STATEMENTS", "no"),
        ]
    )
    func invalidValues(variable: String, value: String) {
        let failure = error { _ = try ConfigurationFile().merged(with: [variable: value]) }
        #expect(failure?.key == variable.lowercased())
        #expect(failure?.source == "environment \(variable)")
    }

    @Test(
        "accepts what libpq connects with: multi-host URLs and key=value settings",
        arguments: [
            "postgresql://app@10.0.0.1:5432,10.0.0.2:5432,10.0.0.3:5432/licenses?target_session_attrs=read-write",
            "host=10.0.0.1,10.0.0.2 port=5432,5432 dbname=licenses target_session_attrs=prefer-standby",
            "postgresql:///licenses",
        ]
    )
    func databaseConnections(value: String) throws {
        let merged = try ConfigurationFile().merged(with: ["DATABASE_URL": value, "DATABASE_READ_URL": value])
        #expect(merged["DATABASE_URL"] == value && merged["DATABASE_READ_URL"] == value)
    }

    @Test("never quotes a secret in an error")
    func secretNotQuoted() {
        let failure = error { _ = try file(#"{"webhook_secret": "hunter2"}"#).merged(with: [:]) }
        #expect(failure?.key == "webhook_secret")
        #expect(failure?.description.contains("hunter2") == false)
    }

    @Test("takes --config first, then LICENSE_FCGI_CONFIG")
    func pathChoice() {
        #expect(
            ConfigurationFile.path(explicit: "/a.json", environment: ["LICENSE_FCGI_CONFIG": "/b.json"]) == "/a.json"
        )
        #expect(ConfigurationFile.path(explicit: nil, environment: ["LICENSE_FCGI_CONFIG": "/b.json"]) == "/b.json")
    }

    @Test("documents every key in deploy/config.example.json")
    func exampleCoversEveryKey() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let example = try Data(contentsOf: root.appendingPathComponent("deploy/config.example.json"))
        let parsed = try ConfigurationFile(json: Array(example), source: "config.example.json")
        #expect(Set(parsed.values.keys) == Set(ConfigurationFileKey.all.map(\.variable)))
        _ = try parsed.merged(with: [:])
    }
}

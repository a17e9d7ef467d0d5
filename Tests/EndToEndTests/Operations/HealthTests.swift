import Testing

@Suite("Health check", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct HealthTests {
    @Test("answers 200 {\"status\":\"ok\"} while the database answers")
    func healthy() async throws {
        let response = try await HTTPSClient.main.send("GET", "/healthz")
        #expect(response.status == 200)
        expectJSONBody(response)
        #expect(response.jsonKeys == ["status"], "\(response)")
        #expect(response.json?["status"] as? String == "ok", "\(response)")
    }

    @Test("answers on the V1 stack too", .enabled(if: Stack.hasV1Stack))
    func healthyV1() async throws {
        let response = try await HTTPSClient.v1.send("GET", "/healthz")
        #expect(response.status == 200)
        #expect(response.json?["status"] as? String == "ok", "\(response)")
    }

    @Test("answers /livez 200 {\"status\":\"ok\"} without asking the database")
    func liveness() async throws {
        let response = try await HTTPSClient.main.send("GET", "/livez")
        #expect(response.status == 200)
        expectJSONBody(response)
        #expect(response.jsonKeys == ["status"], "\(response)")
        #expect(response.json?["status"] as? String == "ok", "\(response)")
    }
}

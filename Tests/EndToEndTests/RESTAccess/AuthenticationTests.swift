import Foundation
import Testing

@Suite("REST authentication with application passwords", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct AuthenticationTests {
    let cli = CLI.stack
    let client = HTTPSClient.main
    let database = Database.stack

    func basic(_ login: String, _ password: String) -> [String: String] {
        ["Authorization": "Basic " + Data("\(login):\(password)".utf8).base64EncodedString()]
    }

    func settings(_ headers: [String: String]) async throws -> HTTPResponse {
        try await client.rest("GET", "licensing/licenses?per_page=1", headers: headers)
    }

    @Test("accepts the login or the email, ignores the spaces WordPress shows in passwords, and records the use")
    func acceptedForms() async throws {
        let user = try await cli.createUser(role: "worker")
        let spaced = stride(from: 0, to: 24, by: 4).map { offset -> String in
            let start = user.applicationPassword.index(user.applicationPassword.startIndex, offsetBy: offset)
            return String(user.applicationPassword[start..<user.applicationPassword.index(start, offsetBy: 4)])
        }.joined(separator: " ")
        for headers in [
            basic(user.login, user.applicationPassword), basic(user.email.uppercased(), user.applicationPassword),
            basic(user.login, spaced),
            ["Authorization": "basic " + Data("\(user.login):\(spaced)".utf8).base64EncodedString()],
        ] {
            let response = try await settings(headers)
            #expect(![401, 403].contains(response.status), "\(response)")
        }
        let used = try await database.value(
            "SELECT count(*) FROM application_passwords WHERE user_id = \(user.id) AND last_used_at IS NOT NULL"
        )
        #expect(used == "1")
    }

    @Test("refuses a wrong password, another user's password, and malformed Basic headers alike")
    func refusals() async throws {
        let user = try await cli.createUser(role: "administrator")
        let other = try await cli.createUser(role: "administrator")
        for headers in [
            basic(user.login, other.applicationPassword), basic("nobody-\(UUID())", user.applicationPassword),
            basic(user.login, ""), ["Authorization": "Basic !!!"],
            ["Authorization": "Bearer \(user.applicationPassword)"],
            ["Authorization": "Basic " + Data(user.login.utf8).base64EncodedString()],
        ] {
            let response = try await settings(headers)
            #expect(response.status == 401, "\(headers): \(response)")
            #expect(response.string("code") == "rest_not_logged_in")
        }
    }

    @Test("a deleted application password stops working on the next request, although workers cache credentials")
    func revocation() async throws {
        let user = try await cli.createUser(role: "worker")
        let headers = basic(user.login, user.applicationPassword)
        // Several requests, so that every worker has likely verified and cached the credential.
        for _ in 0..<6 { #expect(try await settings(headers).status == 200) }
        _ = try await database.value(
            "WITH gone AS (DELETE FROM application_passwords WHERE user_id = \(user.id) RETURNING 1) SELECT count(*) FROM gone"
        )
        for _ in 0..<6 { #expect(try await settings(headers).status == 401) }
    }

    @Test("a role change takes effect on the next request")
    func roleChange() async throws {
        let user = try await cli.createUser(role: "worker")
        let headers = basic(user.login, user.applicationPassword)
        #expect(try await settings(headers).status == 200)
        _ = try await database.value("UPDATE users SET role = 'customer' WHERE id = \(user.id) RETURNING 1")
        let refused = try await settings(headers)
        #expect(refused.status == 403, "\(refused)")
    }

    @Test("user password issues another password; both work")
    func secondPassword() async throws {
        let user = try await cli.createUser(role: "worker")
        struct Issued: Decodable { var applicationPassword: String }
        let issued = try await cli.run(["user", "password", "--login", user.login]).decode(Issued.self)
        #expect(issued.applicationPassword != user.applicationPassword)
        #expect(try await settings(basic(user.login, user.applicationPassword)).status == 200)
        #expect(try await settings(basic(user.login, issued.applicationPassword)).status == 200)
    }

    @Test("passwords are stored only as PBKDF2 hashes")
    func storedHashed() async throws {
        let user = try await cli.createUser(role: "worker")
        let stored = try #require(
            try await database.value("SELECT password_hash FROM application_passwords WHERE user_id = \(user.id)")
        )
        #expect(stored.hasPrefix("pbkdf2-sha256$"))
        #expect(!stored.contains(user.applicationPassword))
    }
}

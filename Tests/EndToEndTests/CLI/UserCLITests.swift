import Foundation
import Testing

@Suite("CLI: users", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct UserCLITests {
    let cli = CLI.stack

    @Test(
        "user create prints the user and a new application password of 24 letters and digits",
        arguments: ["administrator", "super_admin", "manager", "worker", "accountant", "customer"]
    )
    func createUser(role: String) async throws {
        let login = "e2e-\(UUID().uuidString.lowercased())"
        let email = "\(login)@example.test"
        let output = try await cli.run(["user", "create", "--login", login, "--email", email, "--role", role])
        #expect(
            Set(output.object.keys).isSuperset(of: ["id", "login", "email", "role", "application_password"]),
            "\(output.object.keys.sorted())"
        )
        let user = try output.decode(User.self)
        #expect(user.login == login)
        #expect(user.email == email)
        #expect(user.role == role)
        expectApplicationPassword(user.applicationPassword)
    }

    @Test("user create refuses an unknown role")
    func badRole() async throws {
        let login = "e2e-\(UUID().uuidString.lowercased())"
        try await cli.expectFailure([
            "user", "create", "--login", login, "--email", "\(login)@example.test", "--role", "overlord",
        ])
    }

    @Test("user create refuses a login that is taken")
    func duplicateLogin() async throws {
        let login = "e2e-\(UUID().uuidString.lowercased())"
        _ = try await cli.run([
            "user", "create", "--login", login, "--email", "\(login)@example.test", "--role", "worker",
        ])
        try await cli.expectFailure([
            "user", "create", "--login", login, "--email", "other-\(login)@example.test", "--role", "worker",
        ])
    }

    @Test("user create links an existing customer with --customer")
    func linkCustomer() async throws {
        let customer = try await cli.createCustomer()
        let login = "e2e-\(UUID().uuidString.lowercased())"
        _ = try await cli.run([
            "user", "create", "--login", login, "--email", "\(login)@example.test", "--role", "customer",
            "--customer", "\(customer.id)",
        ])
    }

    @Test("user password prints a new application password")
    func newPassword() async throws {
        let login = "e2e-\(UUID().uuidString.lowercased())"
        let user = try await cli.run([
            "user", "create", "--login", login, "--email", "\(login)@example.test", "--role", "manager",
        ]).decode(User.self)
        let output = try await cli.run(["user", "password", "--login", login])
        let password = try #require(output.object["application_password"] as? String)
        expectApplicationPassword(password)
        #expect(password != user.applicationPassword)
    }

    /// 24 letters and digits, optionally shown in groups of four (`fluentcart.md` §5.1).
    private func expectApplicationPassword(_ password: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(
            password.wholeMatch(of: /[A-Za-z0-9]{4}( ?[A-Za-z0-9]{4}){5}/) != nil,
            "application password \(password.count) characters: 24 letters and digits",
            sourceLocation: sourceLocation
        )
    }
}

import Foundation

extension HTTPSClient {
    /// A request to `/wp-json/fluent-cart/v2/<route>` (route without a leading slash, query included if any), with
    /// HTTP Basic credentials of `user` (its application password) when given.
    func rest(
        _ method: String,
        _ route: String,
        as user: User? = nil,
        password: String? = nil,
        headers: [String: String] = [:],
        body: RequestBody = .none
    ) async throws -> HTTPResponse {
        var headers = headers
        if let user {
            let credentials = "\(user.login):\(password ?? user.applicationPassword)"
            headers["Authorization"] = "Basic " + Data(credentials.utf8).base64EncodedString()
        }
        return try await send(method, "/wp-json/fluent-cart/v2/\(route)", headers: headers, body: body)
    }
}

extension CLI {
    /// A new user with `role` and a fresh application password; `customer` links that customer to it.
    func createUser(role: String, customer: Customer? = nil) async throws -> User {
        let name = "e2e-\(role)-\(UUID().uuidString.prefix(12).lowercased())"
        var arguments = ["user", "create", "--login", name, "--email", "\(name)@example.test", "--role", role]
        if let customer { arguments += ["--customer", "\(customer.id)"] }
        return try await run(arguments).decode(User.self)
    }

    /// A customer with a user of role `customer` linked to it.
    func customerUser() async throws -> (Customer, User) {
        let customer = try await createCustomer()
        return (customer, try await createUser(role: "customer", customer: customer))
    }
}

/// One user per role, made on first use and shared by the suites that are about roles rather than users: each user
/// costs a CLI run and a deliberately slow password hash.
actor RoleUsers {
    static let shared = RoleUsers()

    private var users: [String: Task<User, Error>] = [:]

    func user(_ role: String) async throws -> User {
        if let task = users[role] { return try await task.value }
        let task = Task { try await CLI.stack.createUser(role: role) }
        users[role] = task
        return try await task.value
    }
}

/// Roles as the REST tests name them (fluentcart.md §5.2).
enum Role {
    static let administrator = "administrator"
    static let staff = ["administrator", "super_admin", "manager"]
    static let viewers = ["worker", "accountant"]
    static let all = ["administrator", "super_admin", "manager", "worker", "accountant", "customer"]
}

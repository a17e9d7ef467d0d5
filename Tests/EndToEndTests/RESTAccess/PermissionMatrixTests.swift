import Foundation
import Testing

@testable import LicenseFCGI

/// Every route × every role (fluentcart.md §5.2): who gets past authentication and the capability check. Routes are
/// called with ids and keys that name nothing, so an allowed call answers the route's own 404/422 and changes
/// nothing, while a refused one answers 401 or 403 before the route runs.
@Suite("REST permissions by route and role", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct PermissionMatrixTests {
    let cli = CLI.stack
    let client = HTTPSClient.main

    /// One call per route, with the capability it needs (nil: any authenticated user).
    struct Call: Sendable, CustomStringConvertible {
        var method: String
        var route: String
        var needs: String?
        var description: String { "\(method) \(route)" }
    }

    static let missingID = "9223372036854775000"
    static let missingKey = "no-such-key-\(UUID().uuidString.prefix(8))"

    /// One call per route of `RESTRoutes.all`, so that a new route cannot be left out. DELETE settings/license names
    /// a key that is not registered: without one it would unregister this installation's license.
    static let calls: [Call] = RESTRoutes.all.map { route in
        var path = route.template
            .replacingOccurrences(of: "{id}", with: missingID)
            .replacingOccurrences(of: "{license_key}", with: missingKey)
        if route.method == "DELETE", route.template == "settings/license" { path += "?license_key=\(missingKey)" }
        return Call(method: route.method, route: path, needs: needs(route.permission))
    }

    /// The capability name of fluentcart.md §5.2 that a route's permission stands for (nil: any authenticated user).
    static func needs(_ permission: RESTRoute.Permission) -> String? {
        switch permission {
        case .viewLicenses: return "view"
        case .manageLicenses: return "manage"
        case .deleteLicenses: return "delete"
        case .manageSettings: return "settings"
        case .authenticated: return nil
        }
    }

    /// fluentcart.md §5.2's table.
    static func allows(_ role: String, _ needs: String?) -> Bool {
        switch (role, needs) {
        case (_, nil): return true
        case ("administrator", _): return true
        case ("super_admin", "settings"), ("manager", "settings"): return false
        case ("super_admin", _), ("manager", _): return true
        case ("worker", "view"), ("accountant", "view"): return true
        default: return false
        }
    }

    @Test("each role reaches exactly the routes its capabilities allow, and is refused the others with 403")
    func matrix() async throws {
        var users: [String: User] = [:]
        for role in Role.all { users[role] = try await cli.createUser(role: role) }
        let results = try await withThrowingTaskGroup(of: (String, Call, HTTPResponse).self) { group in
            for role in Role.all {
                for call in Self.calls {
                    let user = users[role]!
                    group.addTask { (role, call, try await client.rest(call.method, call.route, as: user)) }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == Role.all.count * Self.calls.count)
        for (role, call, response) in results {
            if Self.allows(role, call.needs) {
                #expect(![401, 403].contains(response.status), "\(role) \(call): \(response)")
                #expect(response.status < 500, "\(role) \(call): \(response)")
            } else {
                #expect(response.status == 403, "\(role) \(call): \(response)")
                #expect(response.string("code") == "rest_forbidden", "\(role) \(call)")
                #expect(response.string("message") == "Sorry, you are not allowed to do that.")
            }
        }
    }

    @Test("anonymous callers and wrong passwords get 401 rest_not_logged_in with a Basic challenge on every route")
    func unauthenticated() async throws {
        let user = try await cli.createUser(role: "administrator")
        for call in Self.calls {
            for password in [nil, "wrongwrongwrongwrongwron"] as [String?] {
                let response = try await client.rest(
                    call.method,
                    call.route,
                    as: password == nil ? nil : user,
                    password: password
                )
                #expect(response.status == 401, "\(call) \(password == nil ? "anonymous" : "wrong password")")
                #expect(response.orderedKeys == ["code", "message", "data"])
                #expect(response.string("code") == "rest_not_logged_in")
                #expect(response.string("message") == "You are not currently logged in.")
                #expect(response.header("WWW-Authenticate") == #"Basic realm="fluent-cart""#)
            }
        }
    }
}

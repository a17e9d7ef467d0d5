import Domain
import Foundation
import Testing

@testable import LicenseFCGI

/// Every route of `RESTRoutes.all` × every kind of caller, aimed at the real objects of one customer (its license,
/// key, site, customer record and product): nobody but staff allowed to reach them gets past, and a customer never
/// reaches another customer's objects (fluentcart.md §5.2, §9). Unlike `PermissionMatrixTests`, whose ids name
/// nothing, a refusal here cannot come from a missing object: staff reads of the same URLs answer 200.
@Suite("REST object access across customers", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct ObjectAccessMatrixTests {
    let api = CustomerProfileAPI()
    let client = HTTPSClient.main

    /// The owner's objects the routes are aimed at.
    struct Target: Sendable {
        var license: License
        var product: Product
        var customer: Customer
        var site: String
        var siteID: String
        var activationID: String
    }

    /// What a caller may get from a route aimed at the owner's objects.
    enum Outcome: Equatable {
        /// 401: no or wrong credentials.
        case unauthenticated
        /// 403: the role lacks the route's capability.
        case forbidden
        /// A 4xx that shows nothing of the owner's objects: the customer-profile routes for someone else's key.
        case refused
        /// Staff may read any customer's objects: 200.
        case read
        /// The customer's own list: 200, without the owner's license.
        case ownList
        /// A staff write it is allowed to make; not sent, because it would change the owner's license.
        case notSent
    }

    static let callers = ["anonymous", "wrong password"] + Role.staff + Role.viewers + ["customer"]

    static func outcome(_ caller: String, _ route: RESTRoute) -> Outcome {
        switch caller {
        case "anonymous", "wrong password": return .unauthenticated
        case "customer":
            guard route.permission == .authenticated else { return .forbidden }
            return route.template == "customer-profile/licenses" ? .ownList : .refused
        default:
            let role = UserRole(rawValue: caller)!
            guard route.permission.allows(role) else { return .forbidden }
            // Staff users have no customer, so the customer-profile routes refuse them whatever the key.
            if route.permission == .authenticated {
                return route.template == "customer-profile/licenses" ? .ownList : .refused
            }
            return route.method == "GET" ? .read : .notSent
        }
    }

    @Test("no caller but allowed staff reaches another customer's license, key, site or record on any route")
    func matrix() async throws {
        let target = try await makeTarget()
        let (intruderCustomer, intruder) = try await api.cli.customerUser()
        _ = try await api.license(of: intruderCustomer, for: target.product)
        var staff: [String: User] = ["customer": intruder]
        for role in Role.staff + Role.viewers { staff[role] = try await RoleUsers.shared.user(role) }
        let users = staff
        let before = try await api.snapshot(target.license)

        let sent = try await withThrowingTaskGroup(of: (String, RESTRoute, Outcome, HTTPResponse)?.self) { group in
            for caller in Self.callers {
                for route in RESTRoutes.all {
                    let outcome = Self.outcome(caller, route)
                    guard outcome != .notSent else { continue }
                    group.addTask {
                        let user = caller == "anonymous" ? nil : caller == "wrong password" ? intruder : users[caller]
                        let response = try await client.rest(
                            route.method,
                            path(route, aimedAt: target),
                            as: user,
                            password: caller == "wrong password" ? "wrongwrongwrongwrongwron" : nil,
                            body: route.method == "GET" ? .none : .json(body(aimedAt: target))
                        )
                        return (caller, route, outcome, response)
                    }
                }
            }
            var results: [(String, RESTRoute, Outcome, HTTPResponse)] = []
            for try await result in group {
                if let result { results.append(result) }
            }
            return results
        }
        #expect(sent.count > RESTRoutes.all.count * 4, "only \(sent.count) calls were made")
        for (caller, route, outcome, response) in sent {
            let call = "\(caller) \(route.method) \(route.template): \(response.status) \(response.text.prefix(200))"
            let text = response.text.lowercased()
            switch outcome {
            case .unauthenticated:
                #expect(response.status == 401, "\(call)")
            case .forbidden:
                #expect(response.status == 403 && response.string("code") == "rest_forbidden", "\(call)")
            case .refused:
                #expect((400..<500).contains(response.status), "\(call)")
            case .read:
                #expect(response.status == 200, "\(call)")
            case .ownList:
                #expect(response.status == 200, "\(call)")
            case .notSent:
                break
            }
            if outcome != .read {
                #expect(!text.contains(target.license.licenseKey.lowercased()), "\(call) shows the owner's key")
                #expect(!text.contains(target.site.lowercased()), "\(call) shows the owner's site")
            }
        }
        #expect(try await api.snapshot(target.license) == before, "the owner's license changed")
    }

    /// A licensed product, a customer with a user, and that customer's license activated on a site.
    private func makeTarget() async throws -> Target {
        let product = try await api.cli.fluentCartProduct()
        let (customer, _) = try await api.cli.customerUser()
        let license = try await api.license(of: customer, for: product, ["--limit", "3"])
        let site = uniqueSite()
        try await api.activate(license, product, site: site)
        let ids = try await Database.stack.rows(
            "select s.id, a.id from license_activations a join license_sites s on s.id = a.site_id where a.license_id = \(license.id)"
        )
        let row = try #require(ids.first, "the activation of the owner's license")
        return Target(
            license: license,
            product: product,
            customer: customer,
            site: site,
            siteID: try #require(row[0]),
            activationID: try #require(row[1])
        )
    }

    /// The route with its parameter naming the owner's object of the kind the route takes, and the list routes
    /// searching for it.
    private func path(_ route: RESTRoute, aimedAt target: Target) -> String {
        let id: String
        if route.template.hasPrefix("licensing/licenses/customer/") {
            id = "\(target.customer.id)"
        } else if route.template.hasPrefix("licensing/sites/") {
            id = target.siteID
        } else if route.template.hasPrefix("licensing/products/") {
            id = "\(target.product.id)"
        } else {
            id = "\(target.license.id)"
        }
        var path = route.template
            .replacingOccurrences(of: "{id}", with: id)
            .replacingOccurrences(of: "{license_key}", with: target.license.licenseKey)
        if route.method == "GET", ["licensing/licenses", "licensing/sites"].contains(route.template) {
            path += "?search=\(target.license.licenseKey)"
        }
        if route.template == "settings/license", route.method == "DELETE" {
            path += "?license_key=\(target.license.licenseKey)"
        }
        return path
    }

    /// A write body naming the owner's site and activation, asking for the most damaging change each route allows.
    private func body(aimedAt target: Target) -> String {
        """
        {"site_id":\(target.siteID),"activation_id":\(target.activationID),"site_url":"\(target.site)",\
        "license_key":"\(target.license.licenseKey)","status":"disabled","limit":99,"ip":"203.0.113.9",\
        "settings":{"enabled":"no"}}
        """
    }
}

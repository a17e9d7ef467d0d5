import Domain
import Foundation
import Testing

@Suite("Admin GET licensing/licenses/{id}", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct AdminLicenseDetailsTests {
    let cli = CLI.stack
    let api = AdminLicenseAPI()
    let database = Database.stack

    static let detailKeys = [
        "license", "activations", "product", "order", "orders", "downloads", "subscription", "prev_orders",
        "transactions", "selected_labels", "upgrade_path_base",
    ]

    @Test("answers a bare license with every key, relations included, and empty lists")
    func bareLicense() async throws {
        let customer = try await cli.run([
            "customer", "create", "--email", "e2e-\(UUID().uuidString.lowercased())@example.test", "--first-name",
            "Ada",
            "--last-name", "Lovelace",
        ]).decode(Customer.self)
        let (product, license) = try await cli.fluentCartLicense(limit: 3, ["--customer", "\(customer.id)"])
        let response = try await api.get("licensing/licenses/\(license.id)")
        #expect(response.status == 200, "\(response)")
        #expect(response.orderedKeys == Self.detailKeys)
        #expect(response.licenseKeys == adminLicenseKeys)
        let json = try #require(response.orderedJSON)
        #expect(json["license"]?["license_key"] == .string(license.licenseKey))
        #expect(json["license"]?["labels"] == .array([]))
        #expect(json["license"]?["customer"]?["full_name"] == "Ada Lovelace")
        #expect(json["license"]?["customer"]?["email"] == .string(customer.email))
        #expect(json["license"]?["product_variant"]?["id"] == .integer(product.variationId))
        #expect(json["activations"] == .array([]))
        #expect(json["product"]?["id"] == .integer(product.id))
        #expect(json["product"]?["post_title"] == .string(product.title))
        #expect(json["product"]?["post_name"] == .string(product.slug))
        guard case .array(let variants)? = json["product"]?["variants"] else {
            Issue.record("no variants in \(response)")
            return
        }
        #expect(variants.map { $0["id"] } == [.integer(product.variationId)])
        #expect(variants.first?["payment_type"] == "onetime")
        #expect(json["order"] == .null)
        #expect(json["orders"] == .array([]))
        #expect(json["downloads"] == .array([]))
        #expect(json["subscription"] == .null)
        #expect(json["prev_orders"] == .array([]) && json["transactions"] == .array([]))
        #expect(json["selected_labels"] == .array([]))
        #expect(json["upgrade_path_base"] == .string(Stack.baseURL + "/?fluent-cart=custom-payment"))
    }

    @Test("lists each activation with its site, is_local as 0 or 1")
    func activations() async throws {
        let (product, license) = try await cli.fluentCartLicense(limit: 3)
        let site = uniqueSite()
        let staging = uniqueSite("https://staging.shop")
        for url in [site, staging] {
            let response = try await HTTPSClient.main.fluentCart(
                "activate_license",
                [
                    "license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": url,
                    "server_version": "8.2", "platform_version": "6.5",
                ]
            )
            #expect(response.status == 200, "\(response)")
        }
        let response = try await api.get("licensing/licenses/\(license.id)")
        guard case .array(let activations)? = response.orderedJSON?["activations"], activations.count == 2 else {
            Issue.record("two activations expected in \(response)")
            return
        }
        guard case .object(let first) = activations[0], case .object(let site0)? = first["site"] else {
            Issue.record("activation without site: \(response)")
            return
        }
        #expect(
            first.keys == [
                "id", "site_id", "license_id", "status", "is_local", "product_id", "variation_id", "activation_method",
                "activation_hash", "last_update_version", "last_update_date", "created_at", "updated_at", "site",
            ]
        )
        #expect(
            site0.keys == ["id", "site_url", "server_version", "platform_version", "other", "created_at", "updated_at"]
        )
        #expect(site0["site_url"] == .string(site.replacingOccurrences(of: "https://", with: "")))
        #expect(site0["server_version"] == "8.2" && site0["platform_version"] == "6.5")
        #expect(site0["other"] == .array([]))
        #expect(first["is_local"] == .integer(0) && activations[1]["is_local"] == .integer(1))
        #expect(first["license_id"] == .integer(license.id) && first["site_id"] == site0["id"])
        #expect(first["activation_method"] == "key_based")
        #expect(response.orderedJSON?["license"]?["activation_count"] == .integer(1))
    }

    @Test("shows the order with its children and the subscription")
    func orderAndSubscription() async throws {
        let (_, license) = try await cli.fluentCartLicense()
        let orderID = Int64.random(in: 1_000_000_000...9_000_000_000_000)
        let subscriptionID = Int64.random(in: 1_000_000_000...9_000_000_000_000)
        _ = try await database.rows(
            """
            INSERT INTO orders (id, type) VALUES (\(orderID), 'subscription');
            INSERT INTO orders (id, parent_id, type) VALUES (\(orderID + 1), \(orderID), 'renewal');
            INSERT INTO subscriptions (id, next_billing_date, reactivate_url)
                VALUES (\(subscriptionID), '2031-05-06 07:08:09+00', 'https://shop.example/renew/\(subscriptionID)');
            UPDATE licenses SET order_id = \(orderID), subscription_id = \(subscriptionID) WHERE id = \(license.id);
            """
        )
        let response = try await api.get("licensing/licenses/\(license.id)")
        let json = try #require(response.orderedJSON, "\(response)")
        #expect(json["order"]?["id"] == .integer(orderID))
        guard case .object(let order)? = json["order"] else {
            Issue.record("no order in \(response)")
            return
        }
        #expect(order.keys == ["id", "uuid", "parent_id", "type", "customer_id", "created_at", "updated_at"])
        guard case .array(let orders)? = json["orders"] else {
            Issue.record("no orders in \(response)")
            return
        }
        #expect(orders.map { $0["id"] } == [.integer(orderID), .integer(orderID + 1)])
        #expect(orders.last?["parent_id"] == .integer(orderID))
        #expect(json["subscription"]?["id"] == .integer(subscriptionID))
        #expect(json["subscription"]?["next_billing_date"] == "2031-05-06 07:08:09")
        #expect(json["subscription"]?["reactivate_url"] == .string("https://shop.example/renew/\(subscriptionID)"))
        #expect(json["license"]?["order_id"] == .integer(orderID))
    }

    @Test("offers the product's release as a signed download link that works and carries no key")
    func downloads() async throws {
        let (product, license) = try await cli.fluentCartLicense()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-admin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("package.zip")
        let bytes = Data("admin download \(UUID().uuidString)".utf8)
        try bytes.write(to: file)
        _ = try await cli.run([
            "product", "release", "--product", "\(product.id)", "--version", "1.2.3", "--file", file.path,
        ])
        let response = try await api.get("licensing/licenses/\(license.id)")
        guard case .array(let downloads)? = response.orderedJSON?["downloads"], downloads.count == 1,
            case .object(let download) = downloads[0]
        else {
            Issue.record("one download expected in \(response)")
            return
        }
        #expect(download.keys == ["product_title", "variation_titles", "download_url"])
        #expect(download["product_title"] == .string(product.title))
        #expect(download["variation_titles"]?.arrayCount == 1)
        let url = try #require(download["download_url"]?.stringValue)
        #expect(url.hasPrefix(Stack.baseURL + "/?fluent-cart=download_license_package&fct_package="))
        #expect(!url.contains(license.licenseKey))
        let redirect = try await HTTPSClient.main.send("GET", try pathOnMainStack(url))
        #expect(redirect.status == 302, "\(redirect)")
        let file2 = try await HTTPSClient.main.send("GET", try pathOnMainStack(redirect.header("Location")))
        #expect(file2.body == bytes)
    }

    @Test("answers an unknown id with FluentCart's entity-not-found body")
    func unknown() async throws {
        let response = try await api.get("licensing/licenses/\(missingLicenseID)")
        #expect(response.status == 404)
        #expect(
            response.orderedJSON
                == .object([
                    "data": .object([
                        "message": "License not found", "buttonText": "Back to License List", "route": "/licenses",
                    ]),
                    "code": "fluent_cart_entity_not_found",
                ]),
            "\(response)"
        )
        let huge = try await api.get("licensing/licenses/99999999999999999999999")
        #expect(huge.status == 404 && huge.string("code") == "fluent_cart_entity_not_found", "\(huge)")
    }

    @Test("is open to every staff role and closed to customers", arguments: Role.staff + Role.viewers)
    func viewers(role: String) async throws {
        let (_, license) = try await cli.fluentCartLicense()
        #expect(try await api.get("licensing/licenses/\(license.id)", as: role).status == 200)
    }

    @Test("refuses customers with 403")
    func customers() async throws {
        let (_, license) = try await cli.fluentCartLicense()
        expectWriteForbidden(try await api.get("licensing/licenses/\(license.id)", as: "customer"))
    }
}

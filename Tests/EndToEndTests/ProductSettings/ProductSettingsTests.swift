import Domain
import Foundation
import Testing

@Suite("Product license settings", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct ProductSettingsTests {
    let api = ProductSettingsAPI()

    @Test("GET shows §8's object for a product made by the CLI")
    func shape() async throws {
        let product = try await api.cli.createProduct([
            "--licensing", "on", "--version", "1.0.0", "--activation-limit", "3", "--prefix", "xyz-",
        ])
        let response = try await api.get(product.id)
        #expect(response.status == 200, "\(response)")
        #expect(
            response.text
                == #"{"settings":{"enabled":"yes","version":"1.0.0","global_update_file":null,"variations":[{"#
                + #""variation_id":\#(product.variationId),"activation_limit":3,"validity":{"unit":"lifetime","value":1},"#
                + #""title":"\#(product.title)","media":null,"subscription_info":"","setup_fee_info":""}],"wp":{"#
                + #""is_wp":"yes","readme_url":"","banner_url":"","icon_url":"","required_php":"","required_wp":""},"#
                + #""prefix":"xyz-","changelog":"","license_keys":""},"is_bundle_product":false}"#
        )
    }

    @Test("GET of a product never configured shows the defaults; an unknown product is 404 on GET and POST")
    func defaultsAndUnknown() async throws {
        let product = try await api.cli.createProduct(["--no-license-settings"])
        let response = try await api.get(product.id)
        #expect(response.status == 200)
        let settings = try #require(response.orderedJSON?["settings"])
        #expect(settings["enabled"] == "no" && settings["version"] == "" && settings["global_update_file"] == .null)
        guard case .array(let variations)? = settings["variations"] else {
            Issue.record("no variations: \(response)")
            return
        }
        #expect(variations.compactMap { $0["activation_limit"] } == [""])
        for id in ["9223372036854775000", "99999999999999999999"] {
            let get = try await api.client.rest(
                "GET",
                "licensing/products/\(id)/settings",
                as: try await RoleUsers.shared.user("worker")
            )
            #expect(get.status == 404 && get.text == #"{"message":"Product not found"}"#, "\(get)")
            let post = try await api.client.rest(
                "POST",
                "licensing/products/\(id)/settings",
                as: try await RoleUsers.shared.user("manager"),
                body: .json(#"{"settings":{}}"#)
            )
            #expect(post.status == 404 && post.text == #"{"message":"Product not found"}"#, "\(post)")
        }
    }

    @Test("posting an unchanged GET answer succeeds and changes nothing, not even for a product never configured")
    func roundTrip() async throws {
        let configured = try await api.cli.fluentCartProduct()
        let setUp = try await api.post(
            configured.id,
            #"{"settings":{"global_update_file":{"driver":"remote","url":"https://cdn.example/a.zip"},"changelog":"<h4>1.0.0</h4>","wp":{"required_php":"7.4"}}}"#
        )
        #expect(setUp.status == 200, "\(setUp)")
        let bare = try await api.cli.createProduct(["--no-license-settings"])
        for product in [configured, bare] {
            let first = try await api.get(product.id)
            let before = try await api.snapshot(product.id)
            let settings = try #require(first.orderedJSON?["settings"])
            let response = try await api.post(product.id, settings: settings)
            #expect(response.status == 200, "\(response)")
            #expect(response.text == #"{"message":"Settings has been updated successfully."}"#)
            let second = try await api.get(product.id)
            #expect(second.text == first.text)
            #expect(try await api.snapshot(product.id) == before)
        }
    }

    @Test("POST saves every field, stores variations as a map by id, and audits the user")
    func saves() async throws {
        let product = try await api.cli.createProduct(["--licensing", "off"])
        let manager = try await RoleUsers.shared.user("manager")
        let settings = """
            {"enabled":"yes","version":"2.1.0",
             "global_update_file":{"driver":"local","path":"acme/acme-2.1.0.zip"},
             "variations":[{"variation_id":\(product.variationId),"activation_limit":5,"validity":{"unit":"month","value":1},
                            "title":"ignored","media":{"id":3}}],
             "wp":{"is_wp":"yes","readme_url":"https://acme.example/readme.txt","banner_url":"","icon_url":"",
                   "required_php":"8.1","required_wp":"6.4"},
             "prefix":"acme_","changelog":"<h4>2.1.0</h4>","license_keys":"imported-1"}
            """
        let response = try await api.post(product.id, #"{"settings":\#(settings)}"#, as: "manager")
        #expect(response.status == 200, "\(response)")
        let shown = try #require(try await api.get(product.id).orderedJSON?["settings"])
        #expect(shown["enabled"] == "yes" && shown["version"] == "2.1.0" && shown["prefix"] == "acme_")
        #expect(
            shown["global_update_file"]
                == .object(["id": "", "driver": "local", "path": "acme/acme-2.1.0.zip", "url": ""])
        )
        guard case .array(let variations)? = shown["variations"], let variation = variations.first else {
            Issue.record("no variations")
            return
        }
        #expect(variation["activation_limit"] == 5 && variation["title"] == .string(product.title))
        #expect(variation["validity"] == .object(["unit": "month", "value": 1]))
        #expect(variation["media"] == .null)
        #expect(shown["changelog"] == "<h4>2.1.0</h4>" && shown["license_keys"] == "imported-1")
        #expect(shown["wp"]?["required_wp"] == "6.4")
        let stored = try await api.database.rows(
            """
            SELECT jsonb_typeof(settings->'variations'), settings->'variations'->'\(product.variationId)'->>'activation_limit',
                   changelog, license_keys
            FROM product_license_settings WHERE product_id = \(product.id)
            """
        )
        #expect(stored == [["object", "5", "<h4>2.1.0</h4>", "imported-1"]])
        let audit = try await api.database.rows(
            """
            SELECT actor, action, before->>'enabled', after->>'enabled', after ? 'license_keys' FROM audit_log
            WHERE object_type = 'product' AND object_id = \(product.id) ORDER BY id DESC LIMIT 1
            """
        )
        #expect(audit == [["user:\(manager.login)", "product.license_settings", "no", "yes", "f"]])

        // The public protocol and license issuing read what was saved.
        let version = try await api.client.fluentCart("get_license_version", ["item_id": "\(product.id)"])
        #expect(version.string("new_version") == "2.1.0", "\(version)")
        let license = try await api.cli.createLicense(for: product)
        #expect(license.licenseKey.hasPrefix("acme_"))
        let issued = try await api.database.rows(
            """
            SELECT activation_limit::text, expiration_date BETWEEN now() + interval '27 days' AND now() + interval '32 days'
            FROM licenses WHERE id = \(license.id)
            """
        )
        #expect(issued == [["5", "t"]])
    }

    @Test("POST takes variations as a map by id, and keys left out keep their values")
    func mapForm() async throws {
        let product = try await api.cli.fluentCartProduct(version: "1.0.0", limit: 3)
        let response = try await api.post(
            product.id,
            #"{"settings":{"variations":{"\#(product.variationId)":{"activation_limit":""}}}}"#
        )
        #expect(response.status == 200, "\(response)")
        let shown = try #require(try await api.get(product.id).orderedJSON?["settings"])
        #expect(shown["version"] == "1.0.0" && shown["enabled"] == "yes")
        guard case .array(let variations)? = shown["variations"] else {
            Issue.record("no variations")
            return
        }
        #expect(variations.first?["activation_limit"] == "")
        #expect(variations.first?["validity"] == .object(["unit": "lifetime", "value": 1]))
    }

    @Test("lists every existing variation with billing defaults, and prunes deleted ones")
    func variations() async throws {
        let product = try await api.cli.fluentCartProduct()
        let yearly = try await api.database.integer(
            """
            INSERT INTO product_variations (product_id, title, payment_type, repeat_interval)
            VALUES (\(product.id), 'Yearly plan', 'subscription', 'yearly') RETURNING id
            """
        )
        let quarterly = try await api.database.integer(
            """
            INSERT INTO product_variations (product_id, title, payment_type, repeat_interval)
            VALUES (\(product.id), 'Quarterly plan', 'subscription', 'quarterly') RETURNING id
            """
        )
        let shown = try #require(try await api.get(product.id).orderedJSON?["settings"]?["variations"])
        guard case .array(let rows) = shown, rows.count == 3 else {
            Issue.record("expected three variations: \(shown)")
            return
        }
        #expect(
            rows.compactMap { $0["variation_id"] }
                == [product.variationId, Int64(yearly), Int64(quarterly)].map(JSONValue.integer)
        )
        #expect(rows[1]["validity"] == .object(["unit": "year", "value": 1]))
        #expect(rows[2]["validity"] == .object(["unit": "month", "value": 3]))
        #expect(rows[1]["title"] == "Yearly plan" && rows[1]["activation_limit"] == "")

        let saved = try await api.post(
            product.id,
            #"{"settings":{"variations":{"\#(yearly)":{"activation_limit":2}}}}"#
        )
        #expect(saved.status == 200, "\(saved)")
        _ = try await api.database.rows("DELETE FROM product_variations WHERE id = \(yearly)")
        let after = try #require(try await api.get(product.id).orderedJSON?["settings"]?["variations"])
        guard case .array(let remaining) = after else {
            Issue.record("no variations: \(after)")
            return
        }
        #expect(
            remaining.compactMap { $0["variation_id"] }
                == [product.variationId, Int64(quarterly)].map(JSONValue.integer)
        )
        let resaved = try await api.post(product.id, #"{"settings":{"version":"1.0.1"}}"#)
        #expect(resaved.status == 200)
        #expect(
            try await api.database.value(
                "SELECT settings->'variations' ? '\(yearly)' FROM product_license_settings WHERE product_id = \(product.id)"
            ) == "f"
        )
    }
}

import Domain
import Foundation
import Testing

@Suite(
    "Product license settings: validation and permissions",
    .enabled(if: Stack.isConfigured, "set by scripts/test.sh")
)
struct ProductSettingsValidationTests {
    let api = ProductSettingsAPI()

    @Test("refuses with §8's 422 field maps and saves nothing")
    func fieldMaps() async throws {
        let product = try await api.cli.fluentCartProduct()
        let variation = product.variationId
        let title = product.title
        let before = try await api.snapshot(product.id)
        let cases: [(String, String)] = [
            (#"{"enabled":"yes","version":""}"#, #"{"version":{"required":"The version field is required."}}"#),
            (
                #"{"variations":[{"variation_id":\#(variation),"validity":{"unit":"","value":1}}]}"#,
                #"{"variations.\#(variation).validity.unit":{"required":"Validity type is required for \#(title)."}}"#
            ),
            (
                #"{"variations":{"\#(variation)":{"activation_limit":-1}}}"#,
                #"{"variations.\#(variation).activation_limit":{"min":"Activation limit must be empty or 0 or more for \#(title)."}}"#
            ),
            (
                #"{"prefix":"no spaces"}"#,
                #"{"prefix":{"regex":"The prefix may only contain letters, digits, - and _."}}"#
            ),
            (
                #"{"enabled":"yes","version":null,"prefix":"a/b"}"#,
                #"{"version":{"required":"The version field is required."},"prefix":{"regex":"The prefix may only contain letters, digits, - and _."}}"#
            ),
        ]
        for (settings, fields) in cases {
            expectSettingsRefusal(try await api.post(product.id, #"{"settings":\#(settings)}"#), fields)
        }
        #expect(try await api.snapshot(product.id) == before)
    }

    @Test(
        "refuses a release file outside DOWNLOADS_DIR or not on http(s)",
        arguments: [
            #"{"driver":"local","path":"../../etc/passwd"}"#, #"{"driver":"local","path":"/etc/passwd"}"#,
            #"{"driver":"local","path":"a/./b.zip"}"#, #"{"driver":"remote","url":"javascript:alert(1)"}"#,
            #"{"driver":"ftp","url":"ftp://x/a.zip"}"#, #""7""#, "42",
        ]
    )
    func updateFile(file: String) async throws {
        let product = try await api.cli.fluentCartProduct()
        let before = try await api.snapshot(product.id)
        let response = try await api.post(product.id, #"{"settings":{"global_update_file":\#(file)}}"#)
        #expect(response.status == 422, "\(response)")
        #expect(response.orderedKeys.first?.hasPrefix("global_update_file") == true, "\(response)")
        #expect(try await api.snapshot(product.id) == before)
    }

    @Test("refuses a body without a settings object, and malformed JSON, as 4xx JSON")
    func badBodies() async throws {
        let product = try await api.cli.fluentCartProduct()
        for body in ["{}", #"{"settings":"yes"}"#, #"{"settings":[1,2]}"#] {
            expectSettingsRefusal(
                try await api.post(product.id, body),
                #"{"settings":{"required":"The settings field is required."}}"#
            )
        }
        let malformed = try await api.post(product.id, #"{"settings":{"#)
        #expect(malformed.status == 400 && malformed.string("code") == "rest_invalid_json", "\(malformed)")
        let huge = try await api.post(
            product.id,
            #"{"settings":{"variations":{"\#(product.variationId)":{"activation_limit":99999999999999999999999}}}}"#
        )
        #expect(huge.status == 422, "\(huge)")
        let hugeValidity = try await api.post(
            product.id,
            #"{"settings":{"variations":{"\#(product.variationId)":{"validity":{"unit":"year","value":99999999}}}}}"#
        )
        #expect(hugeValidity.status == 422, "\(hugeValidity)")
    }

    @Test("GET needs view and POST needs manage; anonymous and wrong passwords get 401")
    func permissions() async throws {
        let product = try await api.cli.fluentCartProduct()
        for role in ["administrator", "super_admin", "manager", "worker", "accountant"] {
            #expect(try await api.get(product.id, as: role).status == 200, "GET as \(role)")
        }
        #expect(try await api.get(product.id, as: "customer").status == 403)
        let unchanged = try #require(try await api.get(product.id).orderedJSON?["settings"])
        for role in ["administrator", "super_admin", "manager"] {
            let response = try await api.post(product.id, settings: unchanged, as: role)
            #expect(response.status == 200, "POST as \(role): \(response)")
        }
        let before = try await api.snapshot(product.id)
        for role in ["worker", "accountant", "customer"] {
            let response = try await api.post(product.id, #"{"settings":{"version":"9.9.9"}}"#, as: role)
            #expect(response.status == 403 && response.string("code") == "rest_forbidden", "POST as \(role)")
        }
        let anonymous = try await api.client.rest(
            "POST",
            "licensing/products/\(product.id)/settings",
            body: .json(#"{"settings":{"version":"9.9.9"}}"#)
        )
        #expect(anonymous.status == 401 && anonymous.string("code") == "rest_not_logged_in")
        let manager = try await RoleUsers.shared.user("manager")
        let wrong = try await api.client.rest(
            "GET",
            "licensing/products/\(product.id)/settings",
            as: manager,
            password: "wrong"
        )
        #expect(wrong.status == 401)
        #expect(try await api.snapshot(product.id) == before)
    }
}

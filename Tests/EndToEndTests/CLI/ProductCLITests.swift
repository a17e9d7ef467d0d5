import Foundation
import Testing

@Suite("CLI: products and customers", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct ProductCLITests {
    let cli = CLI.stack

    @Test("product create prints the product with its id, title, slug and default variation")
    func createProduct() async throws {
        let title = "E2E product \(UUID().uuidString)"
        let output = try await cli.run(["product", "create", "--title", title])
        let product = try output.decode(Product.self)
        #expect(product.title == title)
        #expect(product.id > 0)
        #expect(product.variationId > 0)
        #expect(output.object["variation_id"] is NSNumber, "variation_id is a number")
    }

    @Test("product create derives the slug from the title: lower case, each run of other characters one dash")
    func derivedSlug() async throws {
        let unique = String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(8))
        let product = try await cli.run(["product", "create", "--title", "Acme SEO  Pro!! Edition \(unique)"])
            .decode(Product.self)
        #expect(product.slug == "acme-seo-pro-edition-\(unique.lowercased())")
    }

    @Test("product create keeps a slug given with --slug")
    func givenSlug() async throws {
        let slug = "e2e-\(UUID().uuidString.lowercased())"
        let product = try await cli.run(["product", "create", "--title", "Given slug \(slug)", "--slug", slug])
            .decode(Product.self)
        #expect(product.slug == slug)
    }

    @Test("product create takes every license setting")
    func licenseSettings() async throws {
        _ = try await cli.createProduct([
            "--version", "1.4.2", "--licensing", "on", "--prefix", "fct-", "--activation-limit", "3",
            "--validity", "1 year", "--description", "A product made by the end-to-end tests",
        ])
        _ = try await cli.createProduct(["--licensing", "off", "--validity", "lifetime"])
    }

    @Test("customer create prints the customer with its id")
    func createCustomer() async throws {
        let email = "e2e-\(UUID().uuidString.lowercased())@example.test"
        let customer = try await cli.run([
            "customer", "create", "--email", email, "--first-name", "Ada", "--last-name", "Lovelace",
        ]).decode(Customer.self)
        #expect(customer.id > 0)
        #expect(customer.email == email)
    }

    @Test("migrate applies nothing when the schema is current")
    func migrateTwice() async throws {
        let output = try await cli.run(["migrate"])
        #expect((output.object["applied"] as? [Any])?.isEmpty == true, "applied: \(output.object)")
        #expect(output.object["current"] is String, "current: \(output.object)")
    }
}

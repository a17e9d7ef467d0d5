import Foundation

/// Each test makes its own products and licenses, with unique titles, so that tests stay independent and run in
/// parallel on one database.
extension CLI {
    func createProduct(_ options: [String] = []) async throws -> Product {
        try await run(["product", "create", "--title", "E2E product \(UUID().uuidString)"] + options)
            .decode(Product.self)
    }

    func createLicense(for product: Product, _ options: [String] = []) async throws -> License {
        try await run(["license", "create", "--product", "\(product.id)"] + options).decode(License.self)
    }

    func setLicense(_ license: License, _ options: [String]) async throws -> License {
        try await run(["license", "set", "--id", "\(license.id)"] + options).decode(License.self)
    }

    /// A new product with one license; `options` go to `license create`.
    func licensedProduct(_ options: [String] = []) async throws -> (Product, License) {
        let product = try await createProduct()
        return (product, try await createLicense(for: product, options))
    }

    func createCustomer() async throws -> Customer {
        try await run(["customer", "create", "--email", "e2e-\(UUID().uuidString.lowercased())@example.test"])
            .decode(Customer.self)
    }
}

/// `--expires` values, in UTC, `days` from now (negative: in the past).
func expiryTimestamp(daysFromNow days: Double) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
    return formatter.string(from: Date().addingTimeInterval(days * 86_400))
}

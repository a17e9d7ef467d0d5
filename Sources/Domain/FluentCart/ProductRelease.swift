import Foundation

/// A product as an update check describes it: what WordPress shows in its update screen, from the product and
/// its license settings (fluentcart.md §4.5).
public struct ProductRelease: Sendable, Equatable {
    public var productID: Int64
    public var title: String
    public var slug: String
    public var description: String
    /// The product page; nil means FluentCart's default `<base>/item/<slug>/`.
    public var permalink: String?
    public var updatedAt: Date
    public var settings: LicenseSettings
    public var changelog: String

    /// Columns of a product and its settings record (NULLs when it has none), after `FROM products p LEFT JOIN
    /// product_license_settings s ON s.product_id = p.id`.
    static let columns = """
        p.id, p.title, p.slug, p.description, p.permalink, extract(epoch FROM p.updated_at)::float8,
        s.product_id IS NOT NULL, s.settings::text, s.changelog
        """

    /// Reads row 0; `nil` product when there is no row, `nil` settings when the product has no settings record.
    static func read(_ result: QueryResult, offset: Int = 0) -> (product: Bool, release: ProductRelease?) {
        guard result.rowCount == 1, let id = result.int(row: 0, column: offset) else { return (false, nil) }
        guard result.bool(row: 0, column: offset + 6) == true else { return (true, nil) }
        let settingsJSON =
            result.string(row: 0, column: offset + 7).flatMap { try? JSONParser.parse(Array($0.utf8)) } ?? .null
        let release = ProductRelease(
            productID: id,
            title: result.string(row: 0, column: offset + 1) ?? "",
            slug: result.string(row: 0, column: offset + 2) ?? "",
            description: result.string(row: 0, column: offset + 3) ?? "",
            permalink: result.string(row: 0, column: offset + 4),
            updatedAt: result.string(row: 0, column: offset + 5).flatMap(Double.init)
                .map(Date.init(timeIntervalSince1970:)) ?? Date(timeIntervalSince1970: 0),
            settings: LicenseSettings(json: settingsJSON),
            changelog: result.string(row: 0, column: offset + 8) ?? ""
        )
        return (true, release)
    }
}

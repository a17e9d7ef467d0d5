/// A product as the CLI and the admin API show it.
public struct Product: Sendable, Equatable {
    public var id: Int64
    public var title: String
    public var slug: String
    public var description: String
    public var defaultVariationID: Int64

    public var json: JSONValue {
        .object([
            "id": .integer(id), "title": .string(title), "slug": .string(slug), "description": .string(description),
            "variation_id": .integer(defaultVariationID),
        ])
    }

    /// The title in lower case with every run of characters outside `a-z0-9` replaced by `-` (operations.md §3).
    public static func slug(from title: String) -> String {
        var slug = ""
        var pendingDash = false
        for scalar in title.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingDash && !slug.isEmpty { slug += "-" }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return slug.isEmpty ? "product" : slug
    }
}

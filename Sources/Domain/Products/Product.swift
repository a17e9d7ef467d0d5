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

    /// The title in lower case with every run of characters outside `a-z0-9` replaced by one `-`, as
    /// operations.md §3 fixes it (so `Acme SEO Pro!` becomes `acme-seo-pro-`); never empty.
    public static func slug(from title: String) -> String {
        var slug = ""
        var inRun = false
        for scalar in title.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
                inRun = false
            } else if !inRun {
                slug += "-"
                inRun = true
            }
        }
        return slug.isEmpty ? "-" : slug
    }

    /// A slug given with `--slug`: lower-case letters, digits and dashes.
    public static func isValidSlug(_ slug: String) -> Bool {
        !slug.isEmpty
            && slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

import Domain

/// Laravel's length-aware paginator as FluentCart sends it (fluentcart.md §5.5), link window included.
struct Paginator {
    var items: [JSONValue]
    var total: Int64
    var page: Int64
    var perPage: Int64
    /// The list's URL without query, e.g. `https://lic.example/wp-json/fluent-cart/v2/licensing/licenses`.
    var path: String

    var lastPage: Int64 { max(1, (total + perPage - 1) / perPage) }

    /// `ceil(total / per_page)`, 0 when empty: the `X-WP-TotalPages` header.
    var totalPages: Int64 { total == 0 ? 0 : (total + perPage - 1) / perPage }

    /// The headers WordPress lists send, which FluentCart does not [O].
    var headers: [(String, String)] { [("X-WP-Total", String(total)), ("X-WP-TotalPages", String(totalPages))] }

    func url(_ page: Int64) -> String { "\(path)/?page=\(page)" }

    var json: JSONValue {
        let from: JSONValue = items.isEmpty ? .null : .integer((page - 1) * perPage + 1)
        let to: JSONValue = items.isEmpty ? .null : .integer((page - 1) * perPage + Int64(items.count))
        return .object([
            "current_page": .integer(page),
            "data": .array(items),
            "first_page_url": .string(url(1)),
            "from": from,
            "last_page": .integer(lastPage),
            "last_page_url": .string(url(lastPage)),
            "links": .array(links),
            "next_page_url": page < lastPage ? .string(url(page + 1)) : .null,
            "path": .string(path),
            "per_page": .integer(perPage),
            "prev_page_url": page > 1 ? .string(url(page - 1)) : .null,
            "to": to,
            "total": .integer(total),
        ])
    }

    /// Previous, the window of page numbers with `...` in the gaps, next.
    var links: [JSONValue] {
        var links: [JSONValue] = [
            link(page > 1 ? url(page - 1) : nil, "pagination.previous", active: false)
        ]
        for element in Self.window(current: page, last: lastPage) {
            if let number = element {
                links.append(link(url(number), String(number), active: number == page))
            } else {
                links.append(link(nil, "...", active: false))
            }
        }
        links.append(link(page < lastPage ? url(page + 1) : nil, "pagination.next", active: false))
        return links
    }

    private func link(_ url: String?, _ label: String, active: Bool) -> JSONValue {
        .object(["url": .optional(url), "label": .string(label), "active": .bool(active)])
    }

    /// Laravel's `UrlWindow` with three pages on each side: page numbers, nil for a `...` gap.
    static func window(current: Int64, last: Int64) -> [Int64?] {
        let onEachSide: Int64 = 3
        if last < onEachSide * 2 + 8 { return Array(1...last) }
        let window = onEachSide + 4
        let start: [Int64?] = [1, 2]
        let finish: [Int64?] = [last - 1, last]
        if current <= window {
            return (1...(window + onEachSide)).map { Optional($0) } + [nil] + finish
        }
        if current > last - window {
            return start + [nil] + ((last - (window + (onEachSide - 1)))...last).map { Optional($0) }
        }
        return start + [nil] + ((current - onEachSide)...(current + onEachSide)).map { Optional($0) } + [nil] + finish
    }
}

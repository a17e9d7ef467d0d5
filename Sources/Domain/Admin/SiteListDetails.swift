import Foundation

/// `GET licensing/sites/{id}` (fluentcart.md §7): the site, one page of its activations, and the customers and
/// orders of the licenses activated there.
public struct SiteListDetails: Sendable, Equatable {
    public var site: SiteListEntry
    public var activations: [SiteListActivation]
    public var activationsTotal: Int64
    public var page: Int64
    public var perPage: Int64
    /// `[{id, email, full_name}]`.
    public var customers: JSONValue
    /// `[{id, uuid, parent_id, type, customer_id, created_at, updated_at}]`, newest first.
    public var orders: JSONValue

    /// `{site, activations:{data,total,per_page,current_page,last_page}, customers, orders}`. The site shows its
    /// columns with `is_local`, `active_licenses_count` and `last_activity`; its customers are the top-level key.
    public func json(now: Date = Date()) -> JSONValue {
        guard case .object(var site) = site.json else { return .null }
        site["products"] = nil
        site["customers"] = nil
        return .object([
            "site": .object(site),
            "activations": .object([
                "data": .array(activations.map { $0.json(now: now) }),
                "total": .integer(activationsTotal),
                "per_page": .integer(perPage),
                "current_page": .integer(page),
                "last_page": .integer(max(1, (activationsTotal + perPage - 1) / perPage)),
            ]),
            "customers": customers,
            "orders": orders,
        ])
    }
}

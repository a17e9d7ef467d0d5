import Foundation

/// The typed `data` of an event: order events carry an order, subscription events a subscription
/// (fluentcart.md §11; `order_upgraded` and the subscription updates are ours, docs/events.md).
public enum EventPayload: Sendable, Equatable {
    case order(EventOrder)
    case subscription(EventSubscription)

    /// Throws `invalidEvent` naming the first missing or mistyped field.
    init(type: EventType, data: JSONValue) throws {
        switch type {
        case .orderPaid:
            self = .order(try EventOrder(json: data["order"], needsCustomer: true, needsItems: true))
        case .orderUpgraded:
            let order = try EventOrder(json: data["order"], needsCustomer: false, needsItems: true)
            guard order.parentID != nil else {
                throw EventError(.invalidEvent, "data.order.parent_id (the upgraded order) is required.")
            }
            self = .order(order)
        case .orderPaymentFailed, .orderFullyRefunded:
            self = .order(try EventOrder(json: data["order"], needsCustomer: false, needsItems: false))
        case .subscriptionRenewed, .subscriptionUpdated:
            self = .subscription(try EventSubscription(json: data["subscription"], field: "data.subscription"))
            guard case .subscription(let subscription) = self, subscription.nextBillingDate != nil else {
                throw EventError(.invalidEvent, "data.subscription.next_billing_date is required.")
            }
        case .subscriptionCancelled, .subscriptionExpired, .subscriptionCompleted:
            self = .subscription(try EventSubscription(json: data["subscription"], field: "data.subscription"))
        }
    }

    /// A positive whole number, as a JSON integer or decimal text (FluentCart sends most numbers as strings).
    static func identifier(_ value: JSONValue?) -> Int64? {
        guard let number = ProductSettings.integer(value), number >= 1 else { return nil }
        return number
    }
}

/// An order as events describe it.
public struct EventOrder: Sendable, Equatable {
    public var id: Int64
    /// FluentCart's order type (`payment`, `subscription`, `renewal`, …); defaults to `payment`.
    public var type: String
    public var parentID: Int64?
    public var customer: EventCustomer?
    public var items: [EventItem]
    public var subscription: EventSubscription?

    init(json: JSONValue?, needsCustomer: Bool, needsItems: Bool) throws {
        guard let json, case .object = json else { throw EventError(.invalidEvent, "data.order must be an object.") }
        guard let id = EventPayload.identifier(json["id"]) else {
            throw EventError(.invalidEvent, "data.order.id must be a positive integer.")
        }
        self.id = id
        switch json["type"] {
        case nil, .null?: type = "payment"
        case .string(let text)?: type = text
        default: throw EventError(.invalidEvent, "data.order.type must be a string.")
        }
        switch json["parent_id"] {
        case nil, .null?: parentID = nil
        case let value?:
            // FluentCart writes 0 for "no parent".
            if ProductSettings.integer(value) == 0 {
                parentID = nil
            } else {
                guard let parent = EventPayload.identifier(value) else {
                    throw EventError(.invalidEvent, "data.order.parent_id must be a positive integer or null.")
                }
                parentID = parent
            }
        }
        customer = try json["customer"].flatMap { value in value == .null ? nil : try EventCustomer(json: value) }
        if needsCustomer, customer == nil {
            throw EventError(.invalidEvent, "data.order.customer with an email is required.")
        }
        switch json["items"] {
        case .array(let entries)?:
            items = try entries.enumerated().map { try EventItem(json: $0.element, index: $0.offset) }
        case nil, .null?:
            guard !needsItems else { throw EventError(.invalidEvent, "data.order.items must be an array.") }
            items = []
        default:
            throw EventError(.invalidEvent, "data.order.items must be an array.")
        }
        subscription = try json["subscription"].flatMap { value in
            value == .null ? nil : try EventSubscription(json: value, field: "data.order.subscription")
        }
    }
}

/// The buyer; matched to `customers` by email, ignoring case.
public struct EventCustomer: Sendable, Equatable {
    public var email: String
    public var firstName: String
    public var lastName: String

    init(json: JSONValue) throws {
        guard let email = json["email"]?.stringValue?.trimmingWhitespace, email.utf8.count <= 254,
            let at = email.firstIndex(of: "@"), at > email.startIndex, email.index(after: at) < email.endIndex
        else { throw EventError(.invalidEvent, "data.order.customer.email must be an email address.") }
        self.email = email
        firstName = String((json["first_name"]?.stringValue ?? "").prefix(191))
        lastName = String((json["last_name"]?.stringValue ?? "").prefix(191))
    }
}

/// One line of an order.
public struct EventItem: Sendable, Equatable {
    public var productID: Int64
    public var variationID: Int64
    /// At least 1; multiplies the variation's activation limit. Defaults to 1.
    public var quantity: Int64
    /// `product`, `signup_fee`, …; a `signup_fee` line never gets a license.
    public var itemType: String

    init(json: JSONValue, index: Int) throws {
        let field = "data.order.items[\(index)]"
        guard case .object = json else { throw EventError(.invalidEvent, "\(field) must be an object.") }
        guard let productID = EventPayload.identifier(json["product_id"]) else {
            throw EventError(.invalidEvent, "\(field).product_id must be a positive integer.")
        }
        guard let variationID = EventPayload.identifier(json["variation_id"]) else {
            throw EventError(.invalidEvent, "\(field).variation_id must be a positive integer.")
        }
        self.productID = productID
        self.variationID = variationID
        if json["quantity"] == nil || json["quantity"] == .null {
            quantity = 1
        } else {
            guard let quantity = EventPayload.identifier(json["quantity"]), quantity <= 1_000_000 else {
                throw EventError(.invalidEvent, "\(field).quantity must be a whole number from 1.")
            }
            self.quantity = quantity
        }
        itemType = json["item_type"]?.stringValue ?? "product"
    }
}

/// A subscription as events describe it.
public struct EventSubscription: Sendable, Equatable {
    public var id: Int64
    /// The end of the paid term: the licenses' new expiry.
    public var nextBillingDate: Date?
    /// Stored on the subscription; nil leaves the stored one.
    public var reactivateURL: String?

    init(json: JSONValue?, field: String) throws {
        guard let json, case .object = json else { throw EventError(.invalidEvent, "\(field) must be an object.") }
        guard let id = EventPayload.identifier(json["id"]) else {
            throw EventError(.invalidEvent, "\(field).id must be a positive integer.")
        }
        self.id = id
        switch json["next_billing_date"] {
        case nil, .null?: nextBillingDate = nil
        case .string(let text)?:
            guard let date = EventDate.parse(text) else {
                throw EventError(.invalidEvent, "\(field).next_billing_date must be a date.")
            }
            nextBillingDate = date
        default: throw EventError(.invalidEvent, "\(field).next_billing_date must be a date.")
        }
        switch json["reactivate_url"] {
        case nil, .null?: reactivateURL = nil
        case .string(let text)?: reactivateURL = String(text.prefix(2048))
        default: throw EventError(.invalidEvent, "\(field).reactivate_url must be a string.")
        }
    }
}

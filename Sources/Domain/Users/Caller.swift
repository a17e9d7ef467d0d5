/// Who is calling the REST API, as the last successful authentication found them.
public struct Caller: Sendable, Equatable {
    public var userID: Int64
    public var login: String
    public var role: UserRole
    /// The customer whose `user_id` is this user, else the one whose email matches (fluentcart.md §5.2).
    public var customerID: Int64?

    public init(userID: Int64, login: String, role: UserRole, customerID: Int64?) {
        self.userID = userID
        self.login = login
        self.role = role
        self.customerID = customerID
    }

    /// The audit log's `actor`.
    public var actor: String { "user:\(login)" }
}

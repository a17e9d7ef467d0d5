/// A buyer; matched to a user by `user_id`, else by email ignoring case.
public struct Customer: Sendable, Equatable {
    public var id: Int64
    public var email: String
    public var firstName: String
    public var lastName: String
    public var userID: Int64?

    init(row: QueryResult.Row) {
        id = row.int("id") ?? 0
        email = row["email"] ?? ""
        firstName = row["first_name"] ?? ""
        lastName = row["last_name"] ?? ""
        userID = row.int("user_id")
    }

    public var json: JSONValue {
        .object([
            "id": .integer(id), "user_id": .optional(userID), "email": .string(email),
            "first_name": .string(firstName), "last_name": .string(lastName),
            "full_name": .string([firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ")),
        ])
    }
}

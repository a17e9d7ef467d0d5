/// Someone who calls the REST API with an application password.
public struct User: Sendable, Equatable {
    public var id: Int64
    public var login: String
    public var email: String
    public var role: UserRole

    init(row: QueryResult.Row) throws {
        guard let id = row.int("id"), let login = row["login"], let email = row["email"],
            let role = row["role"].flatMap(UserRole.init(rawValue:))
        else { throw DomainError(.internalFailure, "unreadable user row") }
        self.id = id
        self.login = login
        self.email = email
        self.role = role
    }

    public var json: JSONValue {
        .object(["id": .integer(id), "login": .string(login), "email": .string(email), "role": .string(role.rawValue)])
    }
}

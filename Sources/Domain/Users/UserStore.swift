/// Users and their application passwords in PostgreSQL.
public struct UserStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Creates the user and a first application password, shown to the caller once. `customerID` links that
    /// customer to the user; without it the user's customer is found by email when needed.
    public func create(
        login: String,
        email: String,
        role: UserRole,
        customerID: Int64?,
        actor: String
    ) throws
        -> (User, ApplicationPassword)
    {
        let password = ApplicationPassword.generate()
        let hash = try password.hashed()
        return try connection.withTransaction { transaction in
            let row: QueryResult.Row
            do {
                row = try transaction.query(
                    "INSERT INTO users (login, email, role) VALUES ($1, $2, $3) RETURNING id, login, email, role",
                    [login, email, role.rawValue]
                ).row(0)
            } catch let error as PostgresError where error.code == .uniqueViolation {
                throw DomainError(.conflict, "a user with this login or email exists")
            } catch let error as PostgresError where error.code == .checkViolation {
                throw DomainError(.invalidInput, "login must be 1-60 of A-Z a-z 0-9 _ . @ - and email an address")
            }
            let user = try User(row: row)
            try transaction.query(
                "INSERT INTO application_passwords (user_id, password_hash) VALUES ($1, $2)",
                [user.id.sql, hash]
            )
            if let customerID {
                let linked = try transaction.query(
                    "UPDATE customers SET user_id = $2, updated_at = now() WHERE id = $1",
                    [customerID.sql, user.id.sql]
                )
                guard linked.affectedRows == 1 else {
                    throw DomainError(.notFound, "customer \(customerID) does not exist")
                }
            }
            try AuditLog.record(
                transaction,
                actor: actor,
                action: "user.create",
                objectType: "user",
                objectID: user.id,
                before: nil,
                after: user.json
            )
            return (user, password)
        }
    }

    /// Issues another application password for `login`; the earlier ones keep working until revoked.
    public func issuePassword(login: String, actor: String) throws -> (User, ApplicationPassword) {
        let password = ApplicationPassword.generate()
        let hash = try password.hashed()
        return try connection.withTransaction { transaction in
            guard
                let row = try transaction.query(
                    "SELECT id, login, email, role FROM users WHERE lower(login) = lower($1)",
                    [login]
                ).rows.first
            else { throw DomainError(.notFound, "no user with login \(login)") }
            let user = try User(row: row)
            try transaction.query(
                "INSERT INTO application_passwords (user_id, password_hash) VALUES ($1, $2)",
                [user.id.sql, hash]
            )
            try AuditLog.record(
                transaction,
                actor: actor,
                action: "user.password",
                objectType: "user",
                objectID: user.id,
                before: nil,
                after: user.json
            )
            return (user, password)
        }
    }
}

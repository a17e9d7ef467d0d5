/// Customers in PostgreSQL.
public struct CustomerStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    public func create(email: String, firstName: String, lastName: String, actor: String) throws -> Customer {
        let email = email.trimmingWhitespace
        guard email.contains("@"), !email.hasPrefix("@") else {
            throw DomainError(.invalidInput, "email must be an email address")
        }
        return try connection.withTransaction { transaction in
            let row: QueryResult.Row
            do {
                row = try transaction.query(
                    """
                    INSERT INTO customers (email, first_name, last_name) VALUES ($1, $2, $3)
                    RETURNING id, email, first_name, last_name, user_id
                    """,
                    [email, firstName, lastName]
                ).row(0)
            } catch let error as PostgresError where error.code == .uniqueViolation {
                throw DomainError(.conflict, "a customer with this email exists")
            }
            let customer = Customer(row: row)
            try AuditLog.record(
                transaction,
                actor: actor,
                action: "customer.create",
                objectType: "customer",
                objectID: customer.id,
                before: nil,
                after: customer.json
            )
            return customer
        }
    }
}

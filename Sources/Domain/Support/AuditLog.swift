/// Appends to `audit_log` inside the caller's transaction, so a change and its record commit together.
public enum AuditLog {
    public static func record(
        _ connection: PostgresConnection,
        actor: String,
        action: String,
        objectType: String,
        objectID: Int64?,
        before: JSONValue?,
        after: JSONValue?
    ) throws {
        try connection.query(
            """
            INSERT INTO audit_log (actor, action, object_type, object_id, before, after)
            VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)
            """,
            [
                actor, action, objectType, objectID?.sql, before.map { redacted($0).serialized },
                after.map { redacted($0).serialized },
            ]
        )
    }

    /// Keys and passwords never enter the audit log; a key is shown by its last four characters.
    static func redacted(_ value: JSONValue) -> JSONValue {
        guard case .object(var object) = value else { return value }
        if case .string(let key)? = object["license_key"] { object["license_key"] = .string("…" + key.suffix(4)) }
        object["application_password"] = nil
        return .object(object)
    }
}

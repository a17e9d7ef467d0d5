import Foundation

/// Checks WordPress application passwords (fluentcart.md §5.1): the login (or email) names a user, and the password
/// must match one of that user's stored hashes. A verified credential is cached in the worker (`CredentialCache`);
/// the user, role and customer are read fresh on every request.
public struct Authenticator {
    let database: Database
    let cache: CredentialCache

    public init(database: Database, cache: CredentialCache) {
        self.database = database
        self.cache = cache
    }

    /// The caller, or nil for an unknown login or a wrong password (the two are never told apart).
    public func authenticate(login: String, password: ApplicationPassword, now: Date = Date()) throws -> Caller? {
        guard !login.isEmpty, login.utf8.count <= 254, (1...64).contains(password.rawValue.utf8.count) else {
            return nil
        }
        let fingerprint = CredentialCache.fingerprint(login: login, password: password)
        if let passwordID = cache.passwordID(for: fingerprint, now: now) {
            if let caller = try caller(passwordID: passwordID, login: login) { return caller }
            cache.forget(fingerprint)
            return nil
        }
        let candidates = try database.run { connection in
            try connection.query(AuthenticationSQL.passwords, [login])
        }
        for row in candidates.rows {
            guard let passwordID = row.int("id"), let hash = row["password_hash"],
                password.matches(storedHash: hash)
            else { continue }
            cache.remember(passwordID, for: fingerprint, now: now)
            return try caller(passwordID: passwordID, login: login)
        }
        return nil
    }

    /// The user behind a password row, with its customer; also records the password's use (at most hourly).
    private func caller(passwordID: Int64, login: String) throws -> Caller? {
        let result = try database.run { connection in
            try connection.query(AuthenticationSQL.caller, [passwordID.sql, login])
        }
        guard result.rowCount == 1, let userID = result.int(row: 0, column: 0),
            let userLogin = result.string(row: 0, column: 1),
            let role = result.string(row: 0, column: 2).flatMap(UserRole.init(rawValue:))
        else { return nil }
        return Caller(userID: userID, login: userLogin, role: role, customerID: result.int(row: 0, column: 3))
    }
}

enum AuthenticationSQL {
    /// The stored hashes of the user a login or email names. $1 login or email.
    static let passwords = PreparedStatement(
        "auth_passwords",
        """
        SELECT ap.id, ap.password_hash
        FROM users u JOIN application_passwords ap ON ap.user_id = u.id
        WHERE lower(u.login) = lower($1) OR lower(u.email) = lower($1)
        ORDER BY ap.id DESC
        LIMIT 20
        """
    )

    /// The user of a password row, still named by the login the request gave, and that user's customer. Records
    /// the use as WordPress does, at most once an hour, so that reads do not turn into a write per request.
    /// $1 password id, $2 login or email.
    static let caller = PreparedStatement(
        "auth_caller",
        """
        WITH used AS (
            UPDATE application_passwords SET last_used_at = now()
            WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 hour')
        )
        SELECT u.id, u.login, u.role,
               coalesce((SELECT c.id FROM customers c WHERE c.user_id = u.id),
                        (SELECT c.id FROM customers c WHERE lower(c.email) = lower(u.email) AND c.user_id IS NULL))
        FROM application_passwords ap JOIN users u ON u.id = ap.user_id
        WHERE ap.id = $1 AND (lower(u.login) = lower($2) OR lower(u.email) = lower($2))
        """
    )
}

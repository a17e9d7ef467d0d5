/// Licenses in PostgreSQL, for the CLI and the admin API.
public struct LicenseStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    public func find(id: Int64) throws -> License? {
        let result = try connection.query("SELECT \(License.columns) FROM licenses WHERE id = $1", [id.sql])
        return try result.rows.first.map(License.init(row:))
    }

    /// Issues a license in one transaction. Defaults follow the variation's settings: its activation limit and its
    /// validity (one-time purchases and CLI licenses expire after it; `lifetime` means no expiry).
    public func create(_ new: NewLicense, actor: String) throws -> License {
        if let limit = new.limit, limit < 0 { throw DomainError(.invalidInput, "limit must be 0 or more") }
        return try connection.withTransaction { transaction in
            let product = try transaction.query(
                """
                SELECT p.id, s.settings::text AS settings,
                       (SELECT min(v.id) FROM product_variations v WHERE v.product_id = p.id) AS default_variation,
                       (SELECT v.id FROM product_variations v WHERE v.product_id = p.id AND v.id = $2) AS variation
                FROM products p LEFT JOIN product_license_settings s ON s.product_id = p.id
                WHERE p.id = $1
                """,
                [new.productID.sql, new.variationID?.sql]
            ).rows.first
            guard let product else { throw DomainError(.notFound, "product \(new.productID) does not exist") }
            if new.variationID != nil, product.int("variation") == nil {
                throw DomainError(.notFound, "variation \(new.variationID!) is not a variation of this product")
            }
            let variationID = new.variationID ?? product.int("default_variation")
            let settings: JSONValue? = product["settings"].flatMap { try? JSONParser.parse(Array($0.utf8)) }
            let variationSettings = variationID.flatMap { settings?["variations"]?[String($0)] }
            let limit = new.limit ?? Self.limit(from: variationSettings?["activation_limit"])
            let validity = Validity(json: variationSettings?["validity"]) ?? .lifetime
            let prefix = settings?["prefix"]?.stringValue ?? ""
            let key = new.key ?? LicenseKey.generate(prefix: LicenseKey.isValidPrefix(prefix) ? prefix : "")
            let expiresSQL: String
            var parameters: [SQLParameter] = [
                key.rawValue, new.productID.sql, variationID?.sql, new.customerID?.sql, limit.sql,
                new.status.rawValue, new.ip?.description, (new.ip != nil).sql,
            ]
            switch new.expires {
            case .date(let date)?:
                expiresSQL = "$9::timestamptz"
                parameters.append(ExpiryInput.date(date).sql)
            case .lifetime?:
                expiresSQL = "NULL"
            case nil:
                if let interval = validity.postgresInterval {
                    expiresSQL = "now() + $9::interval"
                    parameters.append(interval)
                } else {
                    expiresSQL = "NULL"
                }
            }
            let row: QueryResult.Row
            do {
                row = try transaction.query(
                    """
                    INSERT INTO licenses (license_key, product_id, variation_id, customer_id, activation_limit, status,
                                          ip, ip_lock, expiration_date)
                    VALUES ($1, $2, $3, $4, $5, $6, $7::inet, $8, \(expiresSQL))
                    RETURNING \(License.columns)
                    """,
                    parameters
                ).row(0)
            } catch let error as PostgresError where error.code == .uniqueViolation {
                throw DomainError(.conflict, "a license with this key exists (keys are unique ignoring case)")
            } catch let error as PostgresError where error.code == .foreignKeyViolation {
                throw DomainError(.notFound, "customer \(new.customerID.map(String.init) ?? "?") does not exist")
            }
            let license = try License(row: row)
            try AuditLog.record(
                transaction,
                actor: actor,
                action: "license.create",
                objectType: "license",
                objectID: license.id,
                before: nil,
                after: license.json
            )
            return license
        }
    }

    /// Applies `changes` to one license under its row lock and records before and after.
    public func update(id: Int64, _ changes: LicenseChanges, actor: String) throws -> License {
        if let limit = changes.limit, limit < 0 { throw DomainError(.invalidInput, "limit must be 0 or more") }
        return try connection.withTransaction { transaction in
            let current = try transaction.query(
                "SELECT \(License.columns) FROM licenses WHERE id = $1 FOR UPDATE",
                [id.sql]
            ).rows.first.map(License.init(row:))
            guard var license = current else { throw DomainError(.notFound, "license \(id) does not exist") }
            let before = license.json
            switch changes.ip {
            case .set(let address)?: license.ip = address
            case .clear?:
                license.ip = nil
                license.ipLock = false
            case nil: break
            }
            if let ipLock = changes.ipLock { license.ipLock = ipLock }
            if let ownerEnabled = changes.ownerEnabled { license.ownerEnabled = ownerEnabled }
            if let status = changes.status { license.status = status }
            if let limit = changes.limit { license.activationLimit = limit }
            switch changes.expires {
            case .lifetime?: license.expirationDate = nil
            case .date(let date)?: license.expirationDate = date
            case nil: break
            }
            let row = try transaction.query(
                """
                UPDATE licenses SET ip = $2::inet, ip_lock = $3, owner_enabled = $4, status = $5, activation_limit = $6,
                       expiration_date = $7::timestamptz, updated_at = now()
                WHERE id = $1
                RETURNING \(License.columns)
                """,
                [
                    id.sql, license.ip?.description, license.ipLock.sql, license.ownerEnabled.sql,
                    license.status.rawValue,
                    license.activationLimit.sql, license.expirationDate?.sql,
                ]
            ).row(0)
            let updated = try License(row: row)
            try AuditLog.record(
                transaction,
                actor: actor,
                action: "license.update",
                objectType: "license",
                objectID: id,
                before: before,
                after: updated.json
            )
            return updated
        }
    }

    /// FluentCart's `activation_limit` setting: `""` or missing is unlimited (0).
    static func limit(from value: JSONValue?) -> Int64 {
        switch value {
        case .integer(let number)?: return max(number, 0)
        case .string(let text)?: return max(Int64(text) ?? 0, 0)
        default: return 0
        }
    }
}

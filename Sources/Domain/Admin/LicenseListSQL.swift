/// The SQL of an admin license list, built from a `LicenseListQuery`. Column names and operators come from the
/// allow-lists of `LicenseSearchField` and `LicenseSearchOperator`; every client value travels as a bind parameter
/// (`$n`), never in the text. Pure, so that the statements can be checked without a database.
public struct LicenseListSQL: Sendable {
    /// The conditions, ANDed; each over the license alias `l` only (customers and sites through uncorrelated
    /// subqueries), so that the count needs no joins.
    public private(set) var conditions: [String] = []
    /// The values of `$1`, `$2`, … in order.
    public private(set) var parameters: [SQLParameter] = []
    public let orderBy: String
    /// `WITH …` before the statement, or nothing: the ids a plain-text search matches.
    public private(set) var with = ""

    public init(_ query: LicenseListQuery) {
        let direction = query.ascending ? "ASC NULLS FIRST" : "DESC NULLS LAST"
        let tieBreak = query.ascending ? "l.id ASC" : "l.id DESC"
        // NULLs sort as MySQL sorts them (first when ascending), and the id keeps pages stable when values tie.
        orderBy =
            query.sortBy == .id
            ? "l.id \(query.ascending ? "ASC" : "DESC")"
            : "\(query.sortBy.column) \(direction), \(tieBreak)"
        if let customerID = query.customerID { conditions.append("l.customer_id = \(bind(customerID.sql))::bigint") }
        if let ids = query.includeIDs { conditions.append("l.id = ANY(\(bind(PostgresArray.literal(ids)))::bigint[])") }
        if let groups = query.advancedGroups {
            if !groups.isEmpty {
                let ored = groups.map { group in
                    "(" + group.map { condition in sql(for: condition) }.joined(separator: " AND ") + ")"
                }
                conditions.append("(" + ored.joined(separator: " OR ") + ")")
            }
            return
        }
        switch query.view {
        case .active?:
            conditions.append("l.status = 'active' AND (l.expiration_date IS NULL OR l.expiration_date > now())")
        case .expired?: conditions.append("l.expiration_date < now()")
        case .disabled?: conditions.append("l.status = 'disabled'")
        case .inactive?: conditions.append("l.status = 'inactive'")
        case nil: break
        }
        switch query.search {
        case .none: break
        case .text(let text): conditions.append(textSearch(text))
        case .condition(let condition): conditions.append(sql(for: condition))
        }
    }

    /// `WHERE …`, or nothing when no condition applies.
    public var whereClause: String {
        conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    }

    /// One page of admin licenses in one round trip, each row carrying `total_count`, the number of matches (an
    /// InitPlan, evaluated once). `limit` and `offset` are bound after the other parameters.
    public func pageStatement(limit: Int64, offset: Int64) -> (sql: String, parameters: [SQLParameter]) {
        precondition(AdminLicense.select.hasPrefix("SELECT "), "AdminLicense.select starts with SELECT")
        let count = "(SELECT count(*) FROM licenses l \(whereClause)) AS total_count"
        let sql = """
            \(with)
            SELECT \(count), \(AdminLicense.select.dropFirst("SELECT ".count))
            \(whereClause)
            ORDER BY \(orderBy)
            LIMIT $\(parameters.count + 1)::bigint OFFSET $\(parameters.count + 2)::bigint
            """
        return (sql, parameters + [limit.sql, offset.sql])
    }

    /// The number of matches alone, for a page past the end, which has no row to carry it.
    public var countStatement: (sql: String, parameters: [SQLParameter]) {
        ("\(with) SELECT count(*) AS total_count FROM licenses l \(whereClause)", parameters)
    }

    /// A plain-text search: a case-insensitive contains over the key, the order id, the customer's "first last"
    /// and email, and the URLs of the license's sites [FC]. `%`, `_` and `\` are literal. The matching ids are
    /// gathered first, branch by branch, so that each branch can use its trigram index (sql/003_admin_list.sql) and
    /// the page never walks the whole table looking for rare matches; the count and the page share them.
    private mutating func textSearch(_ text: String) -> String {
        let pattern = bind("%" + Self.escapeLike(text) + "%")
        with = """
            WITH matched AS MATERIALIZED (
                SELECT x.id FROM licenses x WHERE x.license_key ILIKE \(pattern) OR x.order_id::text ILIKE \(pattern)
                UNION
                SELECT x.id FROM licenses x
                WHERE x.customer_id IN (
                    SELECT c.id FROM customers c
                    WHERE (c.first_name || ' ' || c.last_name) ILIKE \(pattern) OR c.email ILIKE \(pattern))
                UNION
                SELECT a.license_id FROM license_activations a JOIN license_sites s ON s.id = a.site_id
                WHERE s.site_url ILIKE \(pattern)
            )
            """
        return "l.id IN (SELECT id FROM matched)"
    }

    /// `text` for a LIKE pattern in which it matches only itself (the escape character is PostgreSQL's default `\`).
    public static func escapeLike(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "\\" || character == "%" || character == "_" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    private mutating func bind(_ value: SQLParameter) -> String {
        parameters.append(value)
        return "$\(parameters.count)"
    }

    private mutating func sql(for condition: LicenseSearchCondition) -> String {
        switch condition.field.kind {
        case .integer: return integerSQL(condition)
        case .text: return textSQL(condition)
        case .time: return timeSQL(condition)
        }
    }

    private mutating func integerSQL(_ condition: LicenseSearchCondition) -> String {
        let field = condition.field
        let values = condition.operands.map(Self.text)
        // A plain column comparison where NULL cannot matter, so that the column's index serves it.
        let column = field.column
        let wire = field.isZeroWhenNull ? "coalesce(\(column), 0)" : column
        switch condition.op {
        case .equal:
            if field.isZeroWhenNull, values.first == "0" { return "\(column) IS NULL" }
            return "\(column) = \(bind(values.first ?? nil))::bigint"
        case .oneOf:
            let numbers = condition.operands.compactMap { operand -> Int64? in
                if case .integer(let number) = operand { return number }
                return nil
            }
            let target = numbers.contains(0) ? wire : column
            return "\(target) = ANY(\(bind(PostgresArray.literal(numbers)))::bigint[])"
        case .range:
            return "\(wire) BETWEEN \(bind(values.first ?? nil))::bigint AND \(bind(values.last ?? nil))::bigint"
        default:
            return "\(wire) \(Self.comparison(condition.op)) \(bind(values.first ?? nil))::bigint"
        }
    }

    private mutating func textSQL(_ condition: LicenseSearchCondition) -> String {
        let column = "lower(\(condition.field.column))"
        let values = condition.operands.map(Self.text)
        switch condition.op {
        case .oneOf:
            let list = bind(PostgresArray.literal(values))
            return "\(column) IN (SELECT lower(v) FROM unnest(\(list)::text[]) AS v)"
        case .range:
            let low = bind(values.first ?? nil)
            let high = bind(values.last ?? nil)
            return "\(column) BETWEEN lower(\(low)::text) AND lower(\(high)::text)"
        default:
            return "\(column) \(Self.comparison(condition.op)) lower(\(bind(values.first ?? nil))::text)"
        }
    }

    /// Moments compare as given; a date alone stands for its whole UTC day; `lifetime` is a NULL expiry.
    private mutating func timeSQL(_ condition: LicenseSearchCondition) -> String {
        let column = condition.field.column
        switch condition.op {
        case .oneOf:
            guard !condition.operands.isEmpty else { return "false" }
            let each = condition.operands.map { operand in timeComparison(column, .equal, operand) }
            return "(" + each.joined(separator: " OR ") + ")"
        case .range:
            guard condition.operands.count == 2 else { return "false" }
            let lower: String
            switch condition.operands[0] {
            case .time(let date, _): lower = "\(column) >= \(bind(date.sql))::timestamptz"
            default: return "false"
            }
            switch condition.operands[1] {
            case .time(let date, wholeDay: true):
                return "(\(lower) AND \(column) < \(bind(date.addingTimeInterval(86_400).sql))::timestamptz)"
            case .time(let date, wholeDay: false):
                return "(\(lower) AND \(column) <= \(bind(date.sql))::timestamptz)"
            default: return "false"
            }
        default:
            guard let operand = condition.operands.first else { return "false" }
            return timeComparison(column, condition.op, operand)
        }
    }

    private mutating func timeComparison(
        _ column: String,
        _ op: LicenseSearchOperator,
        _ operand: LicenseSearchOperand
    )
        -> String
    {
        switch operand {
        case .lifetime:
            return op == .notEqual ? "\(column) IS NOT NULL" : "\(column) IS NULL"
        case .time(let date, wholeDay: false):
            return "\(column) \(Self.comparison(op)) \(bind(date.sql))::timestamptz"
        case .time(let start, wholeDay: true):
            let end = start.addingTimeInterval(86_400)
            switch op {
            case .equal:
                return "(\(column) >= \(bind(start.sql))::timestamptz AND \(column) < \(bind(end.sql))::timestamptz)"
            case .notEqual:
                return "(\(column) < \(bind(start.sql))::timestamptz OR \(column) >= \(bind(end.sql))::timestamptz)"
            case .greater: return "\(column) >= \(bind(end.sql))::timestamptz"
            case .greaterOrEqual: return "\(column) >= \(bind(start.sql))::timestamptz"
            case .less: return "\(column) < \(bind(start.sql))::timestamptz"
            case .lessOrEqual: return "\(column) < \(bind(end.sql))::timestamptz"
            default: return "false"
            }
        default:
            return "false"
        }
    }

    /// The SQL spelling of a binary comparison; `in` and `::` are written by their callers.
    private static func comparison(_ op: LicenseSearchOperator) -> String {
        switch op {
        case .notEqual: return "<>"
        case .greater: return ">"
        case .less: return "<"
        case .greaterOrEqual: return ">="
        case .lessOrEqual: return "<="
        default: return "="
        }
    }

    /// An operand's bind text.
    private static func text(_ operand: LicenseSearchOperand) -> SQLParameter {
        switch operand {
        case .integer(let number): return number.sql
        case .text(let text): return text
        case .time(let date, _): return date.sql
        case .lifetime: return nil
        }
    }
}

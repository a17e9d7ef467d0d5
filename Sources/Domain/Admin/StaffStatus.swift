/// A status staff may set through `update_status` (fluentcart.md §6): `active`, `disabled` or `expired`. `inactive`
/// means "never activated" and only the system sets it, so it cannot be chosen [FC].
public enum StaffStatus: String, Sendable, CaseIterable {
    case active
    case disabled
    case expired

    /// Exactly one of the three names, as FluentCart compares them; nil for anything else (a 423).
    public init?(json: JSONValue?) {
        guard case .string(let text)? = json, let status = StaffStatus(rawValue: text) else { return nil }
        self = status
    }

    public var licenseStatus: LicenseStatus {
        switch self {
        case .active: .active
        case .disabled: .disabled
        case .expired: .expired
        }
    }

    /// What staff disabling records in `config.reason` [O], so that renewals can tell a staff lock from a refund.
    public static let disabledReason = "Disabled by staff"

    /// The license's `config` after this change: disabling records why, activating clears any reason (a refund,
    /// a failed payment or a staff lock no longer applies), expiring leaves it as it is.
    public func config(from config: JSONValue) -> JSONValue {
        var object: JSONObject
        if case .object(let current) = config { object = current } else { object = JSONObject() }
        switch self {
        case .disabled: object["reason"] = .string(Self.disabledReason)
        case .active: object["reason"] = nil
        case .expired: break
        }
        return .object(object)
    }
}

/// The stored status of a license (FluentCart's four values).
public enum LicenseStatus: String, Sendable, CaseIterable, Codable {
    /// Issued, never activated on a site; passes checks like `active`.
    case inactive
    case active
    case expired
    /// Locked by staff, a refund or a failed payment (FaxStore's `authStatusForced`).
    case disabled
}

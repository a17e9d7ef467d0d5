/// WordPress-style roles and the licensing capabilities they hold (fluentcart.md §5.2).
public enum UserRole: String, Sendable, CaseIterable, Codable {
    case administrator
    case superAdmin = "super_admin"
    case manager
    case worker
    case accountant
    case customer

    public enum Capability: Sendable {
        case viewLicenses, manageLicenses, deleteLicenses, manageSettings
    }

    public func has(_ capability: Capability) -> Bool {
        switch (self, capability) {
        case (.administrator, _): return true
        case (.superAdmin, .manageSettings), (.manager, .manageSettings): return false
        case (.superAdmin, _), (.manager, _): return true
        case (.worker, .viewLicenses), (.accountant, .viewLicenses): return true
        default: return false
        }
    }
}

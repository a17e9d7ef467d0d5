import Domain
import Testing

@Suite("User role capabilities")
struct UserRoleTests {
    typealias Capability = UserRole.Capability

    /// fluentcart.md §5.2: view, manage, delete, settings.
    static let table: [(UserRole, [Capability: Bool])] = [
        (.administrator, [.viewLicenses: true, .manageLicenses: true, .deleteLicenses: true, .manageSettings: true]),
        (.superAdmin, [.viewLicenses: true, .manageLicenses: true, .deleteLicenses: true, .manageSettings: false]),
        (.manager, [.viewLicenses: true, .manageLicenses: true, .deleteLicenses: true, .manageSettings: false]),
        (.worker, [.viewLicenses: true, .manageLicenses: false, .deleteLicenses: false, .manageSettings: false]),
        (.accountant, [.viewLicenses: true, .manageLicenses: false, .deleteLicenses: false, .manageSettings: false]),
        (.customer, [.viewLicenses: false, .manageLicenses: false, .deleteLicenses: false, .manageSettings: false]),
    ]

    @Test("follow the FluentCart permission table", arguments: table)
    func capabilities(role: UserRole, expected: [Capability: Bool]) {
        for (capability, allowed) in expected {
            #expect(role.has(capability) == allowed, "\(role) \(capability)")
        }
    }

    @Test("cover every role")
    func everyRole() {
        #expect(Set(Self.table.map(\.0)) == Set(UserRole.allCases))
    }

    @Test(
        "use WordPress role names",
        arguments: [
            (UserRole.administrator, "administrator"), (.superAdmin, "super_admin"), (.manager, "manager"),
            (.worker, "worker"), (.accountant, "accountant"), (.customer, "customer"),
        ]
    )
    func rawValues(role: UserRole, name: String) {
        #expect(role.rawValue == name)
        #expect(UserRole(rawValue: name) == role)
    }
}

/// One page of an admin license list and the number of licenses matching over all pages.
public struct LicenseListPage: Sendable, Equatable {
    public var licenses: [AdminLicense]
    public var total: Int64

    public init(licenses: [AdminLicense], total: Int64) {
        self.licenses = licenses
        self.total = total
    }
}

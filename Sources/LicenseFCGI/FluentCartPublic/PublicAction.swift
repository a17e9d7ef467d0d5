/// The actions of the public protocol, named by the `fluent-cart` parameter (fluentcart.md §4.1). The raw value
/// is the wire name, and also the check log's `api`.
enum PublicAction: String, CaseIterable, Sendable {
    case checkLicense = "check_license"
    case activateLicense = "activate_license"
    case deactivateLicense = "deactivate_license"
    case getLicenseVersion = "get_license_version"
    case downloadLicensePackage = "download_license_package"
    case downloadByID = "download-by-id"
    case renewLicense = "renew_license"
}

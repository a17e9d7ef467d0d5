/// Every REST route we serve under `/wp-json/fluent-cart/v2/` (fluentcart.md §6–§10). `docs/openapi.yaml` describes
/// exactly these; a test keeps the two equal.
enum RESTRoutes {
    static let all: [RESTRoute] = [
        // Admin licenses (§6).
        RESTRoute(
            method: "GET",
            template: "licensing/licenses",
            permission: .viewLicenses,
            handler: AdminLicenseListRoutes.list
        ),
        RESTRoute(
            method: "GET",
            template: "licensing/licenses/customer/{id}",
            permission: .viewLicenses,
            handler: AdminLicenseListRoutes.customerList
        ),
        RESTRoute(
            method: "GET",
            template: "licensing/licenses/{id}",
            permission: .viewLicenses,
            handler: AdminLicenseRoutes.details
        ),
        RESTRoute(
            method: "POST",
            template: "licensing/licenses/{id}/regenerate-key",
            permission: .manageLicenses,
            handler: AdminLicenseRoutes.regenerateKey
        ),
        RESTRoute(
            method: "POST",
            template: "licensing/licenses/{id}/extend-validity",
            permission: .manageLicenses,
            handler: AdminLicenseRoutes.extendValidity
        ),
        RESTRoute(
            method: "POST",
            template: "licensing/licenses/{id}/update_status",
            permission: .manageLicenses,
            handler: AdminLicenseRoutes.updateStatus
        ),
        RESTRoute(
            method: "POST",
            template: "licensing/licenses/{id}/update_limit",
            permission: .manageLicenses,
            handler: AdminLicenseRoutes.updateLimit
        ),
        RESTRoute(
            method: "POST",
            template: "licensing/licenses/{id}/deactivate_site",
            permission: .manageLicenses,
            handler: AdminLicenseRoutes.deactivateSite
        ),
        RESTRoute(
            method: "POST",
            template: "licensing/licenses/{id}/activate_site",
            permission: .manageLicenses,
            handler: AdminLicenseRoutes.activateSite
        ),
        RESTRoute(
            method: "DELETE",
            template: "licensing/licenses/{id}/delete",
            permission: .deleteLicenses,
            handler: AdminLicenseRoutes.delete
        ),
        RESTRoute(
            method: "POST",
            template: "licensing/licenses/{id}/update_ip",
            permission: .manageLicenses,
            handler: AdminLicenseRoutes.updateIP
        ),
        RESTRoute(
            method: "GET",
            template: "licensing/licenses/{id}/checks",
            permission: .viewLicenses,
            handler: AdminLicenseRoutes.checks
        ),
        // Sites (§7).
        RESTRoute(method: "GET", template: "licensing/sites", permission: .viewLicenses, handler: SiteRoutes.list),
        RESTRoute(
            method: "GET",
            template: "licensing/sites/{id}",
            permission: .viewLicenses,
            handler: SiteRoutes.details
        ),
        // Product license settings (§8).
        RESTRoute(
            method: "GET",
            template: "licensing/products/{id}/settings",
            permission: .viewLicenses,
            handler: ProductSettingsRoutes.show
        ),
        RESTRoute(
            method: "POST",
            template: "licensing/products/{id}/settings",
            permission: .manageLicenses,
            handler: ProductSettingsRoutes.update
        ),
        // Customer profile (§9).
        RESTRoute(
            method: "GET",
            template: "customer-profile/licenses",
            permission: .authenticated,
            handler: CustomerProfileRoutes.list
        ),
        RESTRoute(
            method: "GET",
            template: "customer-profile/licenses/{license_key}",
            permission: .authenticated,
            handler: CustomerProfileRoutes.details
        ),
        RESTRoute(
            method: "GET",
            template: "customer-profile/licenses/{license_key}/activations",
            permission: .authenticated,
            handler: CustomerProfileRoutes.activations
        ),
        RESTRoute(
            method: "POST",
            template: "customer-profile/licenses/{license_key}/deactivate_site",
            permission: .authenticated,
            handler: CustomerProfileRoutes.deactivateSite
        ),
        RESTRoute(
            method: "POST",
            template: "customer-profile/licenses/{license_key}/enable",
            permission: .authenticated,
            handler: CustomerProfileRoutes.enable
        ),
        RESTRoute(
            method: "POST",
            template: "customer-profile/licenses/{license_key}/disable",
            permission: .authenticated,
            handler: CustomerProfileRoutes.disable
        ),
        // This installation's own license (§10).
        RESTRoute(
            method: "GET",
            template: "settings/license",
            permission: .manageSettings,
            handler: LicenseRegistrationRoutes.show
        ),
        RESTRoute(
            method: "POST",
            template: "settings/license",
            permission: .manageSettings,
            handler: LicenseRegistrationRoutes.register
        ),
        RESTRoute(
            method: "DELETE",
            template: "settings/license",
            permission: .manageSettings,
            handler: LicenseRegistrationRoutes.unregister
        ),
    ]
}

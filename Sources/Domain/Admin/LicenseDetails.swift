import Foundation

/// Everything `GET licensing/licenses/{id}` shows about one license (fluentcart.md §6): the license with its
/// relations, its activations with their sites, its product with the variations, its order and subscription, and
/// what it may download. Read in one snapshot by `AdminLicenseStore.details`.
public struct LicenseDetails: Sendable {
    public var license: AdminLicense
    public var activations: [Activation]
    public var variants: [Variant]
    /// The license's order, then the orders whose `parent_id` is that order (renewals, upgrades).
    public var orders: [Order]
    public var subscription: Subscription?
    /// At most one: the product's release file, when licensing is on and a file is set.
    public var downloads: [Download]

    /// One (license, site) pair and its shared site row.
    public struct Activation: Sendable, Equatable {
        public var id: Int64
        public var siteID: Int64
        public var licenseID: Int64
        public var status: String
        public var isLocal: Bool
        public var productID: Int64
        public var variationID: Int64?
        public var activationMethod: String
        /// A bearer credential; staff with view rights see it, as in FluentCart.
        public var hash: String
        public var lastUpdateVersion: String
        public var lastUpdateDate: Date?
        public var createdAt: Date
        public var updatedAt: Date
        public var site: Site
    }

    public struct Site: Sendable, Equatable {
        public var id: Int64
        public var url: String
        public var serverVersion: String
        public var platformVersion: String
        /// `other` as stored, `[]` by default.
        public var other: JSONValue
        public var createdAt: Date
        public var updatedAt: Date
    }

    /// A variation of the license's product.
    public struct Variant: Sendable, Equatable {
        public var id: Int64
        public var title: String
        public var paymentType: String
    }

    public struct Order: Sendable, Equatable {
        public var id: Int64
        public var uuid: String
        public var parentID: Int64?
        public var type: String
        public var customerID: Int64?
        public var createdAt: Date
        public var updatedAt: Date
    }

    public struct Subscription: Sendable, Equatable {
        public var id: Int64
        public var nextBillingDate: Date?
        public var reactivateURL: String
        public var createdAt: Date
        public var updatedAt: Date
    }

    /// A download link for the product's release: the package token of the public protocol (§4.6), issued for the
    /// license without an activation, so no key appears in the URL.
    public struct Download: Sendable, Equatable {
        public var productTitle: String
        /// Every variation of the product: the release file serves them all.
        public var variationTitles: [String]
        /// The signed `fct_package` token.
        public var packageToken: String
    }
}

import Foundation

/// An expiry as an operator states it: a moment, or none at all.
public enum ExpiryInput: Sendable, Equatable {
    case lifetime
    case date(Date)

    /// `lifetime`, `YYYY-MM-DD` (00:00:00 UTC) or `YYYY-MM-DD HH:MM:SS` (UTC).
    public init?(parsing text: String) {
        if text.trimmingWhitespace.lowercased() == "lifetime" {
            self = .lifetime
        } else if let date = Timestamp.parseCLI(text) {
            self = .date(date)
        } else {
            return nil
        }
    }

    var sql: SQLParameter {
        if case .date(let date) = self { return date.sql }
        return nil
    }
}

/// What `license create` asks for; anything nil comes from the product's license settings.
public struct NewLicense: Sendable {
    public var productID: Int64
    public var variationID: Int64?
    public var customerID: Int64?
    public var limit: Int64?
    public var expires: ExpiryInput?
    public var status: LicenseStatus
    public var ip: IPAddress?
    /// An imported key (FaxStore's 46-character keys carry over); nil generates one.
    public var key: LicenseKey?

    public init(
        productID: Int64,
        variationID: Int64? = nil,
        customerID: Int64? = nil,
        limit: Int64? = nil,
        expires: ExpiryInput? = nil,
        status: LicenseStatus = .inactive,
        ip: IPAddress? = nil,
        key: LicenseKey? = nil
    ) {
        self.productID = productID
        self.variationID = variationID
        self.customerID = customerID
        self.limit = limit
        self.expires = expires
        self.status = status
        self.ip = ip
        self.key = key
    }
}

/// What `license set` changes; nil leaves a field as it is.
public struct LicenseChanges: Sendable {
    public enum IPChange: Sendable, Equatable {
        case set(IPAddress)
        /// Clearing the IP also turns the lock off (faxstore.md §10).
        case clear
    }

    public var ip: IPChange?
    public var ipLock: Bool?
    public var ownerEnabled: Bool?
    public var status: LicenseStatus?
    public var expires: ExpiryInput?
    public var limit: Int64?

    public init(
        ip: IPChange? = nil,
        ipLock: Bool? = nil,
        ownerEnabled: Bool? = nil,
        status: LicenseStatus? = nil,
        expires: ExpiryInput? = nil,
        limit: Int64? = nil
    ) {
        self.ip = ip
        self.ipLock = ipLock
        self.ownerEnabled = ownerEnabled
        self.status = status
        self.expires = expires
        self.limit = limit
    }
}

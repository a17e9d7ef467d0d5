import Foundation

/// The FaxStore decision order, as a pure function of the license's state: the one place it is decided, for
/// logged and unlogged checks alike.
public struct CheckDecision: Sendable {
    /// What the decision needs to know about the license whose key matched.
    public struct LicenseState: Sendable, Equatable {
        public var productID: Int64
        public var status: LicenseStatus
        public var ownerEnabled: Bool
        public var expirationDate: Date?
        public var ipLock: Bool
        public var ip: IPAddress?

        public init(
            productID: Int64,
            status: LicenseStatus,
            ownerEnabled: Bool,
            expirationDate: Date?,
            ipLock: Bool,
            ip: IPAddress?
        ) {
            self.productID = productID
            self.status = status
            self.ownerEnabled = ownerEnabled
            self.expirationDate = expirationDate
            self.ipLock = ipLock
            self.ip = ip
        }
    }

    public var expiry: Expiry

    public init(expiry: Expiry = Expiry()) {
        self.expiry = expiry
    }

    /// The first matching row of faxstore.md §3 answers.
    /// - Parameters:
    ///   - productExists: false only for a single check whose path product does not exist (row 1).
    ///   - license: the license whose key matched for the product(s), or nil (row 2).
    public func decide(productExists: Bool, license: LicenseState?, clientIP: IPAddress?, now: Date) -> CheckOutcome {
        guard productExists else { return .productNotFound }
        guard let license else { return .keyNotFound }
        if license.status == .disabled { return .disabledByStaff }
        if !license.ownerEnabled { return .switchedOffByOwner }
        if expiry.isExpired(status: license.status, expirationDate: license.expirationDate, now: now) {
            return .expired
        }
        if license.ipLock, license.ip == nil || clientIP == nil || license.ip != clientIP {
            return .ipMismatch(clientIP: clientIP?.description ?? "unknown")
        }
        return .authorised(productID: license.productID)
    }
}

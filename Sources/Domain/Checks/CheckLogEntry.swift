import Foundation

/// One row of the check log, decided before it is written; carries no key, hash or token (faxstore.md §7).
public struct CheckLogEntry: Sendable, Equatable {
    /// Chosen when the entry is made: with `createdAt` it is the row's identity, so a batch written again after a
    /// lost connection (its first write may have committed) inserts nothing twice.
    public var requestID: UUID
    /// When the check was answered, on this node's clock; decides the row's day partition.
    public var createdAt: Date
    /// The license the request resolved; nil when none was (unknown product or key), and then no counter moves.
    public var licenseID: Int64?
    public var productID: Int64?
    public var requestedProductIDs: [Int64]?
    public var ip: IPAddress?
    public var userAgent: String
    public var info: String
    /// The FaxStore status, or the FluentCart outcome, answered.
    public var result: String
    /// `check`, `multiple`, `v1`, or the FluentCart public action.
    public var api: String
    /// FluentCart actions: the normalized site the client named.
    public var siteURL: String?
    /// FluentCart actions: the activation the request resolved.
    public var activationID: Int64?
    /// Only FaxStore checks move `total_requests` and `last_request_at` (FaxStore's own counters).
    public var movesCounters: Bool

    /// A FaxStore check.
    public init(request: CheckRequest, licenseID: Int64?, matchedProductID: Int64?, result: String) {
        requestID = UUID()
        createdAt = Date()
        self.licenseID = licenseID
        productID = request.isSingle ? request.productIDs.first : matchedProductID
        requestedProductIDs = request.isSingle ? nil : request.productIDs
        ip = request.clientIP
        userAgent = request.userAgent
        info = request.info
        self.result = result
        api = request.api.rawValue
        siteURL = nil
        activationID = nil
        movesCounters = true
    }

    /// A FluentCart public action.
    public init(
        action: String,
        client: PublicClient,
        licenseID: Int64?,
        productID: Int64?,
        siteURL: SiteURL?,
        activationID: Int64?,
        result: String
    ) {
        requestID = UUID()
        createdAt = Date()
        self.licenseID = licenseID
        self.productID = productID
        requestedProductIDs = nil
        ip = client.ip
        userAgent = client.userAgent
        info = ""
        self.result = result
        api = action
        self.siteURL = siteURL?.value
        self.activationID = activationID
        movesCounters = false
    }
}

extension CheckLogEntry {
    /// `createdAt` in whole microseconds since 1970, PostgreSQL's precision: a written-again batch sends the same
    /// number, so its rows meet their first write's in the unique index.
    public var createdAtMicroseconds: Int64 {
        Int64((createdAt.timeIntervalSince1970 * 1_000_000).rounded(.down))
    }
}

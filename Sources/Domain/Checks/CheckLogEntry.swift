/// One row of the check log, decided before it is written; carries no key (faxstore.md §7).
public struct CheckLogEntry: Sendable, Equatable {
    /// The license the check resolved; nil for rows 1–2 (unknown product or key), which move no counter.
    public var licenseID: Int64?
    public var productID: Int64?
    public var requestedProductIDs: [Int64]?
    public var ip: IPAddress?
    public var userAgent: String
    public var info: String
    /// The FaxStore status answered.
    public var result: String
    public var api: CheckAPI

    public init(request: CheckRequest, licenseID: Int64?, matchedProductID: Int64?, result: String) {
        self.licenseID = licenseID
        productID = request.isSingle ? request.productIDs.first : matchedProductID
        requestedProductIDs = request.isSingle ? nil : request.productIDs
        ip = request.clientIP
        userAgent = request.userAgent
        info = request.info
        self.result = result
        api = request.api
    }
}

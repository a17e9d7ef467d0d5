/// One page of the site list and the number of sites matching over all pages.
public struct SiteListPage: Sendable, Equatable {
    public var sites: [SiteListEntry]
    public var total: Int64

    public init(sites: [SiteListEntry], total: Int64) {
        self.sites = sites
        self.total = total
    }
}

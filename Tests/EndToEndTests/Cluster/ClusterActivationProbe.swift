import Foundation

/// Parallel activations of new sites on one limited license, sent to both app nodes directly while the database
/// fails over: the limit must hold whatever each request met (the old primary, no primary, the new one).
struct ClusterActivationProbe: Sendable {
    let license: License
    let product: Product
    private let task: Task<[String], Never>

    /// Every `interval`, one activation of a new site on each node, until `duration` has passed.
    init(product: Product, license: License, duration: Duration, interval: Duration = .milliseconds(300)) {
        self.license = license
        self.product = product
        task = Task {
            let end = ContinuousClock.now + duration
            var acknowledged: [String] = []
            while ContinuousClock.now < end {
                let sites = [uniqueSite(), uniqueSite()]
                let answers = await withTaskGroup(of: String?.self) { group in
                    for (index, site) in sites.enumerated() {
                        group.addTask {
                            let response = try? await ClusterStack.node(index + 1).fluentCart(
                                "activate_license",
                                ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
                            )
                            return response?.string("status") == "valid" ? site : nil
                        }
                    }
                    var valid: [String] = []
                    for await site in group { if let site { valid.append(site) } }
                    return valid
                }
                acknowledged += answers
                try? await Task.sleep(for: interval)
            }
            return acknowledged
        }
    }

    /// The sites answered `valid`.
    func acknowledged() async -> [String] { await task.value }
}

extension Database {
    /// The hosts of the license's active activations (sites are stored normalized, without the scheme).
    func activeSites(of license: License) async throws -> [String] {
        try await rows(
            """
            select s.site_url from license_activations a join license_sites s on s.id = a.site_id
            where a.license_id = \(license.id) and a.status = 'active'
            """
        ).compactMap { $0.first ?? nil }
    }

    /// Whether every acknowledged site is among the license's active activations.
    func missingSites(_ sites: [String], of license: License) async throws -> [String] {
        let active = try await activeSites(of: license)
        return sites.filter { site in
            let host = site.replacingOccurrences(of: "https://", with: "")
            return !active.contains { $0.contains(host) }
        }
    }
}

import Foundation

/// The client addresses `/metrics` answers (`METRICS_ALLOW`): single addresses or CIDRs, IPv4 or IPv6, as nginx's
/// `allow` takes them. IPv4 is compared in its IPv4-mapped IPv6 form, so `::ffff:127.0.0.1` matches 127.0.0.1.
struct MetricsAllowList: Sendable, Equatable {
    struct Network: Sendable, Equatable {
        var bytes: [UInt8]
        var prefixLength: Int
    }

    let networks: [Network]

    static let localhost = MetricsAllowList(["127.0.0.1", "::1"])

    /// Entries that do not parse are skipped (configuration validation rejects them before this).
    init(_ entries: [String]) {
        networks = entries.compactMap(Self.network)
    }

    func contains(_ address: String) -> Bool {
        guard let bytes = Self.bytes(address) else { return false }
        return networks.contains { network in
            var remaining = network.prefixLength
            for index in 0..<16 where remaining > 0 {
                let bits = min(remaining, 8)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
                if bytes[index] & mask != network.bytes[index] & mask { return false }
                remaining -= bits
            }
            return true
        }
    }

    static func network(_ entry: String) -> Network? {
        let parts = entry.split(separator: "/", maxSplits: 1).map(String.init)
        guard let first = parts.first, let bytes = bytes(first) else { return nil }
        let isV4 = first.contains(".") && !first.contains(":")
        let maximum = isV4 ? 32 : 128
        var length = maximum
        if parts.count == 2 {
            guard let parsed = Int(parts[1]), (0...maximum).contains(parsed) else { return nil }
            length = parsed
        }
        return Network(bytes: bytes, prefixLength: isV4 ? length + 96 : length)
    }

    /// 16 bytes of an IPv6 address, or of the IPv4-mapped form of an IPv4 address.
    static func bytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] + withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        return withUnsafeBytes(of: &v6) { Array($0) }
    }
}

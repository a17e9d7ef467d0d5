#if canImport(Glibc)
import Glibc
#endif

/// An IPv4 or IPv6 address in canonical text form.
///
/// IPv4-mapped IPv6 addresses (`::ffff:203.0.113.7`) become plain IPv4, so that the same client compares equal
/// whichever way the socket reported it (faxstore.md §6).
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    public let description: String

    public init?(_ text: String) {
        let trimmed = text.trimmingWhitespace
        guard !trimmed.isEmpty, trimmed.utf8.count < 64 else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, trimmed, &v4) == 1 {
            description = Self.format { buffer in inet_ntop(AF_INET, &v4, buffer, socklen_t(INET6_ADDRSTRLEN)) }
            return
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, trimmed, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xff, bytes[11] == 0xff {
            description = "\(bytes[12]).\(bytes[13]).\(bytes[14]).\(bytes[15])"
            return
        }
        description = Self.format { buffer in inet_ntop(AF_INET6, &v6, buffer, socklen_t(INET6_ADDRSTRLEN)) }
    }

    /// Runs `inet_ntop` into a buffer large enough for either family and returns its text.
    private static func format(_ body: (UnsafeMutablePointer<CChar>) -> UnsafePointer<CChar>?) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: Int(INET6_ADDRSTRLEN)) { buffer in
            guard let base = buffer.baseAddress, let text = body(base) else { return "" }
            return String(cString: text)
        }
    }
}

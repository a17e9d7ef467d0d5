/// The body of `update_ip` (fluentcart.md §6, faxstore.md §10): the one address an IP-locked key may be checked from,
/// and the lock itself.
public struct IPUpdate: Sendable, Equatable {
    /// nil when `ip` was not sent: the address stays as it is.
    public var ip: LicenseChanges.IPChange?
    /// nil when `ip_lock` was not sent (or the IP is cleared, which turns the lock off anyway).
    public var ipLock: Bool?

    /// Why a body is refused.
    public enum Invalid: Error, Sendable, Equatable {
        /// `ip` is neither an IPv4/IPv6 address nor null/empty.
        case address
        /// `ip_lock` is not a boolean (`true`/`false`, `1`/`0`, `yes`/`no`, `on`/`off`).
        case lock
    }

    /// `ip`: address text, or null/"" to clear. `ip_lock`: a boolean, or absent to keep the lock as it is.
    public init(ip: JSONValue?, ipLock: JSONValue?) throws(Invalid) {
        switch ip {
        case nil:
            self.ip = nil
        case .null?:
            self.ip = .clear
        case .string(let text)?:
            if text.trimmingWhitespace.isEmpty {
                self.ip = .clear
            } else if let address = IPAddress(text) {
                self.ip = .set(address)
            } else {
                throw .address
            }
        default:
            throw .address
        }
        switch ipLock {
        case nil, .null?:
            self.ipLock = nil
        case .bool(let flag)?:
            self.ipLock = flag
        case .integer(let number)? where number == 0 || number == 1:
            self.ipLock = number == 1
        case .string(let text)?:
            switch text.trimmingWhitespace.lowercased() {
            case "true", "1", "yes", "on": self.ipLock = true
            case "false", "0", "no", "off": self.ipLock = false
            default: throw .lock
            }
        default:
            throw .lock
        }
    }

    /// The address and lock after this update. Clearing the address also turns the lock off, whatever `ip_lock`
    /// says: a lock without an address would refuse every check (faxstore.md §6, §10).
    public func applied(to ip: IPAddress?, locked: Bool) -> (ip: IPAddress?, locked: Bool) {
        switch self.ip {
        case .clear?: return (nil, false)
        case .set(let address)?: return (address, ipLock ?? locked)
        case nil: return (ip, ipLock ?? locked)
        }
    }
}

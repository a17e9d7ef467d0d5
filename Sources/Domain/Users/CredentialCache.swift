import Crypto
import Foundation

/// Remembers, per worker process, which application password a credential proved, so that a busy admin tool pays
/// the deliberately slow PBKDF2 once per few minutes rather than on every request.
///
/// It maps a SHA-256 of (login, password) to the password's row id, never to the password, and the row is read
/// again on every request: deleting the application password (or the user) or changing the role takes effect on the
/// next request. An entry only saves the hash, for at most `lifetime`.
///
/// `@unchecked Sendable`: `entries` is read and written only with `lock` held.
public final class CredentialCache: @unchecked Sendable {
    public static let lifetime: TimeInterval = 300
    /// Beyond this many entries the oldest half is dropped; a flood of wrong passwords never gets cached anyway.
    public static let capacity = 4096

    private let lock = NSLock()
    private var entries: [String: (passwordID: Int64, expires: Date)] = [:]

    public init() {}

    static func fingerprint(login: String, password: ApplicationPassword) -> String {
        let digest = SHA256.hash(data: Data((login.lowercased() + "\u{0}" + password.rawValue).utf8))
        return digest.map { String(format: "%02x", $0) }.joined()
    }

    func passwordID(for fingerprint: String, now: Date) -> Int64? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[fingerprint] else { return nil }
        guard entry.expires > now else {
            entries[fingerprint] = nil
            return nil
        }
        return entry.passwordID
    }

    func remember(_ passwordID: Int64, for fingerprint: String, now: Date) {
        lock.lock()
        defer { lock.unlock() }
        if entries.count >= Self.capacity {
            let oldest = entries.sorted { $0.value.expires < $1.value.expires }.prefix(Self.capacity / 2)
            for (key, _) in oldest { entries[key] = nil }
        }
        entries[fingerprint] = (passwordID, now.addingTimeInterval(Self.lifetime))
    }

    func forget(_ fingerprint: String) {
        lock.lock()
        defer { lock.unlock() }
        entries[fingerprint] = nil
    }
}

import Crypto
import Foundation
import _CryptoExtras

/// WordPress-style application passwords: 24 letters and digits, shown in groups of four, stored only as a slow
/// salted hash (PBKDF2-SHA256) and compared in constant time.
public struct ApplicationPassword: Sendable, CustomStringConvertible {
    /// The password without spaces.
    public let rawValue: String

    /// Rounds of PBKDF2-SHA256; slow on purpose. Workers cache a verified credential briefly (issue 6).
    public static let rounds = 100_000
    static let alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

    /// Spaces are ignored, as WordPress ignores them.
    public init(_ presented: String) {
        rawValue = presented.filter { $0 != " " }
    }

    public static func generate() -> ApplicationPassword {
        ApplicationPassword(RandomToken.string(count: 24, alphabet: alphabet))
    }

    /// `abcd EFGH 1234 ijkl MNOP 5678`, the form WordPress shows once.
    public var displayed: String {
        stride(from: 0, to: rawValue.count, by: 4).map { offset in
            let start = rawValue.index(rawValue.startIndex, offsetBy: offset)
            let end = rawValue.index(start, offsetBy: 4, limitedBy: rawValue.endIndex) ?? rawValue.endIndex
            return String(rawValue[start..<end])
        }.joined(separator: " ")
    }

    public var description: String { "ApplicationPassword(redacted)" }

    /// `pbkdf2-sha256$<rounds>$<salt>$<hash>`, base64; the only form that is stored.
    public func hashed() throws -> String {
        let salt = Data((0..<16).map { _ in UInt8.random(in: .min ... .max) })
        let hash = try Self.derive(rawValue, salt: salt, rounds: Self.rounds)
        return "pbkdf2-sha256$\(Self.rounds)$\(salt.base64EncodedString())$\(hash.base64EncodedString())"
    }

    /// Compares in constant time with a stored hash; false for any malformed hash.
    public func matches(storedHash: String) -> Bool {
        let parts = storedHash.split(separator: "$")
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]), rounds > 0,
            let salt = Data(base64Encoded: String(parts[2])), let expected = Data(base64Encoded: String(parts[3])),
            let actual = try? Self.derive(rawValue, salt: salt, rounds: rounds)
        else { return false }
        return constantTimeEquals(actual, expected)
    }

    private static func derive(_ password: String, salt: Data, rounds: Int) throws -> Data {
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Data(password.utf8),
            salt: salt,
            using: .sha256,
            outputByteCount: 32,
            unsafeUncheckedRounds: rounds
        )
        return key.withUnsafeBytes { Data($0) }
    }
}

/// Compares two byte strings without an early exit, so timing tells nothing about where they differ.
public func constantTimeEquals<A: DataProtocol, B: DataProtocol>(_ lhs: A, _ rhs: B) -> Bool {
    guard lhs.count == rhs.count else { return false }
    var difference: UInt8 = 0
    for (left, right) in zip(lhs, rhs) { difference |= left ^ right }
    return difference == 0
}

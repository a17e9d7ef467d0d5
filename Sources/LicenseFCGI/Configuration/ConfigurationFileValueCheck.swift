import Domain
import Foundation

/// The rule each kind of configuration value must pass, whether it came from the file or the environment.
/// Messages never quote a value: it may be a secret.
enum ConfigurationFileValueCheck {
    static func check(_ value: String, key: ConfigurationFileKey, source: String) throws {
        func fail(_ problem: String) -> ConfigurationFileError {
            ConfigurationFileError(key: key.name, source: source, problem: problem)
        }
        switch key.kind {
        case .url(let schemes):
            guard isURL(value, schemes: schemes) else {
                throw fail("expected a URL starting with \(schemes.map { $0 + "://" }.joined(separator: " or "))")
            }
        case .databaseConnection:
            guard PostgresConnection.isValidConnectionString(value) else {
                throw fail("expected a postgresql:// URL or key=value connection settings that libpq accepts")
            }
        case .urlList(let schemes):
            for item in list(value) where !isURL(item, schemes: schemes) {
                throw fail(
                    "every entry must be a URL starting with \(schemes.map { $0 + "://" }.joined(separator: " or "))"
                )
            }
        case .secret(let minimumBytes):
            guard value.utf8.count >= minimumBytes else { throw fail("must be at least \(minimumBytes) bytes long") }
        case .integer(let range):
            guard let number = Int(value), range.contains(number) else {
                throw fail("expected an integer from \(range.lowerBound) to \(range.upperBound)")
            }
        case .decimal(let range):
            guard let number = Double(value), range.contains(number) else {
                throw fail("expected a number from \(Int(range.lowerBound)) to \(Int(range.upperBound))")
            }
        case .boolean:
            guard ["true", "false"].contains(value.lowercased()) else { throw fail("expected true or false") }
        case .choice(let words):
            guard words.contains(value) else { throw fail("expected one of \(words.joined(separator: ", "))") }
        case .addressList:
            for item in list(value) where MetricsAllowList.network(item) == nil {
                throw fail("every entry must be an IPv4 or IPv6 address or CIDR")
            }
        case .text:
            break
        }
    }

    /// Items separated by commas or whitespace, as `WEBHOOK_URLS` has always been read.
    static func list(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
    }

    static func isURL(_ value: String, schemes: [String]) -> Bool {
        guard let components = URLComponents(string: value), let scheme = components.scheme?.lowercased(),
            schemes.contains(scheme)
        else { return false }
        // libpq accepts `postgresql:///db` (the local socket); HTTP URLs need a host.
        return scheme.hasPrefix("postgres") || !(components.host ?? "").isEmpty
    }
}

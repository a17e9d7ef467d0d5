/// The parts of a product's FluentCart license settings (fluentcart.md §8) that the public protocol reads. The
/// record is kept as JSON in `product_license_settings.settings`; unknown or mistyped keys read as their defaults.
public struct LicenseSettings: Sendable, Equatable {
    public var enabled: Bool
    public var version: String
    public var updateFile: UpdateFile?
    public var readmeURL: String
    public var bannerURL: String
    public var iconURL: String
    public var requiredPHP: String
    public var requiredWordPress: String
    public var prefix: String

    /// Where the product's release package lives.
    public enum UpdateFile: Sendable, Equatable {
        /// A file under `DOWNLOADS_DIR`, streamed by nginx.
        case local(path: String)
        /// A file elsewhere; downloads are redirected to it.
        case remote(url: String)
    }

    public init(json: JSONValue) {
        enabled = json["enabled"]?.stringValue == "yes"
        version = Self.text(json["version"])
        prefix = Self.text(json["prefix"])
        let wordPress = json["wp"] ?? .null
        readmeURL = Self.text(wordPress["readme_url"])
        bannerURL = Self.text(wordPress["banner_url"])
        iconURL = Self.text(wordPress["icon_url"])
        requiredPHP = Self.text(wordPress["required_php"])
        requiredWordPress = Self.text(wordPress["required_wp"])
        updateFile = Self.updateFile(json["global_update_file"])
    }

    /// A local path must stay inside `DOWNLOADS_DIR`: relative, and no `..` segment.
    public static func isSafeRelativePath(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else { return false }
        return !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0 == "." }
    }

    private static func updateFile(_ value: JSONValue?) -> UpdateFile? {
        guard let value, case .object = value else { return nil }
        switch value["driver"]?.stringValue {
        case "local":
            let path = text(value["path"])
            return isSafeRelativePath(path) ? .local(path: path) : nil
        case "remote":
            let url = text(value["url"])
            let lowered = url.lowercased()
            return lowered.hasPrefix("https://") || lowered.hasPrefix("http://") ? .remote(url: url) : nil
        default:
            return nil
        }
    }

    /// Strings as they are; numbers as their text (a version saved as `1.5` still reads `1.5`).
    private static func text(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text)?: return text
        case .integer(let number)?: return String(number)
        case .number(let literal)?: return literal
        default: return ""
        }
    }
}

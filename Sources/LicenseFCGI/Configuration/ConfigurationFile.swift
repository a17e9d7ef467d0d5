import ArgumentParser
import Domain
import Foundation

/// The JSON configuration file: one object whose keys are the environment variables' names in lower case
/// (`ConfigurationFileKey.all`). Precedence (operations.md §1): an environment variable wins over the file, and
/// a command-line flag wins over both. The result is the environment `ServerConfiguration` reads.
struct ConfigurationFile: Sendable {
    /// Read when it exists and neither `--config` nor `LICENSE_FCGI_CONFIG` names another file.
    static let defaultPath = "/etc/license-fcgi/config.json"
    static let pathVariable = "LICENSE_FCGI_CONFIG"

    /// The file's values, keyed by environment variable, in their environment form.
    var values: [String: String]

    init(values: [String: String] = [:]) { self.values = values }

    /// Parses and type-checks a file's bytes; `source` (the path) goes into error messages.
    init(json: [UInt8], source: String) throws {
        let parsed: JSONValue
        do {
            parsed = try JSONParser.parse(json)
        } catch {
            throw ConfigurationFileError(key: "(file)", source: source, problem: "not valid JSON")
        }
        guard case .object(let object) = parsed else {
            throw ConfigurationFileError(key: "(file)", source: source, problem: "expected a JSON object")
        }
        var values: [String: String] = [:]
        for (name, value) in object.entries {
            guard let key = ConfigurationFileKey.named(name) else {
                throw ConfigurationFileError(key: name, source: source, problem: "unknown key")
            }
            values[key.variable] = try Self.environmentForm(of: value, key: key, source: source)
        }
        self.values = values
    }

    /// The file `--config`, else `LICENSE_FCGI_CONFIG`, else `/etc/license-fcgi/config.json` when it exists.
    static func path(explicit: String?, environment: [String: String]) -> String? {
        if let explicit, !explicit.isEmpty { return explicit }
        if let named = environment[pathVariable], !named.isEmpty { return named }
        return FileManager.default.fileExists(atPath: defaultPath) ? defaultPath : nil
    }

    /// The environment the server runs with: the file's values under `environment`, every known key validated.
    static func load(explicitPath: String?, environment: [String: String]) throws -> [String: String] {
        var file = ConfigurationFile()
        if let path = path(explicit: explicitPath, environment: environment) {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigurationFileError(key: "(file)", source: path, problem: "cannot be read")
            }
            file = try ConfigurationFile(json: Array(data), source: path)
        }
        return try file.merged(with: environment)
    }

    /// `environment` over the file's values, then each known key checked with its source named.
    func merged(with environment: [String: String]) throws -> [String: String] {
        let merged = values.merging(environment) { _, fromEnvironment in fromEnvironment }
        for key in ConfigurationFileKey.all {
            guard let value = merged[key.variable], !value.isEmpty else { continue }
            let source = environment[key.variable] != nil ? "environment \(key.variable)" : "configuration file"
            try ConfigurationFileValueCheck.check(value, key: key, source: source)
        }
        return merged
    }

    private static func environmentForm(
        of value: JSONValue,
        key: ConfigurationFileKey,
        source: String
    ) throws -> String {
        func wrongType(_ expected: String) -> ConfigurationFileError {
            ConfigurationFileError(key: key.name, source: source, problem: "expected \(expected)")
        }
        switch (key.kind, value) {
        case (.boolean, .bool(let flag)): return flag ? "true" : "false"
        case (.boolean, _): throw wrongType("true or false")
        case (.integer, .integer(let number)): return String(number)
        case (.integer, _): throw wrongType("an integer")
        case (.decimal, .integer(let number)): return String(number)
        case (.decimal, .number(let text)): return text
        case (.decimal, _): throw wrongType("a number")
        case (.urlList, .array(let items)), (.addressList, .array(let items)):
            let strings = items.compactMap { item -> String? in
                if case .string(let text) = item { return text }
                return nil
            }
            guard strings.count == items.count else { throw wrongType("an array of strings") }
            return strings.joined(separator: ",")
        case (.urlList, _), (.addressList, _): throw wrongType("an array of strings")
        case (_, .string(let text)): return text
        case (_, _): throw wrongType("a string")
        }
    }
}

extension ConfigurationFile {
    /// For commands: the merged environment, with the file's values also exported into this process's
    /// environment where unset (so children, `LOG_LEVEL` and the supervisor's `DOWNLOAD_SECRET` check see them).
    /// An invalid configuration prints its error (never a value) on stderr and exits with 78 (`EX_CONFIG`).
    static func loadOrExit(explicitPath: String?) throws -> [String: String] {
        let environment = ProcessInfo.processInfo.environment
        do {
            let merged = try load(explicitPath: explicitPath, environment: environment)
            for (name, value) in merged where environment[name] == nil { setenv(name, value, 0) }
            return merged
        } catch let error as ConfigurationFileError {
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            throw ExitCode(78)
        }
    }
}

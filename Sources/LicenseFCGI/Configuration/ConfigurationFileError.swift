/// A configuration value that cannot be used. It names the key and where the value came from, never the value
/// itself (it may be a secret).
struct ConfigurationFileError: Error, Equatable, CustomStringConvertible {
    var key: String
    var source: String
    var problem: String

    var description: String { "configuration error: \(key) (\(source)): \(problem)" }
}

import Foundation

/// Every license key and application password the CLI fixtures made in this run, kept in `$E2E_RUN_DIR/secrets.list`
/// (one a line; not a `.log`, and removed with the folder) so that the last test of the run can search every log for
/// all of them, including keys of licenses deleted since (`RunLogSecrecyTests`).
enum RunSecrets {
    static let fileName = "secrets.list"

    private static let lock = NSLock()

    static var file: URL? {
        Stack.runDirectory.map { URL(fileURLWithPath: $0).appendingPathComponent(fileName) }
    }

    /// Records the secrets of one CLI answer: `license_key`, and `application_password` with the forms it travels
    /// in (without the spaces of its groups, and as the Basic credentials of its user).
    static func record(_ object: [String: Any]) {
        var secrets: [String] = []
        if let key = object["license_key"] as? String { secrets.append(key) }
        if let password = object["application_password"] as? String {
            let compact = password.replacingOccurrences(of: " ", with: "")
            secrets += [password, compact]
            if let login = object["login"] as? String {
                secrets += [password, compact].map { Data("\(login):\($0)".utf8).base64EncodedString() }
            }
        }
        guard !secrets.isEmpty, let file else { return }
        lock.lock()
        defer { lock.unlock() }
        if !FileManager.default.fileExists(atPath: file.path) {
            FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        guard let handle = try? FileHandle(forWritingTo: file) else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data(secrets.map { $0 + "\n" }.joined().utf8))
    }

    /// What `record` wrote in this run, all phases.
    static func recorded() -> [String] {
        guard let file, let data = FileManager.default.contents(atPath: file.path) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}

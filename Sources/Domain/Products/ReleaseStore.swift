import Crypto
import Foundation

/// Release files: `license-fcgi product release` copies a package under `DOWNLOADS_DIR` and makes it the
/// product's `global_update_file` (operations.md §3), so that update checks offer it and nginx can stream it.
public struct ReleaseStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// What `product release` stored.
    public struct Release: Sendable, Equatable {
        public var productID: Int64
        public var version: String
        /// Relative to `DOWNLOADS_DIR`.
        public var path: String
        public var sizeBytes: Int64
        public var sha256: String

        public var json: JSONValue {
            .object(["product_id": .integer(productID), "version": .string(version), "path": .string(path)])
        }
    }

    /// Copies `file` to `<downloads>/<slug>/<slug>-<version>[.<extension>]` (written to a temporary name, then
    /// renamed, so nginx never serves half a file), then records it and updates the settings in one transaction.
    /// The file is in place before any row points to it.
    public func publish(
        productID: Int64,
        version: String,
        file: URL,
        changelog: String?,
        downloadsDirectory: URL,
        actor: String
    ) throws -> Release {
        guard Self.isValidVersion(version) else {
            throw DomainError(.invalidInput, "version must be 1-64 characters of A-Z a-z 0-9 . _ + -")
        }
        let product = try connection.query("SELECT slug FROM products WHERE id = $1", [productID.sql])
        guard let slug = product.string(row: 0, column: 0) else {
            throw DomainError(.notFound, "no product with id \(productID)")
        }
        let data: Data
        do {
            data = try Data(contentsOf: file, options: .mappedIfSafe)
        } catch {
            throw DomainError(.invalidInput, "cannot read \(file.path)")
        }
        let path = "\(slug)/\(slug)-\(version)\(Self.fileExtension(of: file))"
        try Self.write(data, to: downloadsDirectory.appendingPathComponent(path))
        let release = Release(
            productID: productID,
            version: version,
            path: path,
            sizeBytes: Int64(data.count),
            sha256: SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        )
        try connection.withTransaction { transaction in
            let inserted = try transaction.query(
                """
                INSERT INTO product_releases (product_id, version, path, size_bytes, sha256, created_by)
                VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
                """,
                [productID.sql, version, path, release.sizeBytes.sql, release.sha256, actor]
            )
            let file: JSONValue = .object([
                "id": .string(inserted.string(row: 0, column: 0) ?? ""), "driver": "local", "path": .string(path),
                "url": "",
            ])
            try transaction.query(
                """
                INSERT INTO product_license_settings (product_id, settings, changelog)
                VALUES ($1, jsonb_build_object('enabled', 'no', 'version', $2::text, 'global_update_file', $3::jsonb),
                        coalesce($4, ''))
                ON CONFLICT (product_id) DO UPDATE
                SET settings = product_license_settings.settings
                        || jsonb_build_object('version', $2::text, 'global_update_file', $3::jsonb),
                    changelog = coalesce($4, product_license_settings.changelog),
                    updated_at = now()
                """,
                [productID.sql, version, file.serialized, changelog]
            )
            try transaction.query("UPDATE products SET updated_at = now() WHERE id = $1", [productID.sql])
            try AuditLog.record(
                transaction,
                actor: actor,
                action: "product.release",
                objectType: "product",
                objectID: productID,
                before: nil,
                after: .object([
                    "version": .string(version), "path": .string(path), "size_bytes": .integer(release.sizeBytes),
                    "sha256": .string(release.sha256),
                ])
            )
        }
        return release
    }

    /// Versions become part of a file name and a URL: a conservative alphabet.
    static func isValidVersion(_ version: String) -> Bool {
        (1...64).contains(version.utf8.count)
            && version.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "+"),
                    UInt8(ascii: "-"):
                    return true
                default:
                    return false
                }
            } && version.first != "."
    }

    /// The source's extension (`.zip`, `.tar.gz`), lower-cased and kept only when it is plain letters and digits.
    static func fileExtension(of file: URL) -> String {
        let name = file.lastPathComponent.lowercased()
        for compound in [".tar.gz", ".tar.bz2", ".tar.xz"] where name.hasSuffix(compound) { return compound }
        let ext = file.pathExtension.lowercased()
        guard !ext.isEmpty, ext.count <= 10,
            ext.unicodeScalars.allSatisfy({ $0.properties.isASCIIHexDigit || ("a"..."z").contains($0) })
        else { return "" }
        return "." + ext
    }

    private static func write(_ data: Data, to destination: URL) throws {
        let directory = destination.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let temporary = directory.appendingPathComponent(".\(destination.lastPathComponent).\(getpid()).tmp")
            try data.write(to: temporary)
            // World-readable: nginx's workers (often another user) read it.
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: temporary.path)
            if rename(temporary.path, destination.path) != 0 {
                try? FileManager.default.removeItem(at: temporary)
                throw DomainError(.internalFailure, "cannot move the release into \(directory.path)")
            }
        } catch let error as DomainError {
            throw error
        } catch {
            throw DomainError(.invalidInput, "cannot write under \(directory.path): \(error.localizedDescription)")
        }
    }
}

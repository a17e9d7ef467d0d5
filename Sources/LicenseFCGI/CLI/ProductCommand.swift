import ArgumentParser
import Domain
import Foundation

struct ProductCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "product",
        abstract: "Manage products.",
        subcommands: [Create.self, Release.self]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a product with one default variation and its license settings."
        )

        @OptionGroup var database: DatabaseOptions
        @Option var title: String
        @Option(help: "Default: the title in lower case, other characters as dashes.") var slug: String?
        @Option var version: String?
        @Option(help: "on|off (default off)") var licensing: String?
        @Option(help: "Key prefix, [A-Za-z0-9_-]{0,32}.") var prefix: String?
        @Option(name: .customLong("activation-limit")) var activationLimit: Int64?
        @Option(help: "lifetime or \"N day|week|month|year\" (default lifetime).") var validity: String?
        @Option var description: String?
        @Flag(name: .customLong("no-license-settings"), help: "Create the product without a license-settings record.")
        var noLicenseSettings = false

        func validate() throws {
            if noLicenseSettings,
                version != nil || licensing != nil || prefix != nil || activationLimit != nil
                    || validity != nil
            {
                throw ValidationError("--no-license-settings cannot be combined with license settings flags")
            }
            if let validity, Validity(parsing: validity) == nil {
                throw ValidationError("--validity must be lifetime or \"N day|week|month|year\"")
            }
            if let licensing { _ = try CLIOutput.onOff(licensing) }
        }

        func run() throws {
            try CLIOutput.run {
                let settings =
                    noLicenseSettings
                    ? nil
                    : NewProduct.LicenseSettings(
                        enabled: try licensing.map(CLIOutput.onOff) ?? false,
                        version: version ?? "",
                        prefix: prefix ?? "",
                        activationLimit: activationLimit,
                        validity: validity.flatMap(Validity.init(parsing:)) ?? .lifetime
                    )
                let product = try ProductStore(connection: try database.connect()).create(
                    NewProduct(title: title, slug: slug, description: description ?? "", licenseSettings: settings),
                    actor: CLIOutput.actor
                )
                return product.json
            }
        }
    }

    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store a release file under DOWNLOADS_DIR and make it the product's update package."
        )

        @OptionGroup var database: DatabaseOptions
        @Option var product: Int64
        @Option var version: String
        @Option(help: "The package (usually a .zip).") var file: String
        @Option(help: "A file whose content (HTML) becomes the changelog.") var changelog: String?
        @Option(
            name: .customLong("downloads-dir"),
            help:
                "Default: $DOWNLOADS_DIR, then the folder the running server announced, then \(DownloadsDirectory.fallback)."
        )
        var downloadsDirectory: String?

        func run() throws {
            try CLIOutput.run {
                let changelogText = try changelog.map { path in
                    do {
                        return try String(contentsOfFile: path, encoding: .utf8)
                    } catch {
                        throw DomainError(.invalidInput, "cannot read the changelog \(path)")
                    }
                }
                let connection = try database.connect()
                let directory = try DownloadsDirectory.resolve(option: downloadsDirectory, connection: connection)
                let release = try ReleaseStore(connection: connection).publish(
                    productID: product,
                    version: version,
                    file: URL(fileURLWithPath: file),
                    changelog: changelogText,
                    downloadsDirectory: URL(fileURLWithPath: directory),
                    actor: CLIOutput.actor
                )
                return release.json
            }
        }
    }
}

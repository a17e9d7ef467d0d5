import ArgumentParser
import Domain

struct LicenseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "license",
        abstract: "Issue and change licenses.",
        subcommands: [Create.self, Set.self]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue a license (or import one with --key).")

        @OptionGroup var database: DatabaseOptions
        @Option var product: Int64
        @Option var variation: Int64?
        @Option var customer: Int64?
        @Option(help: "Sites allowed; 0 = unlimited (default: the variation's setting).") var limit: Int64?
        @Option(help: "lifetime, YYYY-MM-DD or \"YYYY-MM-DD HH:MM:SS\" (UTC).") var expires: String?
        @Option(help: "inactive|active|disabled|expired") var status = "inactive"
        @Option(help: "The one IP the key may be checked from; turns the IP lock on.") var ip: String?
        @Option(help: "Import this key ([A-Za-z0-9_-]{8,192}).") var key: String?

        func validate() throws {
            guard LicenseStatus(rawValue: status) != nil else { throw ValidationError("unknown --status \(status)") }
            if let expires, ExpiryInput(parsing: expires) == nil { throw ValidationError("unreadable --expires") }
            if let ip, IPAddress(ip) == nil { throw ValidationError("--ip must be an IPv4 or IPv6 address") }
            if let key, LicenseKey(key) == nil { throw ValidationError("--key must match [A-Za-z0-9_-]{8,192}") }
        }

        func run() throws {
            try CLIOutput.run {
                let new = NewLicense(
                    productID: product,
                    variationID: variation,
                    customerID: customer,
                    limit: limit,
                    expires: expires.flatMap(ExpiryInput.init(parsing:)),
                    status: LicenseStatus(rawValue: status)!,
                    ip: ip.flatMap(IPAddress.init),
                    key: key.flatMap(LicenseKey.init)
                )
                return try LicenseStore(connection: try database.connect()).create(new, actor: CLIOutput.actor).json
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a license's FaxStore fields, status, expiry or limit."
        )

        @OptionGroup var database: DatabaseOptions
        @Option var id: Int64
        @Option var ip: String?
        @Flag(name: .customLong("no-ip"), help: "Clear the IP (also turns the lock off).") var noIP = false
        @Option(name: .customLong("ip-lock"), help: "on|off") var ipLock: String?
        @Option(name: .customLong("owner-enabled"), help: "on|off") var ownerEnabled: String?
        @Option(help: "inactive|active|disabled|expired") var status: String?
        @Option(help: "lifetime, YYYY-MM-DD or \"YYYY-MM-DD HH:MM:SS\" (UTC).") var expires: String?
        @Option var limit: Int64?

        func validate() throws {
            if ip != nil && noIP { throw ValidationError("--ip and --no-ip exclude each other") }
            if let ip, IPAddress(ip) == nil { throw ValidationError("--ip must be an IPv4 or IPv6 address") }
            if let status, LicenseStatus(rawValue: status) == nil {
                throw ValidationError("unknown --status \(status)")
            }
            if let expires, ExpiryInput(parsing: expires) == nil { throw ValidationError("unreadable --expires") }
            if let ipLock { _ = try CLIOutput.onOff(ipLock) }
            if let ownerEnabled { _ = try CLIOutput.onOff(ownerEnabled) }
        }

        func run() throws {
            try CLIOutput.run {
                let changes = LicenseChanges(
                    ip: noIP ? .clear : ip.flatMap(IPAddress.init).map { .set($0) },
                    ipLock: try ipLock.map(CLIOutput.onOff),
                    ownerEnabled: try ownerEnabled.map(CLIOutput.onOff),
                    status: status.flatMap(LicenseStatus.init(rawValue:)),
                    expires: expires.flatMap(ExpiryInput.init(parsing:)),
                    limit: limit
                )
                return try LicenseStore(connection: try database.connect()).update(
                    id: id,
                    changes,
                    actor: CLIOutput.actor
                )
                .json
            }
        }
    }
}

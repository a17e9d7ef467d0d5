import ArgumentParser
import Domain

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage REST API users and their application passwords.",
        subcommands: [Create.self, Password.self]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user; prints its application password once."
        )

        @OptionGroup var database: DatabaseOptions
        @Option var login: String
        @Option var email: String
        @Option(help: "administrator|super_admin|manager|worker|accountant|customer") var role: String
        @Option(help: "Link this existing customer to the user.") var customer: Int64?

        func validate() throws {
            guard UserRole(rawValue: role) != nil else { throw ValidationError("unknown --role \(role)") }
        }

        func run() throws {
            try CLIOutput.run {
                let (user, password) = try UserStore(connection: try database.connect()).create(
                    login: login,
                    email: email,
                    role: UserRole(rawValue: role)!,
                    customerID: customer,
                    actor: CLIOutput.actor
                )
                guard case .object(var object) = user.json else { return user.json }
                object["application_password"] = .string(password.rawValue)
                return .object(object)
            }
        }
    }

    struct Password: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue another application password for a user; prints it once."
        )

        @OptionGroup var database: DatabaseOptions
        @Option var login: String

        func run() throws {
            try CLIOutput.run {
                let (user, password) = try UserStore(connection: try database.connect()).issuePassword(
                    login: login,
                    actor: CLIOutput.actor
                )
                return .object([
                    "id": .integer(user.id), "login": .string(user.login),
                    "application_password": .string(password.rawValue),
                ])
            }
        }
    }
}

import ArgumentParser
import Domain

struct CustomerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customer",
        abstract: "Manage customers.",
        subcommands: [Create.self]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a customer.")

        @OptionGroup var database: DatabaseOptions
        @Option var email: String
        @Option(name: .customLong("first-name")) var firstName = ""
        @Option(name: .customLong("last-name")) var lastName = ""

        func run() throws {
            try CLIOutput.run {
                try CustomerStore(connection: try database.connect()).create(
                    email: email,
                    firstName: firstName,
                    lastName: lastName,
                    actor: CLIOutput.actor
                ).json
            }
        }
    }
}

import ArgumentParser

@main
struct LicenseFCGICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "license-fcgi",
        abstract: "License server: FastCGI workers for nginx, and the admin command line.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, ProductCommand.self, CustomerCommand.self, LicenseCommand.self,
            UserCommand.self,
        ]
    )
}

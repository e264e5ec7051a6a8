import CaracalApplyCLI
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let environment = ProcessInfo.processInfo.environment
// This binary leaves out the HTTP client (FoundationNetworking, libcurl) to start quickly;
// caracal-apply-remote, built beside it, has it.
if CLI.targetsRemoteRuntime(arguments: arguments, environment: environment) {
    exit(CLI.runRemoteCompanion(arguments: arguments, environment: environment, io: .standard))
}
exit(await CLI.run(arguments: arguments, environment: environment, io: .standard))

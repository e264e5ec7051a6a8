import CaracalApplyCLI
import CaracalRuntimeRemote
import Foundation

exit(await CLI.run(
    arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment, io: .standard,
    remote: { url, token in RemoteRuntime(client: AdminAPIClient(baseURL: url, token: token)) }
))

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `caracal-apply-remote`, the build of the tool that links the HTTP client, as `git` has
/// `git-remote-https`: `caracal-apply` leaves FoundationNetworking (and libcurl) out so that
/// it starts quickly, and hands remote-runtime invocations to this binary.
struct RemoteCompanion {
    /// The companion's file name.
    static let name = "caracal-apply-remote"

    /// Where the companion lives.
    let path: String

    /// The companion in the folder of the running executable (symbolic links resolved).
    static func besideThisExecutable() -> RemoteCompanion {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        let folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        return RemoteCompanion(path: folder.appendingPathComponent(name).path)
    }

    /// Replaces this process with the companion, passing `arguments` (after the program name);
    /// the environment and open files are inherited.
    ///
    /// - Returns: Only on failure: why, completing "…, but …".
    func exec(arguments: [String]) -> String {
        var argv = ([path] + arguments).map { strdup($0) } + [nil]
        execv(path, &argv)
        let code = errno
        for pointer in argv { free(pointer) }
        if code == ENOENT { return "'\(path)' does not exist" }
        return "'\(path)' could not be started (\(String(cString: strerror(code))))"
    }
}

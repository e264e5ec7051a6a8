import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, for tests that run binaries.
///
/// Foundation's `Process.run()` lists `/proc/self/fd` to close inherited descriptors and copies
/// each directory entry's whole 256-byte name field, reading past the end of the entry; with
/// many descriptors open (the HTTP tests hold many sockets) a run crashed there. This launcher
/// asks the kernel to close every descriptor above standard error in the child instead.
public final class ChildProcess: @unchecked Sendable {
    /// Where one of the child's standard streams goes.
    public enum Stream: Sendable {
        /// `/dev/null`.
        case null
        /// A file, opened for writing (it must exist).
        case file(String)
        /// A pipe whose reading end is ``ChildProcess/output``.
        case pipe
    }

    /// How the child ended.
    public struct Termination: Sendable, Equatable {
        /// The exit status, or the signal number when ``signaled``.
        public var status: Int32
        public var signaled: Bool
    }

    public let pid: pid_t
    /// The reading end of standard output when it is ``Stream/pipe``.
    public let output: FileHandle?
    // Guards `termination`: set once by whichever of `wait` and `isRunning` reaps the child.
    private let lock = NSLock()
    private var termination: Termination?

    /// Starts `executable` with `arguments` and exactly `environment`, in `directory`.
    public init(executable: String, arguments: [String], environment: [String: String], directory: String, stdout: Stream, stderr: Stream) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var pipeEnds: [Int32] = [-1, -1]
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        for (descriptor, stream) in [(Int32(1), stdout), (Int32(2), stderr)] {
            switch stream {
            case .null:
                posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", O_WRONLY, 0)
            case .file(let path):
                posix_spawn_file_actions_addopen(&actions, descriptor, path, O_WRONLY | O_APPEND, 0)
            case .pipe:
                guard pipe(&pipeEnds) == 0 else { throw ChildProcessError("pipe failed: errno \(errno)") }
                posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], descriptor)
            }
        }
        guard Self.addChdir(&actions, directory) == 0, Self.addCloseFrom(&actions, 3) == 0 else {
            throw ChildProcessError("posix_spawn cannot change directory or close descriptors here")
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        if pipeEnds[1] >= 0 { close(pipeEnds[1]) }
        guard result == 0 else {
            if pipeEnds[0] >= 0 { close(pipeEnds[0]) }
            throw ChildProcessError("posix_spawn of \(executable) failed: \(String(cString: strerror(result)))")
        }
        self.pid = pid
        output = pipeEnds[0] >= 0 ? FileHandle(fileDescriptor: pipeEnds[0], closeOnDealloc: true) : nil
    }

    deinit {
        if isRunning { kill(pid, SIGKILL) }
    }

    /// Whether the child has not ended yet.
    public var isRunning: Bool {
        lock.withLock {
            if termination != nil { return false }
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { return true }
            termination = Self.termination(status)
            return false
        }
    }

    /// Sends `signal` to the child.
    public func send(_ signal: Int32) {
        _ = kill(pid, signal)
    }

    /// Blocks until the child ends.
    public func wait() -> Termination {
        if let done = lock.withLock({ termination }) { return done }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else {
                // Reaped meanwhile by `isRunning`.
                return lock.withLock { termination } ?? Termination(status: -1, signaled: false)
            }
        }
        let done = Self.termination(status)
        lock.withLock { termination = done }
        return done
    }

    private static func termination(_ status: Int32) -> Termination {
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which are C macros.
        let signal = status & 0x7F
        return signal == 0 ? Termination(status: (status >> 8) & 0xFF, signaled: false) : Termination(status: signal, signaled: true)
    }

    // glibc has these, but Swift's Glibc module does not declare them.
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    private static func addChdir(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ directory: String) -> Int32 {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return -1 }
        return unsafeBitCast(symbol, to: AddChdir.self)(actions, directory)
    }

    private static func addCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ lowest: Int32) -> Int32 {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return -1 }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)(actions, lowest)
    }
}

/// Why a child process could not be started.
public struct ChildProcessError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

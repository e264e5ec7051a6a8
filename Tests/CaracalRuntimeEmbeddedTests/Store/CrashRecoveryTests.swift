import CaracalRuntime
import Foundation
import Glibc
import Testing
import TestSupport
@testable import CaracalRuntimeEmbedded

/// A writer process is SIGKILLed at a random moment; the state must load and hold every write
/// the writer saw acknowledged.
///
/// The writer is this test executable, relaunched to run only ``CrashChild/writeUntilKilled()``
/// (enabled by an environment variable), which reports each acknowledged write on stdout.
struct CrashRecoveryTests {
    static let childVariable = "CARACAL_STORE_CRASH_CHILD_DIR"

    @Test(arguments: 1...4)
    func stateLoadsAfterTheWriterIsKilled(trial: Int) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let executable = try #require(try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        var environment = ProcessInfo.processInfo.environment
        environment[Self.childVariable] = directory.path
        let child = try ChildProcess(
            executable: executable, arguments: ["--testing-library", "swift-testing", "--filter", "CrashChild/writeUntilKilled"],
            environment: environment, directory: FileManager.default.currentDirectoryPath, stdout: .pipe, stderr: .null)
        let output = try #require(child.output)

        // Kill after a random number of acknowledged writes: sometimes mid-sync, sometimes
        // mid-compaction (the child compacts every few kilobytes).
        let killAfter = Int.random(in: 1...(trial * 150))
        var acknowledged: Set<String> = []
        var buffer = ""
        var killed = false
        while true {
            let data = output.availableData
            if data.isEmpty { break }
            buffer += String(decoding: data, as: UTF8.self)
            while let newline = buffer.firstIndex(of: "\n") {
                let line = buffer[..<newline]
                buffer = String(buffer[buffer.index(after: newline)...])
                if line.hasPrefix("acked ") { acknowledged.insert(String(line.dropFirst(6))) }
            }
            if !killed, acknowledged.count >= killAfter {
                child.send(SIGKILL)
                killed = true
            }
        }
        let termination = child.wait()
        #expect(killed)
        #expect(termination.signaled)

        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let zones = try await runtime.list(.zone, zoneID: nil)
        #expect(zones.count == 1)
        let zone = try #require(zones.first)
        let names = Set(try await runtime.list(.application, zoneID: zone.id).compactMap { $0.string("name") })
        #expect(acknowledged.isSubset(of: names))
        // The recovered state accepts writes and survives another reopen.
        _ = try await runtime.create(.application, zoneID: zone.id, body: ["name": .string("after-crash"), "registration_method": .string("managed")])
        try await runtime.close()
        let again = try EmbeddedRuntime.open(directory: directory.path)
        #expect(try await again.list(.application, zoneID: zone.id).count == names.count + 1)
        try await again.close()
    }
}

/// The writer side of ``CrashRecoveryTests``; runs only in the child process.
struct CrashChild {
    @Test(.enabled(if: ProcessInfo.processInfo.environment[CrashRecoveryTests.childVariable] != nil))
    func writeUntilKilled() async throws {
        let path = try #require(ProcessInfo.processInfo.environment[CrashRecoveryTests.childVariable])
        let runtime = try EmbeddedRuntime.open(directory: path, options: .init(compactionThreshold: 8 << 10))
        let zone = try await runtime.makeZone("crash")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    var index = 0
                    while true {
                        let name = "w\(writer)-\(index)"
                        _ = try await runtime.create(.application, zoneID: zone, body: [
                            "name": .string(name), "registration_method": .string("managed"),
                        ])
                        let line = Array("acked \(name)\n".utf8)
                        _ = line.withUnsafeBytes { Glibc.write(1, $0.baseAddress!, $0.count) }
                        index += 1
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}

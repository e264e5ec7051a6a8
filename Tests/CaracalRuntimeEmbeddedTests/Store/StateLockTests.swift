import CaracalRuntime
import Foundation
import Glibc
import Testing
@testable import CaracalRuntimeEmbedded

struct StateLockTests {
    @Test func secondWriterFailsAtOnceNamingTheHolder() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let holder = try EmbeddedRuntime.open(directory: directory.path, options: .init(command: "caracal-apply apply"))
        let error = await runtimeError { try EmbeddedRuntime.open(directory: directory.path) }
        #expect(error?.code == "state_locked")
        #expect(error?.status == 409)
        let message = error?.message ?? ""
        #expect(message.contains("locked by pid \(getpid()) (caracal-apply apply), started "))
        #expect(message.contains(directory.path))
        #expect(message.contains("--lock-timeout"))
        try await holder.close()
    }

    @Test func lockIsReleasedWhenTheHolderCloses() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let holder = try EmbeddedRuntime.open(directory: directory.path)
        try await holder.close()
        let next = try EmbeddedRuntime.open(directory: directory.path)
        #expect(try await next.list(.zone, zoneID: nil).isEmpty)
        try await next.close()
        #expect(await runtimeError { try await holder.list(.zone, zoneID: nil) }?.code == "state_closed")
    }

    @Test func lockIsReleasedWhenAnUnclosedRuntimeIsDropped() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        do {
            let dropped = try EmbeddedRuntime.open(directory: directory.path)
            _ = try await dropped.makeZone("kept")
        }
        let next = try EmbeddedRuntime.open(directory: directory.path)
        #expect(try await next.list(.zone, zoneID: nil).count == 1)
        try await next.close()
    }

    @Test func waitingOpenerGivesUpAfterItsTimeout() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let holder = try EmbeddedRuntime.open(directory: directory.path, options: .init(command: "caracal-apply apply"))
        let error = await runtimeError { try EmbeddedRuntime.open(directory: directory.path, options: .init(lockTimeout: 0.05)) }
        #expect(error?.code == "state_locked")
        #expect(error?.message.contains("still locked by pid") == true)
        try await holder.close()
    }

    @Test func waitingOpenerGetsTheLockOnceItIsReleased() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let holder = try EmbeddedRuntime.open(directory: directory.path)
        let path = directory.path
        let waiter = Task.detached { try EmbeddedRuntime.open(directory: path, options: .init(lockTimeout: 60)) }
        try await holder.close()
        let opened = try await waiter.value
        #expect(try await opened.list(.zone, zoneID: nil).isEmpty)
        try await opened.close()
    }

    @Test func readersDoNotNeedTheLock() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let holder = try EmbeddedRuntime.open(directory: directory.path)
        _ = try await holder.makeZone("prod")
        let reader = try EmbeddedRuntime.open(directory: directory.path, options: .init(readOnly: true))
        #expect(try await reader.list(.zone, zoneID: nil).count == 1)
        try await holder.close()
    }
}

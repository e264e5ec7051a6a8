import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The file `serve` reads its admin token from, or creates with a new token (mode 0600) when
/// it does not exist.
public struct AdminTokenFile: Sendable {
    /// The file's path.
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The token in the file, creating the file with a new random token first when it is missing.
    ///
    /// - Returns: The token and whether the file was created now.
    /// - Throws: A sentence naming the file when it cannot be read or created, or is empty.
    public func loadOrCreate() throws(AdminTokenFileError) -> (token: String, created: Bool) {
        if FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw AdminTokenFileError(message: "The admin token file '\(path)' cannot be read.")
            }
            let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty, !token.contains(where: \.isWhitespace) else {
                throw AdminTokenFileError(message: "The admin token file '\(path)' must hold one token on one line; delete it to have serve generate one.")
            }
            return (token, false)
        }
        let token = AdminToken.newSecret()
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw AdminTokenFileError(message: "The admin token file '\(path)' cannot be created: \(String(cString: strerror(errno))).")
        }
        defer { close(descriptor) }
        let bytes = Array((token + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            unlink(path)
            throw AdminTokenFileError(message: "The admin token file '\(path)' could not be written: \(String(cString: strerror(errno))).")
        }
        return (token, true)
    }
}

/// Why the admin token file could not be used.
public struct AdminTokenFileError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

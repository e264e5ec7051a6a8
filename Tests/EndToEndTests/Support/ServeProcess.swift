import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `caracal-apply serve` running as its own process on a free loopback port.
struct ServeProcess {
    let running: Binary.Running
    let url: String
    let token: String
    let tokenFile: URL

    /// Starts serve for `workspace`'s state with `extra` arguments and waits until it listens.
    static func start(in workspace: Workspace, _ extra: [String] = []) throws -> ServeProcess {
        let tokenFile = workspace.file("admin-token")
        let running = try Binary.Running(
            ["serve", "--runtime", "embedded:\(workspace.stateDirectory)", "--listen", "127.0.0.1:0", "--admin-token-file", tokenFile.path] + extra,
            in: workspace.url)
        var url: String?
        let listening = waitUntil(seconds: 60) {
            let output = String(decoding: (try? Data(contentsOf: running.stdoutURL)) ?? Data(), as: UTF8.self)
            url = output.split(separator: "\n").first.flatMap { line in
                line.hasPrefix("Listening on ") ? String(line.dropFirst("Listening on ".count)) : nil
            }
            return url != nil || !running.isRunning
        }
        guard listening, let url else {
            running.send(SIGKILL)
            throw E2EError("serve did not start listening: \(running.stderrSoFar())")
        }
        let token = try String(contentsOf: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return ServeProcess(running: running, url: url, token: token, tokenFile: tokenFile)
    }

    /// Stops serve with SIGTERM, as a service manager would, and returns what it wrote.
    func stop() async throws -> Binary.Result {
        running.send(SIGTERM)
        return try await running.waitAsync()
    }

    /// The client's environment: the token, and the secrets the manifests reference.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        extra.merging(["CARACAL_ADMIN_TOKEN": token]) { $1 }
    }

    /// A request straight to the Admin API, as a user's script would send it.
    func request(_ method: String, _ path: String, body: String? = nil) async throws -> (status: Int, json: Any?) {
        var request = URLRequest(url: URL(string: url + path)!)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data.isEmpty ? nil : try? JSONSerialization.jsonObject(with: data))
    }

    /// The `items` of a list request (one page of up to 500).
    func items(_ path: String) async throws -> [[String: Any]] {
        let (status, json) = try await request("GET", path + (path.contains("?") ? "&" : "?") + "limit=500")
        guard status == 200, let items = (json as? [String: Any])?["items"] as? [[String: Any]] else {
            throw E2EError("GET \(path) answered \(status)")
        }
        return items
    }
}

struct E2EError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

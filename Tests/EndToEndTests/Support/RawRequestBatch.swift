import Foundation

/// One request exactly as a hostile client would write it: any method, a request target sent verbatim (so `..`,
/// `//`, `%2f` and `%00` reach nginx as written), repeated headers, and any body bytes.
struct RawRequest: Sendable {
    /// Scheme, host and port, e.g. `Stack.baseURL`.
    var baseURL: String
    var method: String
    /// The request line's target, e.g. `/api/check/1?log=false`.
    var target: String
    /// Sent in order; a name may repeat.
    var headers: [Header] = []
    /// Nil: no body and no `Content-Type` unless a header names one.
    var body: Data? = nil

    struct Header: Sendable {
        var name: String
        var value: String
    }
}

extension RawRequest {
    /// A request whose body, when there is one, brings its own `Content-Type` header (after `headers`).
    init(
        baseURL: String = Stack.baseURL,
        method: String,
        target: String,
        headers: [Header] = [],
        body: (Data, contentType: String?)?
    ) {
        var headers = headers
        if let contentType = body?.contentType { headers.append(Header(name: "Content-Type", value: contentType)) }
        self.init(baseURL: baseURL, method: method, target: target, headers: headers, body: body?.0)
    }
}

/// What curl saw for one request of a batch.
struct RawAnswer: Sendable {
    /// 0 when no HTTP answer came (timeout, reset).
    var status: Int
    var contentType: String
    var body: Data
    /// curl's exit code for this transfer: 0, or e.g. 28 for a timeout.
    var curlExitCode: Int
    var curlError: String
}

/// Sends many raw requests through one curl process (`--parallel`, keep-alive connections): thousands of requests
/// take seconds instead of a process and a TLS handshake each, and every one still crosses nginx, TLS and FastCGI.
enum RawRequestBatch {
    /// Sends `requests` with at most `parallel` in flight, each given `timeout` seconds; answers in request order.
    ///
    /// The requests are shared among `processes` curl processes, because one curl does all its TLS on one core.
    static func send(
        _ requests: [RawRequest],
        parallel: Int = 16,
        processes: Int = 4,
        timeout: Int = 15
    ) async throws -> [RawAnswer] {
        let shards = max(1, min(processes, parallel))
        let answers = try await withThrowingTaskGroup(of: (Int, [RawAnswer]).self) { group in
            for shard in 0..<shards {
                let part = Array(stride(from: shard, to: requests.count, by: shards).map { requests[$0] })
                group.addTask {
                    (shard, try await sendOneProcess(part, parallel: max(1, parallel / shards), timeout: timeout))
                }
            }
            return try await group.reduce(into: [Int: [RawAnswer]]()) { $0[$1.0] = $1.1 }
        }
        return requests.indices.map { answers[$0 % shards]![$0 / shards] }
    }

    private static func sendOneProcess(
        _ requests: [RawRequest],
        parallel: Int,
        timeout: Int
    ) async throws -> [RawAnswer] {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("e2e-batch-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        var config = "silent\nshow-error\nparallel\nparallel-immediate\nparallel-max = \(parallel)\n"
        var bodyFiles: [Data: String] = [:]
        for (index, request) in requests.enumerated() {
            if index > 0 { config += "next\n" }
            config += "url = \(quoted(request.baseURL + "/"))\n"
            config += "request-target = \(quoted(request.target))\n"
            config += "request = \(quoted(request.method))\n"
            config += "http1.1\ngloboff\npath-as-is\nmax-time = \(timeout)\n"
            if let certificate = Stack.caCertificate {
                config += "cacert = \(quoted(certificate))\n"
            } else {
                config += "insecure\n"
            }
            for header in request.headers {
                config +=
                    "header = \(quoted(header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)"))\n"
            }
            if let body = request.body {
                // Same bytes, same file: the 1 MiB bodies are written once.
                let path = bodyFiles[body] ?? folder.appendingPathComponent("body-\(bodyFiles.count)").path
                if bodyFiles[body] == nil {
                    _ = FileManager.default.createFile(atPath: path, contents: body)
                    bodyFiles[body] = path
                }
                config += "data-binary = \(quoted("@" + path))\n"
                if !request.headers.contains(where: { $0.name.lowercased() == "content-type" }) {
                    config += "header = \"Content-Type:\"\n"
                }
            }
            config += "output = \(quoted(folder.appendingPathComponent("answer-\(index)").path))\n"
            config += "write-out = \"\(index)\\t%{http_code}\\t%{exitcode}\\t%{content_type}\\t%{errormsg}\\n\"\n"
        }
        let configPath = folder.appendingPathComponent("curl.config").path
        _ = FileManager.default.createFile(atPath: configPath, contents: Data(config.utf8))

        let output = try await Subprocess.run("/usr/bin/curl", ["--config", configPath])
        var answers = [RawAnswer?](repeating: nil, count: requests.count)
        for line in output.stdoutText.split(separator: "\n", omittingEmptySubsequences: true) {
            let fields = line.split(separator: "\t", maxSplits: 4, omittingEmptySubsequences: false)
            guard fields.count == 5, let index = Int(fields[0]), answers.indices.contains(index) else { continue }
            let body = FileManager.default.contents(atPath: folder.appendingPathComponent("answer-\(index)").path)
            answers[index] = RawAnswer(
                status: Int(fields[1]) ?? 0,
                contentType: String(fields[3]),
                body: body ?? Data(),
                curlExitCode: Int(fields[2]) ?? -1,
                curlError: String(fields[4])
            )
        }
        return answers.map {
            $0
                ?? RawAnswer(
                    status: 0,
                    contentType: "",
                    body: Data(),
                    curlExitCode: -1,
                    curlError: "curl reported nothing"
                )
        }
    }

    /// A curl config string: double quotes, with backslash, quote and line breaks escaped; other bytes as they are.
    private static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text.unicodeScalars {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result.unicodeScalars.append(character)
            }
        }
        return result + "\""
    }
}

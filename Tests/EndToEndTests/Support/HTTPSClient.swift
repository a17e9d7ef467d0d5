import Foundation

/// A request body and the `Content-Type` it is sent with.
enum RequestBody: Sendable {
    case none
    /// Sent as `application/json`.
    case json(String)
    /// Sent as `application/x-www-form-urlencoded`.
    case form(String)
    /// Sent with the given `Content-Type`, or with no `Content-Type` header at all when it is nil.
    case raw(Data, contentType: String?)
}

/// Talks to nginx over TLS by running `/usr/bin/curl`, so that every request crosses the real TLS, nginx and
/// FastCGI path. Each call is one curl process and one connection.
struct HTTPSClient: Sendable {
    var baseURL: String
    /// The local address requests leave from (curl `--interface`), e.g. `127.0.0.2`: nginx then sees another client
    /// address on loopback. Nil: the system's choice (127.0.0.1).
    var sourceAddress: String? = nil

    /// The main stack: V1 off, no `PUBLIC_BASE_URL`.
    static var main: HTTPSClient { HTTPSClient(baseURL: Stack.baseURL) }

    /// The V1 stack: `--faxstore-v1`, `PUBLIC_BASE_URL=https://licenses.example.test`, same database.
    static var v1: HTTPSClient { HTTPSClient(baseURL: Stack.v1BaseURL) }

    /// Sends one request.
    ///
    /// - Parameters:
    ///   - key: sent as the raw `Authorization` header value when not nil.
    ///   - headers: further headers; an empty value sends the header with an empty value (curl's `Name;` form).
    func send(
        _ method: String = "POST",
        _ path: String,
        key: String? = nil,
        headers: [String: String] = [:],
        body: RequestBody = .none
    ) async throws -> HTTPResponse {
        // `--globoff`: brackets in a query (`proIds[]=8`) are data, not curl's URL globbing.
        var arguments = ["-sS", "--globoff", "--max-time", "30", "-D", "-", "-X", method]
        if let sourceAddress {
            arguments += ["--interface", sourceAddress]
        }
        if let certificate = Stack.caCertificate {
            arguments += ["--cacert", certificate]
        } else {
            arguments.append("-k")
        }
        var allHeaders = headers
        if let key { allHeaders["Authorization"] = key }

        var stdin: Data?
        switch body {
        case .none:
            break
        case .json(let text):
            allHeaders["Content-Type"] = allHeaders["Content-Type"] ?? "application/json"
            stdin = Data(text.utf8)
        case .form(let text):
            allHeaders["Content-Type"] = allHeaders["Content-Type"] ?? "application/x-www-form-urlencoded"
            stdin = Data(text.utf8)
        case .raw(let data, let contentType):
            if let contentType {
                allHeaders["Content-Type"] = contentType
            } else {
                // `Name:` with nothing after it makes curl drop the header it would add by itself.
                arguments += ["-H", "Content-Type:"]
            }
            stdin = data
        }
        for (name, value) in allHeaders.sorted(by: { $0.key < $1.key }) {
            arguments += ["-H", value.isEmpty ? "\(name);" : "\(name): \(value)"]
        }
        if stdin != nil {
            arguments += ["--data-binary", "@-"]
        }
        arguments.append(baseURL + path)

        let output = try await WorkerGate.shared.whileRequesting { [arguments, stdin] in
            try await Subprocess.run("/usr/bin/curl", arguments, stdin: stdin)
        }
        guard output.exitStatus == 0 else {
            let failure = "curl \(method) \(path) exited \(output.exitStatus): \(output.stderrText)"
            throw SubprocessError(description: failure)
        }
        return try HTTPResponse(parsing: output.stdout)
    }
}

/// One HTTP answer as curl saw it.
struct HTTPResponse: Sendable, CustomStringConvertible {
    var status: Int
    /// Header fields by lower-cased name; a repeated field keeps its last value.
    var headers: [String: String]
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }

    var description: String { "HTTP \(status) \(text)" }

    /// Looks a header up ignoring case.
    func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }

    /// The body as a JSON object, or nil when it is not one.
    var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])) as? [String: Any]
    }

    /// The sorted keys of the JSON object body (empty when the body is not a JSON object).
    var jsonKeys: [String] {
        json?.keys.sorted() ?? []
    }

    /// The body read as a FaxStore answer, or nil when it is not one (`pass` must be a real boolean and `proId` a
    /// number).
    var decision: Decision? {
        try? JSONDecoder().decode(Decision.self, from: body)
    }

    /// Splits `curl -D -` output: one or more header blocks (`100 Continue` first, maybe), then the body.
    init(parsing output: Data) throws {
        var rest = output[...]
        let separator = Data("\r\n\r\n".utf8)
        var status = 0
        var headers: [String: String] = [:]
        while rest.starts(with: Data("HTTP/".utf8)) {
            guard let end = rest.firstRange(of: separator) else { break }
            let block = String(decoding: rest[rest.startIndex..<end.lowerBound], as: UTF8.self)
            rest = rest[end.upperBound...]
            var lines = block.components(separatedBy: "\r\n")
            let statusLine = lines.removeFirst().split(separator: " ")
            status = statusLine.count > 1 ? Int(statusLine[1]) ?? 0 : 0
            headers = [:]
            for line in lines {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let name = line[..<colon].lowercased()
                headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            if !(100..<200).contains(status) { break }
        }
        guard status != 0 else {
            let start = String(decoding: output.prefix(200), as: UTF8.self)
            throw SubprocessError(description: "curl printed no status line: \(start)")
        }
        self.status = status
        self.headers = headers
        self.body = Data(rest)
    }
}

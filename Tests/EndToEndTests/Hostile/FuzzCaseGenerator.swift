import Foundation

/// Makes the fuzz test's requests: each route family's own way of being wrong (in `FuzzCaseGenerator+Routes`), then
/// noise on top that cannot make a wrong request right (hostile headers, path tricks that lead to the same or to no
/// route, duplicate parameters).
struct FuzzCaseGenerator {
    var random: SeededGenerator
    /// Users the REST cases authenticate as, so that requests past authentication are fuzzed too.
    let administrator: User
    let customer: User

    init(seed: UInt64, administrator: User, customer: User) {
        random = SeededGenerator(seed: seed)
        self.administrator = administrator
        self.customer = customer
    }

    mutating func cases(_ count: Int) -> [FuzzCase] {
        (0..<count).map { _ in next() }
    }

    mutating func next() -> FuzzCase {
        var fuzzCase: FuzzCase
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<20: fuzzCase = faxStore(baseURL: Stack.baseURL, legacy: false)
        case 20..<26: fuzzCase = faxStore(baseURL: Stack.v1BaseURL, legacy: true)
        case 26..<60: fuzzCase = rest()
        case 60..<80: fuzzCase = publicProtocol()
        case 80..<85: fuzzCase = events()
        case 85..<89: fuzzCase = healthOrMetrics()
        default: fuzzCase = unknownPath()
        }
        if random.chance(0.3) {
            fuzzCase.request.target = pathTrick(fuzzCase.request.target)
            fuzzCase.label += ", path trick"
        }
        fuzzCase.request.headers += noiseHeaders()
        return fuzzCase
    }

    // MARK: - Noise

    /// Headers that must not change the answer's class: hostile `Host`, `User-Agent`, forwarding and cookie headers,
    /// header names nginx must reject, `Accept: text/html` to tempt an HTML page.
    mutating func noiseHeaders() -> [RawRequest.Header] {
        var headers: [RawRequest.Header] = []
        for _ in 0..<(random.chance(0.5) ? 0 : Int.random(in: 1...2, using: &random)) {
            let name = random.pick([
                "User-Agent", "X-Forwarded-For", "X-Real-IP", "Cookie", "Accept", "Host", "X-Request-Id", "Referer",
                "Accept-Encoding", "X-HTTP-Method-Override", "Bad Header", "X-\u{1}", "X-Ünïcode",
                "X-" + random.letters(300),
            ])
            let value =
                name == "Accept"
                ? random.pick(["text/html", "*/*", "text/html;q=1, application/json;q=0", random.hostileText()])
                : random.hostileText()
            headers.append(RawRequest.Header(name: name, value: value))
        }
        return headers
    }

    /// The request target with a trick applied to its path (the query is left alone): doubled, dot and dot-dot
    /// segments (encoded or not) that lead back to the same path, encoded slashes and letters, a backslash, a climb
    /// above the root, a path parameter. None removes what makes the request wrong.
    mutating func pathTrick(_ target: String) -> String {
        guard target.hasPrefix("/") else { return target }
        let split = target.firstIndex(of: "?") ?? target.endIndex
        var segments = target[..<split].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let query = String(target[split...])
        let position = Int.random(in: 1...segments.count, using: &random)
        switch Int.random(in: 0..<12, using: &random) {
        case 0: segments.insert("", at: position)
        case 1: segments.insert(random.pick([".", "%2e", "%2E"]), at: position)
        case 2:
            segments.insert(contentsOf: ["zz", random.pick(["..", "%2e%2e", "%2E%2E", ".%2e", "%2e."])], at: position)
        case 3:
            let joined = segments.joined(separator: "/")
            return encodeOneSlash(joined) + query
        case 4:
            let index = Int.random(in: 0..<segments.count, using: &random)
            segments[index] = encodeOneLetter(segments[index])
        case 5: segments.append(random.pick(["", ".", "%2e"]))
        case 6: return segments.joined(separator: "\\") + query
        case 7: return "/.." + segments.joined(separator: "/") + query
        case 8: return segments.joined(separator: "/").uppercased() + query
        case 9: segments[segments.count - 1] += random.pick([";jsessionid=1", ";", "%00", "%20", "#frag"])
        case 10: return "//" + segments.joined(separator: "/").drop { $0 == "/" } + query
        default: segments.insert(contentsOf: ["%2e%2e", "%2e%2e", "etc", "passwd"], at: position)
        }
        return segments.joined(separator: "/") + query
    }

    private mutating func encodeOneSlash(_ path: String) -> String {
        let slashes = path.indices.filter { path[$0] == "/" && $0 != path.startIndex }
        guard let slash = slashes.randomElement(using: &random) else { return path }
        return path[..<slash] + random.pick(["%2f", "%2F", "%252f"]) + path[path.index(after: slash)...]
    }

    private mutating func encodeOneLetter(_ segment: String) -> String {
        let letters = segment.indices.filter { segment[$0].isASCII && segment[$0].isLetter }
        guard let letter = letters.randomElement(using: &random) else { return segment }
        return segment[..<letter] + random.percentEncoded(String(segment[letter]))
            + segment[segment.index(after: letter)...]
    }

    // MARK: - Bodies

    /// Any body at all: none, random bytes, hostile JSON (valid or not), hostile forms, multipart, big ones.
    mutating func anyBody() -> (Data, contentType: String?)? {
        switch Int.random(in: 0..<10, using: &random) {
        case 0: return nil
        case 1: return (random.bytes(Int.random(in: 1...4_096, using: &random)), randomContentType())
        case 2: return (Data(hostileJSONObject().utf8), "application/json")
        case 3: return (Data(invalidJSON().utf8), random.pick(["application/json", nil, "text/plain"]))
        case 4: return (Data(random.encoded(hostileFields()).utf8), "application/x-www-form-urlencoded")
        case 5:
            var body = Data(#"{"info":""#.utf8)
            body += random.bytes(Int.random(in: 1...256, using: &random)) + Data([0]) + Data(#""}"#.utf8)
            return (body, randomContentType())
        case 6:
            let boundary = random.pick(["x", "", random.letters(80)])
            let body =
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"license_key\"\r\n\r\n\(random.hostileText())\r\n--x--"
            return (Data(body.utf8), random.pick(["multipart/form-data; boundary=x", "multipart/form-data"]))
        case 7: return (bigBody(), randomContentType())
        default:
            return (
                Data(hostileJSONObject().utf8),
                random.pick(["application/json", nil, "application/x-www-form-urlencoded"])
            )
        }
    }

    /// Over the workers' 64 KiB limit; now and then exactly nginx's 1 MiB limit, or one byte over it.
    mutating func bigBody() -> Data {
        switch Int.random(in: 0..<20, using: &random) {
        case 0: return Self.oneMebibyte
        case 1: return Self.oneMebibyte + Data("x".utf8)
        default: return Data(random.letters(Int.random(in: 65_537...200_000, using: &random)).utf8)
        }
    }

    private static let oneMebibyte = Data(repeating: UInt8(ascii: "{"), count: 1_048_576)

    mutating func randomContentType() -> String? {
        random.pick([
            nil, "application/json", "application/x-www-form-urlencoded", "text/plain", "multipart/form-data",
            "application/json; charset=latin1", "application/x-www-form-urlencoded; charset=utf-16", "ä/ö", "",
        ])
    }

    /// Bodies that start with `{` (so that they are JSON whatever the Content-Type says) and are not JSON.
    mutating func invalidJSON() -> String {
        let depth = Int.random(in: 1_000...30_000, using: &random)
        return random.pick([
            "{", "{\"info\": ", "{\"a\":1,}", "{'a':1}", "{a:1}", "{\"a\":1}}", "{\"a\":1} x", "{\"a\":NaN}",
            "{\"a\":\"\\x\"}", "{\"a\":\"\u{1}\"}", "{\"a\":01}", "{\"a\":1e}", "{\"a\":-}", "{\"a\" 1}", "{\"a\":tru}",
            " \n{\"proIds\":[1,]}", "{\"a\":\"" + random.letters(10) + "\n\"}",
            "{\"a\":" + String(repeating: "[", count: depth),
            "{" + String(repeating: "{\"a\":", count: depth), "{\"a\":\"\u{FFFF}\\ud800\\", "{\u{FEFF}}",
        ])
    }

    /// A JSON object whose fields have the names the routes read and values of the wrong type or size.
    mutating func hostileJSONObject() -> String {
        let fields = (0..<Int.random(in: 1...6, using: &random)).map { _ -> String in
            let name = random.pick(Self.fieldNames + [random.hostileText()])
            let value = random.chance(0.5) ? random.wrongJSONValue() : jsonString(random.hostileText())
            return "\(jsonString(name)):\(value)"
        }
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// Form or query fields with the names the routes read and hostile values.
    mutating func hostileFields() -> [(String, String)] {
        (0..<Int.random(in: 1...6, using: &random)).map { _ in
            (random.pick(Self.fieldNames + [random.hostileText()]), random.hostileText())
        }
    }

    static let fieldNames = [
        "license_key", "site_url", "item_id", "activation_hash", "info", "log", "proIds", "proIds[]", "per_page",
        "page", "search", "status", "limit", "expiration_date", "ip", "settings", "domain", "fct_package",
        "fct_download", "current_version", "site_id", "filters", "sort_by", "sort_type",
    ]

    /// `text` as a JSON string literal: quote, backslash and controls escaped, everything else as it is.
    func jsonString(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case _ where scalar.value < 0x20: escaped += "\\u00" + String(format: "%02x", scalar.value)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }
}

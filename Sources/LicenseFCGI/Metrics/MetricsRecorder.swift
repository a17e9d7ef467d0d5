/// What one worker thread records after each request: a few adds into its own block of the worker's metrics
/// file. Without a file (the folder could not be created) it records nothing.
struct MetricsRecorder: Sendable {
    let file: MetricsFile?
    let block: Int

    static let disabled = MetricsRecorder(file: nil, block: 0)

    func record(group: MetricsLayout.RouteGroup, response: HTTPResponse, micros: UInt64) {
        guard let file else { return }
        file.add(1, block: block, slot: MetricsLayout.requestSlot(group, status: response.status))
        file.add(1, block: block, slot: MetricsLayout.bucketSlot(group, micros: micros))
        file.add(micros, block: block, slot: MetricsLayout.sumSlot(group))
        // The workers answer 503 only when PostgreSQL failed them (connection lost, timeouts).
        if response.status == 503 { file.add(1, block: block, slot: MetricsLayout.databaseErrors) }
        switch group {
        case .faxStore:
            let outcome = Self.stringValue(after: Self.statusNeedle, in: response.body) ?? ""
            file.add(1, block: block, slot: MetricsLayout.faxStoreSlot(outcome))
        case .publicProtocol:
            let outcome =
                Self.stringValue(after: Self.statusNeedle, in: response.body)
                ?? Self.stringValue(after: Self.errorTypeNeedle, in: response.body) ?? ""
            file.add(1, block: block, slot: MetricsLayout.publicSlot(outcome))
        default:
            break
        }
    }

    /// The first `"key":"value"` of a compact JSON body, found by a byte scan (no parse, no allocation beyond
    /// the result); nil when absent. Good enough for the flat answers of the check APIs.
    static func stringValue(of key: String, in body: [UInt8]) -> Substring? {
        stringValue(after: Array("\"\(key)\":\"".utf8), in: body)
    }

    private static let statusNeedle = Array(#""status":""#.utf8)
    private static let errorTypeNeedle = Array(#""error_type":""#.utf8)

    private static func stringValue(after needle: [UInt8], in body: [UInt8]) -> Substring? {
        guard body.count > needle.count else { return nil }
        var index = 0
        while index + needle.count <= body.count {
            if body[index] == needle[0], body[index..<(index + needle.count)].elementsEqual(needle) {
                let start = index + needle.count
                guard let end = body[start...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
                return Substring(String(decoding: body[start..<end], as: UTF8.self))
            }
            index += 1
        }
        return nil
    }
}

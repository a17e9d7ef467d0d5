import Foundation

/// What the test receiver (`scripts/webhook-receiver.py`, started by `scripts/test.sh`) logged: one JSON line per
/// POST with its path, headers (lower-case names), body and the status it answered.
struct ReceivedWebhook: Decodable, Sendable {
    var path: String
    var headers: [String: String]
    var body: String
    var status: Int
}

enum WebhookReceiverLog {
    static var isConfigured: Bool {
        Stack.isConfigured && !(ProcessInfo.processInfo.environment["E2E_WEBHOOK_LOG"] ?? "").isEmpty
    }

    /// Base URL of the receiver, e.g. `http://127.0.0.1:40123`.
    static var receiverURL: String { ProcessInfo.processInfo.environment["E2E_WEBHOOK_RECEIVER_URL"] ?? "" }

    static var secret: String { ProcessInfo.processInfo.environment["WEBHOOK_SECRET"] ?? "" }

    /// How the receiver answers the first request to a target; every later one gets 200.
    enum FirstAnswer: String {
        case ok = "/ok/"
        /// 500, to make the sender retry.
        case failFirst = "/fail-first/"
        /// Logged at once with status 0, then held open for 20 s, so a test can kill the sender mid-delivery.
        case holdFirst = "/hold-first/"
    }

    /// A fresh path on the receiver that no other test uses.
    static func uniqueTarget(_ first: FirstAnswer = .ok) -> String {
        receiverURL + first.rawValue + UUID().uuidString.lowercased()
    }

    static func received(at target: String) -> [ReceivedWebhook] {
        let path = String(target.dropFirst(receiverURL.count))
        let file = ProcessInfo.processInfo.environment["E2E_WEBHOOK_LOG"] ?? ""
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap {
            try? JSONDecoder().decode(ReceivedWebhook.self, from: Data($0.utf8))
        }.filter { $0.path == path }
    }

    /// Waits up to `timeout` seconds until `target` has received `count` requests.
    static func waitFor(_ count: Int, at target: String, timeout: Double = 30) async throws -> [ReceivedWebhook] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let requests = received(at: target)
            if requests.count >= count || Date() > deadline { return requests }
            try await Task.sleep(for: .milliseconds(200))
        }
    }
}

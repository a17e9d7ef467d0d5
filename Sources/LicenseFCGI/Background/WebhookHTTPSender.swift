import Domain
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Posts one webhook with Foundation's URLSession (libcurl underneath on Linux, so no extra dependency): the
/// stored payload as the exact body, signed; only a 2xx within `timeout` counts as delivered.
struct WebhookHTTPSender: @unchecked Sendable {
    let secret: [UInt8]?
    let timeout: TimeInterval
    private let session: URLSession

    init(secret: [UInt8]?, timeout: TimeInterval = 10) {
        self.secret = secret
        self.timeout = timeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpShouldSetCookies = false
        session = URLSession(configuration: configuration)
    }

    func send(_ delivery: WebhookDelivery) -> WebhookDelivery.Outcome {
        guard let url = URL(string: delivery.targetURL) else { return .failed("invalid target URL") }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.httpBody = Data(delivery.body)
        let headers = WebhookDeliverySignature.headers(
            eventID: delivery.eventID,
            body: delivery.body,
            secret: secret,
            now: Date()
        )
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let finished = DispatchSemaphore(value: 0)
        let outcome = OutcomeBox()
        session.dataTask(with: request) { _, response, error in
            if let error {
                outcome.value = .failed("request failed: \(error.localizedDescription)")
            } else if let status = (response as? HTTPURLResponse)?.statusCode {
                outcome.value = (200..<300).contains(status) ? .delivered : .failed("HTTP \(status)")
            }
            finished.signal()
        }.resume()
        // The session's own timeout fires first; this only guards against a callback that never comes.
        if finished.wait(timeout: .now() + timeout + 5) == .timedOut { return .failed("timed out") }
        return outcome.value
    }

    /// Carries the answer out of URLSession's callback; the semaphore orders the write before the read.
    private final class OutcomeBox: @unchecked Sendable {
        var value: WebhookDelivery.Outcome = .failed("no answer")
    }
}

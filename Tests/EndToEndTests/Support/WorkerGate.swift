/// Keeps the SIGKILL of a worker away from other tests' requests.
///
/// Tests run in parallel, and a request that a worker is serving when it is killed gets nginx's 503 answer. That
/// loss is the point of the supervision test, not a fault of whichever test happened to be in flight, so every
/// request holds the gate shared and the kill holds it alone: requests started before the kill finish first, and
/// requests started during it wait until the signal is sent.
actor WorkerGate {
    static let shared = WorkerGate()

    private var requestsInFlight = 0
    private var killing = false
    private var waitingRequests: [CheckedContinuation<Void, Never>] = []
    private var waitingKills: [CheckedContinuation<Void, Never>] = []

    /// Runs one request while no worker is being killed.
    nonisolated func whileRequesting<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await enterRequest()
        do {
            let value = try await body()
            await leaveRequest()
            return value
        } catch {
            await leaveRequest()
            throw error
        }
    }

    /// Runs `body` (the kill) once every request in flight has finished; new requests wait until it returns.
    nonisolated func exclusively<T: Sendable>(_ body: @Sendable () throws -> T) async throws -> T {
        await enterKill()
        let result = Result { try body() }
        await leaveKill()
        return try result.get()
    }

    private func enterRequest() async {
        while killing {
            await withCheckedContinuation { waitingRequests.append($0) }
        }
        requestsInFlight += 1
    }

    private func leaveRequest() {
        requestsInFlight -= 1
        if requestsInFlight == 0 {
            let kills = waitingKills
            waitingKills = []
            for kill in kills {
                kill.resume()
            }
        }
    }

    private func enterKill() async {
        while killing {
            await withCheckedContinuation { waitingRequests.append($0) }
        }
        killing = true
        while requestsInFlight > 0 {
            await withCheckedContinuation { waitingKills.append($0) }
        }
    }

    private func leaveKill() {
        killing = false
        let requests = waitingRequests
        waitingRequests = []
        for request in requests {
            request.resume()
        }
    }
}

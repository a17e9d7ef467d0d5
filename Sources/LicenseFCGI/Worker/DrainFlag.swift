import Synchronization

/// Set once when the worker is asked to stop: threads finish their request and accept no more.
final class DrainFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    var isSet: Bool { flag.load(ordering: .acquiring) }

    func set() {
        flag.store(true, ordering: .releasing)
    }
}

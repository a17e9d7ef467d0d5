import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension Process {
    /// `run()`, with the child starting as it would from a shell: no signal blocked. Foundation passes the calling
    /// thread's mask on, and a test runs on libdispatch's threads, which block nearly every signal; the daemons the
    /// scripts start (nginx, Patroni, etcd, HAProxy) would then ignore the SIGTERM that stops them.
    func runWithoutBlockedSignals() throws {
        var none = sigset_t()
        sigemptyset(&none)
        var previous = sigset_t()
        pthread_sigmask(SIG_SETMASK, &none, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try run()
    }
}

import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The folder of one supervisor's metrics files: `<base>/license-fcgi-metrics-<supervisor pid>`, holding
/// `supervisor` and one `worker-<pid>` per worker process that ever ran. Files of exited workers stay, so that
/// counters never go down while the supervisor lives; the supervisor removes the folder when it stops.
struct MetricsDirectory: Sendable {
    let path: String

    /// `base` defaults to `/dev/shm` (memory, never written to disk), else the temporary folder.
    init(supervisorPID: pid_t, base: String? = nil) {
        let root =
            base ?? (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
        path = root + "/license-fcgi-metrics-\(supervisorPID)"
    }

    /// Called by the supervisor before it starts workers: a fresh, private (0700) folder.
    func create() {
        remove()
        mkdir(path, 0o700)
    }

    func remove() {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
            unlink(path + "/" + name)
        }
        rmdir(path)
    }

    func workerFile(pid: pid_t, threads: Int) -> MetricsFile? {
        MetricsFile(path: path + "/worker-\(pid)", blocks: threads, create: true)
    }

    func supervisorFile() -> MetricsFile? {
        MetricsFile(path: path + "/supervisor", blocks: 1, create: true)
    }

    /// Every counter summed over all files: what `/metrics` renders.
    func totals() -> [UInt64] {
        var totals = [UInt64](repeating: 0, count: MetricsLayout.slotCount)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
            MetricsFile(path: path + "/" + name, blocks: 0, create: false)?.accumulate(into: &totals)
        }
        return totals
    }
}

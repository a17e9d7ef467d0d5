import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One app node of the cluster (nginx, supervisor, workers, background child), by the pids `make cluster` recorded.
struct ClusterAppNode: Sendable {
    var number: Int

    var nginxPID: Int32? { pid(in: "nginx.pid") }
    var supervisorPID: Int32? { pid(in: "supervisor.pid") }

    /// The node's processes: its nginx master and supervisor and everything below them.
    var processTree: [Int32] {
        let roots = [nginxPID, supervisorPID].compactMap { $0 }.filter { kill($0, 0) == 0 }
        return roots + roots.flatMap(Self.descendants)
    }

    /// A lost app node: SIGKILL of its whole process tree at once.
    func killProcessTree() throws {
        let tree = processTree
        guard !tree.isEmpty else { throw SubprocessError(description: "app\(number) has no process to kill") }
        for pid in tree { _ = kill(pid, SIGKILL) }
    }

    private func pid(in file: String) -> Int32? {
        let path = "\(ClusterStack.directory)/app\(number)/\(file)"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private static func descendants(of root: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        let children = entries.compactMap(Int32.init).filter { WorkerProcesses.parent(of: $0) == root }
        return children + children.flatMap(descendants)
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// The FastCGI Unix socket the supervisor binds once; workers inherit it as fd 0.
final class ListeningSocket {
    let descriptor: Int32
    let path: String

    /// Binds `path` with `mode` (e.g. 0o660, or 0o666 for a local stack whose nginx runs as another user).
    /// A leftover socket file is replaced only when nothing listens on it any more.
    init(path: String, mode: mode_t, backlog: Int32 = 1024) throws {
        self.path = path
        guard path.utf8.count < MemoryLayout.size(ofValue: sockaddr_un().sun_path) else {
            throw SystemError(call: "bind (socket path too long)", errorNumber: ENAMETOOLONG)
        }
        if Self.someoneListens(at: path) {
            throw SystemError(call: "bind (another server listens on \(path))", errorNumber: EADDRINUSE)
        }
        unlink(path)
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw SystemError(call: "socket") }
        var address = Self.address(path)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else {
            let error = SystemError(call: "bind \(path)")
            close(descriptor)
            throw error
        }
        guard chmod(path, mode) == 0, listen(descriptor, backlog) == 0 else {
            let error = SystemError(call: "chmod/listen \(path)")
            close(descriptor)
            throw error
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
        unlink(path)
    }

    private static func address(_ path: String) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            let bytes = Array(path.utf8)
            buffer.copyBytes(from: bytes)
            buffer[bytes.count] = 0
        }
        return address
    }

    private static func someoneListens(at path: String) -> Bool {
        let probe = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard probe >= 0 else { return false }
        defer { close(probe) }
        var address = address(path)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(probe, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0
            }
        }
    }
}

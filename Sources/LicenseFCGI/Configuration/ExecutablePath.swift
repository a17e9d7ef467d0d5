#if canImport(Glibc)
import Glibc
#endif

/// The absolute path of this binary, read once: the supervisor re-executes it for every worker, and `migrate`
/// looks for `sql/` beside the checkout it was built in.
enum ExecutablePath {
    static let current: String = {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return CommandLine.arguments[0] }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()
}

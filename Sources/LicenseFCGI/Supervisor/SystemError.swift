#if canImport(Glibc)
import Glibc
#endif

/// A failed system call, with its name and `errno` captured right after the call.
struct SystemError: Error, CustomStringConvertible {
    let call: String
    let errorNumber: Int32

    init(call: String, errorNumber: Int32 = errno) {
        self.call = call
        self.errorNumber = errorNumber
    }

    var description: String { "\(call) failed: \(String(cString: strerror(errorNumber))) (errno \(errorNumber))" }
}

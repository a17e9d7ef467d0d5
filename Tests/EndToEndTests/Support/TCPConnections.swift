import Foundation

/// A process's established TCP connections, read from `/proc` (what `ss -tnp` shows), to see where its database
/// connections really go.
enum TCPConnections {
    struct Connection: Sendable, Equatable, CustomStringConvertible {
        var localPort: Int
        var remotePort: Int

        var description: String { "\(localPort)→\(remotePort)" }
    }

    /// The established connections (IPv4 and IPv6) of the process's sockets; empty when it is gone.
    static func established(of pid: Int32) -> [Connection] {
        let sockets = socketInodes(of: pid)
        guard !sockets.isEmpty else { return [] }
        return ["tcp", "tcp6"].flatMap { table in
            lines(of: "/proc/\(pid)/net/\(table)").dropFirst().compactMap { line -> Connection? in
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
                let fields = line.split(separator: " ")
                guard fields.count > 9, fields[3] == "01", sockets.contains(String(fields[9])),
                    let local = port(of: fields[1]), let remote = port(of: fields[2])
                else { return nil }
                return Connection(localPort: local, remotePort: remote)
            }
        }
    }

    /// The inodes of the process's sockets, from its file descriptors' `socket:[INODE]` links.
    private static func socketInodes(of pid: Int32) -> Set<String> {
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
        return Set(
            descriptors.compactMap { descriptor in
                let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(descriptor)")
                guard let link, link.hasPrefix("socket:["), link.hasSuffix("]") else { return nil }
                return String(link.dropFirst("socket:[".count).dropLast())
            }
        )
    }

    /// The port of an `ADDRESS:PORT` field of `/proc/net/tcp`, both in hexadecimal.
    private static func port(of field: Substring) -> Int? {
        field.split(separator: ":").last.flatMap { Int($0, radix: 16) }
    }

    /// The file's lines, read to its end: `FileManager.contents(atPath:)` stops after one page of a `/proc` file,
    /// whose size is 0.
    private static func lines(of path: String) -> [Substring] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        let data = (try? handle.readToEnd()) ?? Data()
        return String(decoding: data, as: UTF8.self).split(separator: "\n")
    }
}

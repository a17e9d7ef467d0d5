/// Hands a release file to nginx: the worker answers with `X-Accel-Redirect` to nginx's `internal` location, and
/// nginx streams the file from `DOWNLOADS_DIR`, so no file byte passes through a worker (fluentcart.md §4.6).
enum ReleaseDownload {
    /// The internal location `deploy/nginx.conf` serves `DOWNLOADS_DIR` under.
    static let internalLocation = "/protected-downloads/"

    static func accelRedirect(path: String) -> HTTPResponse {
        let basename = path.split(separator: "/").last.map(String.init) ?? path
        return HTTPResponse(
            status: 200,
            headers: [
                ("X-Accel-Redirect", internalLocation + percentEncoded(path)),
                ("Content-Type", "application/octet-stream"),
                ("Content-Disposition", "attachment; filename=\"\(quoted(basename))\""),
                ("Cache-Control", "no-store"),
            ]
        )
    }

    /// nginx decodes the redirect URI, so every byte outside the unreserved set (and `/`) is escaped.
    static func percentEncoded(_ path: String) -> String {
        var encoded = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return encoded
    }

    /// A header value must not end the quoted string early or carry a line break.
    static func quoted(_ name: String) -> String {
        String(name.unicodeScalars.filter { $0.value >= 0x20 && $0 != "\"" && $0 != "\\" && $0.value != 0x7F })
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

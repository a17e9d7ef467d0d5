import CFastCGI

/// One libfcgi request slot, reused for every request a thread accepts.
///
/// Owns the `FCGX_Request` and frees it in `deinit`. Not `Sendable`: one thread owns it from accept to finish.
final class FastCGIRequest {
    private let raw: UnsafeMutablePointer<FCGX_Request>

    /// Prepares a request on `listenSocket` (fd 0, the FastCGI convention). An accept interrupted by a signal
    /// returns, so that a draining worker can stop waiting for connections.
    init(listenSocket: Int32 = 0) {
        raw = .allocate(capacity: 1)
        FCGX_InitRequest(raw, listenSocket, Int32(FCGI_FAIL_ACCEPT_ON_INTR))
    }

    deinit {
        FCGX_Free(raw, 1)
        raw.deallocate()
    }

    /// Waits for the next request; false when interrupted or the socket failed.
    func accept() -> Bool {
        FCGX_Accept_r(raw) >= 0
    }

    /// Ends the request: flushes the output and closes or keeps the connection as nginx asked.
    func finish() {
        FCGX_Finish_r(raw)
    }

    /// A FastCGI parameter (`REQUEST_METHOD`, `HTTP_AUTHORIZATION`, ...).
    func parameter(_ name: String) -> String? {
        guard let value = FCGX_GetParam(name, raw.pointee.envp) else { return nil }
        return String(cString: value)
    }

    /// Reads up to `limit` bytes of the body and discards the rest, so that nginx never sees the connection close
    /// while it is still sending. `truncated` says whether anything was discarded.
    func readBody(declaredLength: Int, limit: Int) -> (bytes: [UInt8], truncated: Bool) {
        guard declaredLength > 0 else { return ([], false) }
        let wanted = min(declaredLength, limit)
        var bytes = [UInt8](repeating: 0, count: wanted)
        let read = bytes.withUnsafeMutableBytes { buffer in
            FCGX_GetStr(buffer.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(wanted), raw.pointee.in)
        }
        bytes.removeLast(wanted - Int(max(read, 0)))
        var truncated = false
        if declaredLength > limit {
            var scratch = [CChar](repeating: 0, count: 16_384)
            while FCGX_GetStr(&scratch, Int32(scratch.count), raw.pointee.in) > 0 { truncated = true }
        }
        return (bytes, truncated)
    }

    /// Writes the whole response (CGI headers, blank line, body).
    func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            _ = FCGX_PutStr(base.assumingMemoryBound(to: CChar.self), Int32(buffer.count), raw.pointee.out)
        }
    }
}

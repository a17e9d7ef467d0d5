/// Text clean-ups shared by the input layers.
extension String {
    /// Trims spaces, tabs and line breaks (CRLF included) at both ends without Foundation.
    public var trimmingWhitespace: String {
        let scalars = unicodeScalars
        let isBlank: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = scalars.firstIndex(where: { !isBlank($0) }),
            let last = scalars.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    /// The text without NUL characters, which PostgreSQL text cannot hold (and which would cut a C string short):
    /// every client-supplied string that may be stored passes through here.
    public var withoutNUL: String {
        guard utf8.contains(0) else { return self }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: unicodeScalars.lazy.filter { $0 != "\0" })
        return String(scalars)
    }

    /// At most `count` Unicode scalars: PostgreSQL's `length()` (and so our column CHECKs) counts code points, and
    /// one user-perceived character may hold several.
    public func prefix(scalars count: Int) -> String {
        guard unicodeScalars.count > count else { return self }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: unicodeScalars.prefix(count))
        return String(scalars)
    }
}

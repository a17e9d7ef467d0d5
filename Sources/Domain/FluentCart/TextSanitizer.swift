/// WordPress's `sanitize_text_field` (its `_sanitize_text_fields($str, false)`), which FluentCart runs over every
/// public parameter (fluentcart.md §4.1). Keys, hashes and site URLs must come out byte for byte as they do there, or
/// a key that works against FluentCart would fail here; so this is a port, quirks included, not a cleaner rewrite.
///
/// The steps, as in WordPress's `formatting.php`:
/// 1. `wp_check_invalid_utf8`: invalid UTF-8 turns the whole value into "".
/// 2. Only when the value holds a `<`: `wp_pre_kses_less_than` (a `<` that opens no `<…>` is escaped with `esc_html`,
///    together with the text after it up to the next `<`), `wp_strip_all_tags` (`<script>`/`<style>` elements with
///    their content, then PHP's `strip_tags`, then `trim`), and `"<\n"` becomes `"&lt;\n"`.
/// 3. Every run of `[\r\n\t ]` becomes one space, and the value is trimmed as PHP's `trim` does.
/// 4. While a `%xx` octet remains, every copy of the first one is removed; if any was, runs of spaces collapse and the
///    value is trimmed again.
///
/// This file is longer than most: it holds the two state machines WordPress leans on (PHP's `strip_tags` and
/// `esc_html`'s entity handling), kept private so that nothing else grows to depend on them.
public enum TextSanitizer {
    /// Sanitizes raw parameter bytes; invalid UTF-8 yields "", as `wp_check_invalid_utf8` does.
    public static func sanitize(_ bytes: some Collection<UInt8>) -> String {
        guard isValidUTF8(bytes) else { return "" }
        return String(decoding: sanitized(Array(bytes)), as: UTF8.self)
    }

    /// Sanitizes a decoded value; a Swift string is always valid UTF-8, so only steps 2 to 4 can change it.
    public static func sanitize(_ text: String) -> String {
        String(decoding: sanitized(Array(text.utf8)), as: UTF8.self)
    }

    private static func sanitized(_ input: [UInt8]) -> [UInt8] {
        var text = input
        if text.contains(.lessThan) {
            text = escapingStrayLessThan(text)
            text = phpTrimmed(strippingTags(removingScriptAndStyle(text)))
            text = replacing(Array("<\n".utf8), with: Array("&lt;\n".utf8), in: text)
        }
        text = phpTrimmed(collapsingRuns(in: text, where: { $0.isBreakOrSpace }))
        var found = false
        while let octet = firstPercentOctet(in: text) {
            text = replacing(octet, with: [], in: text)
            found = true
        }
        if found {
            text = phpTrimmed(collapsingRuns(in: text, where: { $0 == .space }))
        }
        return text
    }

    /// Strict UTF-8 (no overlongs, surrogates or values past U+10FFFF), as PCRE's `/u` check that WordPress uses.
    private static func isValidUTF8(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    // MARK: wp_pre_kses_less_than

    /// `preg_replace_callback('%<[^>]*?((?=<)|>|$)%', …)`: each `<` runs lazily to the next `<` (exclusive), the next
    /// `>` (inclusive) or the end (`$`, which also matches before a final newline). A run holding a `>` is kept;
    /// any other run goes through `esc_html`.
    private static func escapingStrayLessThan(_ text: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var start = 0
        while start < text.count {
            guard text[start] == .lessThan else {
                output.append(text[start])
                start += 1
                continue
            }
            var end = start + 1
            while true {
                if end < text.count, text[end] == .lessThan { break }
                if end < text.count, text[end] == .greaterThan {
                    end += 1
                    break
                }
                if end == text.count || (end == text.count - 1 && text[end] == .newline) { break }
                end += 1
            }
            let run = text[start..<end]
            if run.contains(.greaterThan) {
                output.append(contentsOf: run)
            } else {
                output.append(contentsOf: escapedHTML(run))
            }
            start = end
        }
        return output
    }

    /// `esc_html`: `_wp_specialchars($text, ENT_QUOTES)`, that is `wp_kses_normalize_entities` followed by
    /// `htmlspecialchars(…, ENT_QUOTES, 'UTF-8', double_encode: false)`.
    private static func escapedHTML(_ text: ArraySlice<UInt8>) -> [UInt8] {
        let specials: [UInt8] = [.ampersand, .lessThan, .greaterThan, .quote, .apostrophe]
        guard text.contains(where: specials.contains) else { return Array(text) }
        return htmlSpecialChars(normalizingEntities(Array(text)))
    }

    /// `wp_kses_normalize_entities`: every `&` becomes `&amp;`, then three `preg_replace_callback` passes, in this
    /// order, give back the named entities on WordPress's list and the numeric ones naming a valid XML character.
    private static func normalizingEntities(_ text: [UInt8]) -> [UInt8] {
        var result = replacing([.ampersand], with: Array("&amp;".utf8), in: text)
        result = replacingEntities(in: result, introducedBy: []) { name in
            // `&amp;([A-Za-z]{2,8}[0-9]{0,2});`
            let letters = name.prefix(while: { $0.isASCIILetter }).count
            let digits = name.dropFirst(letters).prefix(while: { $0.isDecimalDigit }).count
            guard (2...8).contains(letters), digits <= 2, name.count > letters + digits,
                name[name.startIndex + letters + digits] == .semicolon
            else { return nil }
            let entity = Array(name.prefix(letters + digits))
            let replacement = allowedEntityNames.contains(entity) ? [.ampersand] + entity : Array("&amp;".utf8) + entity
            return (letters + digits + 1, replacement + [.semicolon])
        }
        result = replacingEntities(in: result, introducedBy: [.hash]) { text in
            // `&amp;#(0*[0-9]{1,7});`
            guard let digits = numericRun(text, isDigit: { $0.isDecimalDigit }, maximumSignificant: 7) else {
                return nil
            }
            let consumed = digits.count + 1
            // `empty("0")` is true in PHP, so WordPress's callback removes `&#0;` outright.
            if digits == [.zero] { return (consumed, []) }
            guard isValidXMLCharacter(value(of: digits, radix: 10)) else {
                return (consumed, Array("&amp;#".utf8) + digits + [.semicolon])
            }
            let trimmed = Array(digits.drop(while: { $0 == .zero }))
            let padded = [UInt8](repeating: .zero, count: max(0, 3 - trimmed.count)) + trimmed
            return (consumed, Array("&#".utf8) + padded + [.semicolon])
        }
        result = replacingEntities(in: result, introducedBy: [.hash]) { text in
            // `&amp;#[Xx](0*[0-9A-Fa-f]{1,6});`
            guard let marker = text.first, marker == .lowerX || marker == .upperX,
                let digits = numericRun(text.dropFirst(), isDigit: { $0.hexValue != nil }, maximumSignificant: 6)
            else { return nil }
            let consumed = digits.count + 2
            if digits == [.zero] { return (consumed, []) }
            guard isValidXMLCharacter(value(of: digits, radix: 16)) else {
                return (consumed, Array("&amp;#x".utf8) + digits + [.semicolon])
            }
            return (consumed, Array("&#x".utf8) + digits.drop(while: { $0 == .zero }) + [.semicolon])
        }
        return result
    }

    /// One `preg_replace_callback` pass over `&amp;<introducer>…`: `match` gets the bytes after the introducer and
    /// returns how many of them the pattern consumed and the replacement for the whole match.
    private static func replacingEntities(
        in text: [UInt8],
        introducedBy introducer: [UInt8],
        match: (ArraySlice<UInt8>) -> (consumed: Int, replacement: [UInt8])?
    ) -> [UInt8] {
        let prefix = Array("&amp;".utf8) + introducer
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            if text[index...].starts(with: prefix),
                let (consumed, replacement) = match(text[(index + prefix.count)...])
            {
                output.append(contentsOf: replacement)
                index += prefix.count + consumed
            } else {
                output.append(text[index])
                index += 1
            }
        }
        return output
    }

    /// `0*[digit]{1,max};` at the start of `text`: the digits (without the `;`), or nil.
    private static func numericRun(
        _ text: ArraySlice<UInt8>,
        isDigit: (UInt8) -> Bool,
        maximumSignificant: Int
    ) -> [UInt8]? {
        let digits = Array(text.prefix(while: isDigit))
        guard !digits.isEmpty, text.count > digits.count, text[text.startIndex + digits.count] == .semicolon,
            digits.drop(while: { $0 == .zero }).count <= maximumSignificant
        else { return nil }
        return digits
    }

    /// PHP's `(int)` or `hexdec` of at most seven significant digits, which cannot overflow.
    private static func value(of digits: [UInt8], radix: Int) -> Int {
        digits.reduce(0) { $0 * radix + Int($1.hexValue ?? 0) }
    }

    /// WordPress's `valid_unicode`: the characters XML 1.0 allows.
    private static func isValidXMLCharacter(_ value: Int) -> Bool {
        value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
            || (0xE000...0xFFFD).contains(value) || (0x1_0000...0x10_FFFF).contains(value)
    }

    /// `htmlspecialchars($text, ENT_QUOTES, 'UTF-8', false)`: `&` stays only where it opens an entity PHP accepts
    /// (a named HTML 4.01 entity, or a numeric one up to U+10FFFF); `<`, `>`, `"` and `'` are escaped.
    private static func htmlSpecialChars(_ text: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.count + 16)
        var index = 0
        while index < text.count {
            let byte = text[index]
            switch byte {
            case .ampersand:
                if let length = acceptedEntityLength(text[(index + 1)...]) {
                    output.append(contentsOf: text[index...(index + length)])
                    index += length + 1
                    continue
                }
                output.append(contentsOf: "&amp;".utf8)
            case .lessThan: output.append(contentsOf: "&lt;".utf8)
            case .greaterThan: output.append(contentsOf: "&gt;".utf8)
            case .quote: output.append(contentsOf: "&quot;".utf8)
            case .apostrophe: output.append(contentsOf: "&#039;".utf8)
            default: output.append(byte)
            }
            index += 1
        }
        return output
    }

    /// The length of the entity after an `&` (through its `;`) when PHP's `htmlspecialchars` would keep it.
    private static func acceptedEntityLength(_ text: ArraySlice<UInt8>) -> Int? {
        guard let first = text.first else { return nil }
        if first == .hash {
            let afterHash = text.dropFirst()
            let isHex = afterHash.first == .lowerX || afterHash.first == .upperX
            let digitsStart = isHex ? afterHash.dropFirst() : afterHash
            let digits = digitsStart.prefix(while: { isHex ? $0.hexValue != nil : $0.isDecimalDigit })
            guard !digits.isEmpty, digitsStart.count > digits.count,
                digitsStart[digitsStart.startIndex + digits.count] == .semicolon
            else { return nil }
            var value = 0
            for digit in digits where value <= 0x10_FFFF {
                value = value * (isHex ? 16 : 10) + Int(digit.hexValue ?? 0)
            }
            guard value <= 0x10_FFFF else { return nil }
            return (isHex ? 2 : 1) + digits.count + 1
        }
        let name = text.prefix(while: { $0.isASCIILetter || $0.isDecimalDigit })
        guard !name.isEmpty, text.count > name.count, text[text.startIndex + name.count] == .semicolon,
            htmlEntityNames.contains(Array(name))
        else { return nil }
        return name.count + 1
    }

    // MARK: wp_strip_all_tags

    /// `preg_replace('@<(script|style)[^>]*?>.*?</\1>@si', '', $text)`: an element is removed from its opening `<`
    /// through the first matching closing tag; one without a closing tag stays for `strip_tags`. The searches
    /// remember what they found, so that many unclosed `<script>` tags cost linear time rather than quadratic.
    private static func removingScriptAndStyle(_ text: [UInt8]) -> [UInt8] {
        let names = [Array("script".utf8), Array("style".utf8)]
        var closings = names.map { name in ForwardSearch(Array("</".utf8) + name + [.greaterThan]) }
        var tagEnd = ForwardSearch([.greaterThan])
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var index = 0
        scan: while index < text.count {
            if text[index] == .lessThan {
                for (name, closing) in zip(names, closings.indices) {
                    guard startsCaseInsensitively(text, at: index + 1, with: name),
                        let close = tagEnd.first(in: text, from: index + 1 + name.count),
                        let end = closings[closing].first(in: text, from: close + 1)
                    else { continue }
                    index = end + name.count + 3
                    continue scan
                }
            }
            output.append(text[index])
            index += 1
        }
        return output
    }

    /// The first place at or after a position where `needle` starts (ASCII case ignored), for a scan that only moves
    /// forward: an earlier answer that still lies ahead is reused, so each byte is examined about once.
    private struct ForwardSearch {
        let needle: [UInt8]
        private var searchedFrom = Int.max
        private var found: Int?

        init(_ needle: [UInt8]) {
            self.needle = needle
        }

        mutating func first(in text: [UInt8], from start: Int) -> Int? {
            if start >= searchedFrom, found.map({ $0 >= start }) ?? true { return found }
            searchedFrom = start
            found = (start..<max(start, text.count - needle.count + 1)).first { position in
                TextSanitizer.startsCaseInsensitively(text, at: position, with: needle)
            }
            return found
        }
    }

    fileprivate static func startsCaseInsensitively(_ text: [UInt8], at start: Int, with prefix: [UInt8]) -> Bool {
        guard start + prefix.count <= text.count else { return false }
        return zip(text[start...], prefix).allSatisfy { $0.asciiLowercased == $1.asciiLowercased }
    }

    /// PHP 8's `strip_tags($text)` (`php_strip_tags_ex` without allowed tags): a state machine over HTML tags
    /// (state 1), PHP tags `<?…?>` (2), `<!…>` declarations (3) and `<!--…-->` comments (4). Tags run to their
    /// closing `>` outside quotes, or to the end of the text; NUL bytes are dropped everywhere.
    private static func strippingTags(_ text: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var state = 0
        var depth = 0
        var inQuote: UInt8 = 0
        var last: UInt8 = 0
        var parentheses = 0
        var isXML = false
        /// C reads the string's NUL terminator one past the end.
        func byte(_ index: Int) -> UInt8 { index >= 0 && index < text.count ? text[index] : 0 }
        func previous(_ index: Int, _ distance: Int) -> UInt8 { byte(index - distance) }

        for (index, character) in text.enumerated() {
            switch (state, character) {
            case (_, 0):
                break

            case (0, .lessThan):
                if inQuote != 0 { break }
                if byte(index + 1).isCSpace {
                    output.append(character)
                    break
                }
                last = .lessThan
                state = 1
            case (0, .greaterThan):
                if depth > 0 {
                    depth -= 1
                } else if inQuote == 0 {
                    output.append(character)
                }
            case (0, _):
                output.append(character)

            case (1, .lessThan):
                if inQuote == 0 && !byte(index + 1).isCSpace { depth += 1 }
            case (1, .greaterThan):
                if depth > 0 {
                    depth -= 1
                    break
                }
                if inQuote != 0 { break }
                last = .greaterThan
                if isXML && previous(index, 1) == .hyphen { break }
                inQuote = 0
                state = 0
                isXML = false
            case (1, .quote), (1, .apostrophe):
                if index != 0 && (inQuote == 0 || character == inQuote) { inQuote = inQuote == 0 ? character : 0 }
            case (1, .exclamation):
                if previous(index, 1) == .lessThan {
                    state = 3
                    last = character
                }
            case (1, .question):
                if previous(index, 1) == .lessThan {
                    parentheses = 0
                    state = 2
                }

            case (2, .openParenthesis):
                if last != .quote && last != .apostrophe {
                    last = character
                    parentheses += 1
                }
            case (2, .closeParenthesis):
                if last != .quote && last != .apostrophe {
                    last = character
                    parentheses -= 1
                }
            case (2, .greaterThan):
                if depth > 0 {
                    depth -= 1
                    break
                }
                if inQuote != 0 { break }
                if parentheses == 0 && last != .quote && previous(index, 1) == .question {
                    inQuote = 0
                    state = 0
                }
            case (2, .quote), (2, .apostrophe):
                guard index >= 1, previous(index, 1) != .backslash else { break }
                if last == character {
                    last = 0
                } else if last != .backslash {
                    last = character
                }
                if inQuote == 0 || character == inQuote { inQuote = inQuote == 0 ? character : 0 }
            case (2, .lowerL), (2, .upperL):
                if index > 4 && previous(index, 1).asciiLowercased == .lowerM
                    && previous(index, 2).asciiLowercased == .lowerX && previous(index, 3) == .question
                    && previous(index, 4) == .lessThan
                {
                    state = 1
                    isXML = true
                }

            case (3, .greaterThan):
                if depth > 0 {
                    depth -= 1
                    break
                }
                if inQuote != 0 { break }
                inQuote = 0
                state = 0
            case (3, .quote), (3, .apostrophe):
                if index != 0 && previous(index, 1) != .backslash && (inQuote == 0 || character == inQuote) {
                    inQuote = inQuote == 0 ? character : 0
                }
            case (3, .hyphen):
                if previous(index, 1) == .hyphen && previous(index, 2) == .exclamation { state = 4 }
            case (3, .lowerE), (3, .upperE):
                if index > 6, text[(index - 6)..<index].map(\.asciiLowercased) == Array("doctyp".utf8) { state = 1 }

            case (4, .greaterThan):
                if inQuote == 0 && previous(index, 1) == .hyphen && previous(index, 2) == .hyphen {
                    inQuote = 0
                    state = 0
                }

            default:
                break
            }
        }
        return output
    }

    // MARK: String functions

    /// `preg_replace('/[set]+/', ' ', $text)`.
    private static func collapsingRuns(in text: [UInt8], where isMember: (UInt8) -> Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var inRun = false
        for byte in text {
            if !isMember(byte) {
                output.append(byte)
                inRun = false
            } else if !inRun {
                output.append(.space)
                inRun = true
            }
        }
        return output
    }

    /// PHP's `trim`: spaces, `\t`, `\n`, `\r`, NUL and `\v` at both ends.
    private static func phpTrimmed(_ text: [UInt8]) -> [UInt8] {
        let isTrimmed: (UInt8) -> Bool = { [.space, .tab, .newline, .carriageReturn, 0, 0x0B].contains($0) }
        guard let first = text.firstIndex(where: { !isTrimmed($0) }),
            let last = text.lastIndex(where: { !isTrimmed($0) })
        else { return [] }
        return Array(text[first...last])
    }

    /// PHP's `str_replace` for one needle: every non-overlapping copy, left to right.
    private static func replacing(_ needle: [UInt8], with replacement: [UInt8], in text: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            if text[index] == needle[0], text[index...].starts(with: needle) {
                output.append(contentsOf: replacement)
                index += needle.count
            } else {
                output.append(text[index])
                index += 1
            }
        }
        return output
    }

    /// `preg_match('/%[a-f0-9]{2}/i', …)`: the first `%` followed by two hex digits.
    private static func firstPercentOctet(in text: [UInt8]) -> [UInt8]? {
        var index = 0
        while index + 2 < text.count {
            if text[index] == .percent, text[index + 1].hexValue != nil, text[index + 2].hexValue != nil {
                return Array(text[index...(index + 2)])
            }
            index += 1
        }
        return nil
    }

    // MARK: Entity names

    /// WordPress's `$allowedentitynames` as it survives `htmlspecialchars`: PHP's HTML 4.01 table lacks `apos`, so
    /// `&apos;` comes out as `&amp;apos;`. The remaining 252 names are exactly the HTML 4.01 entities.
    private static let htmlEntityNames: Set<[UInt8]> = Set(
        """
        nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn acute micro para
        middot cedil ordm raquo iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml
        Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute
        THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml
        eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml quot amp lt
        gt OElig oelig Scaron scaron Yuml circ tilde ensp emsp thinsp zwnj zwj lrm rlm ndash mdash lsquo rsquo sbquo
        ldquo rdquo bdquo dagger Dagger permil lsaquo rsaquo euro fnof Alpha Beta Gamma Delta Epsilon Zeta Eta Theta
        Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho Sigma Tau Upsilon Phi Chi Psi Omega alpha beta gamma delta epsilon
        zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon phi chi psi omega thetasym
        upsih piv bull hellip prime Prime oline frasl weierp image real trade alefsym larr uarr rarr darr harr crarr
        lArr uArr rArr dArr hArr forall part exist empty nabla isin notin ni prod sum minus lowast radic prop infin ang
        and or cap cup int sim cong asymp ne equiv le ge sub sup nsub sube supe oplus otimes perp sdot lceil rceil
        lfloor rfloor lang rang loz spades clubs hearts diams sup1 sup2 sup3 frac14 frac12 frac34 there4
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { Array($0.utf8) }
    )

    /// WordPress's whole `$allowedentitynames`, for `wp_kses_named_entities`.
    private static let allowedEntityNames: Set<[UInt8]> = htmlEntityNames.union([Array("apos".utf8)])
}

extension UInt8 {
    fileprivate static let tab = UInt8(ascii: "\t")
    fileprivate static let newline = UInt8(ascii: "\n")
    fileprivate static let carriageReturn = UInt8(ascii: "\r")
    fileprivate static let space = UInt8(ascii: " ")
    fileprivate static let exclamation = UInt8(ascii: "!")
    fileprivate static let quote = UInt8(ascii: "\"")
    fileprivate static let hash = UInt8(ascii: "#")
    fileprivate static let percent = UInt8(ascii: "%")
    fileprivate static let ampersand = UInt8(ascii: "&")
    fileprivate static let apostrophe = UInt8(ascii: "'")
    fileprivate static let openParenthesis = UInt8(ascii: "(")
    fileprivate static let closeParenthesis = UInt8(ascii: ")")
    fileprivate static let hyphen = UInt8(ascii: "-")
    fileprivate static let zero = UInt8(ascii: "0")
    fileprivate static let semicolon = UInt8(ascii: ";")
    fileprivate static let lessThan = UInt8(ascii: "<")
    fileprivate static let greaterThan = UInt8(ascii: ">")
    fileprivate static let question = UInt8(ascii: "?")
    fileprivate static let upperE = UInt8(ascii: "E")
    fileprivate static let upperL = UInt8(ascii: "L")
    fileprivate static let upperX = UInt8(ascii: "X")
    fileprivate static let backslash = UInt8(ascii: "\\")
    fileprivate static let lowerE = UInt8(ascii: "e")
    fileprivate static let lowerL = UInt8(ascii: "l")
    fileprivate static let lowerM = UInt8(ascii: "m")
    fileprivate static let lowerX = UInt8(ascii: "x")

    fileprivate var isBreakOrSpace: Bool {
        self == .space || self == .tab || self == .newline || self == .carriageReturn
    }
    fileprivate var isASCIILetter: Bool { (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self) }
    fileprivate var isDecimalDigit: Bool { (0x30...0x39).contains(self) }
    fileprivate var asciiLowercased: UInt8 { (0x41...0x5A).contains(self) ? self + 0x20 : self }
    /// C's `isspace` in the "C" locale, which PHP 8 keeps for `LC_CTYPE`.
    fileprivate var isCSpace: Bool { self == .space || (0x09...0x0D).contains(self) }
}

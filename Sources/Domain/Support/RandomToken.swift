/// Random identifiers from the system CSPRNG (`SystemRandomNumberGenerator` reads getrandom on Linux).
public enum RandomToken {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `bytes` random bytes as lowercase hex (twice as many characters).
    public static func hex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var characters: [UInt8] = []
        characters.reserveCapacity(bytes * 2)
        for _ in 0..<bytes {
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            characters.append(hexDigits[Int(byte >> 4)])
            characters.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: characters, as: UTF8.self)
    }

    /// `count` characters drawn uniformly from `alphabet`.
    public static func string(count: Int, alphabet: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let characters = Array(alphabet)
        return String((0..<count).map { _ in characters.randomElement(using: &generator)! })
    }
}

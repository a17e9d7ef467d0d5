import Foundation

/// SplitMix64: a small generator whose sequence depends only on its seed, so that a failing fuzz run can be replayed
/// exactly with `E2E_FUZZ_SEED`.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &self) < probability
    }

    mutating func pick<T>(_ choices: [T]) -> T {
        choices.randomElement(using: &self)!
    }

    mutating func bytes(_ count: Int) -> Data {
        var data = Data(capacity: count + 8)
        while data.count < count {
            withUnsafeBytes(of: next()) { data.append(contentsOf: $0) }
        }
        return data.prefix(count)
    }

    /// Letters and digits, so that the text itself is harmless and only its length is the attack. Long runs repeat
    /// a random 1 KiB block: the fuzz test makes thousands, and only their size matters.
    mutating func letters(_ count: Int) -> String {
        let block = count > 1_024 ? randomLetters(1_024) : randomLetters(count)
        guard count > 1_024 else { return block }
        return String(String(repeating: block, count: count / 1_024 + 1).prefix(count))
    }

    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)

    private mutating func randomLetters(_ count: Int) -> String {
        var letters: [UInt8] = []
        letters.reserveCapacity(count)
        while letters.count < count {
            var value = next()
            for _ in 0..<10 where letters.count < count {
                letters.append(Self.alphabet[Int(value % 62)])
                value /= 62
            }
        }
        return String(decoding: letters, as: UTF8.self)
    }
}

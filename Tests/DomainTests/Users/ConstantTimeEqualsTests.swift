import Domain
import Foundation
import Testing

@Suite("Constant-time comparison")
struct ConstantTimeEqualsTests {
    @Test("is true for equal bytes")
    func equal() {
        #expect(constantTimeEquals([1, 2, 3] as [UInt8], [1, 2, 3] as [UInt8]))
        #expect(constantTimeEquals(Data([9, 8]), [9, 8] as [UInt8]))
        #expect(constantTimeEquals([] as [UInt8], Data()))
    }

    @Test("is false when any byte differs", arguments: [0, 15, 31])
    func oneByteDiffers(position: Int) {
        let left = [UInt8](repeating: 7, count: 32)
        var right = left
        right[position] ^= 0x01
        #expect(!constantTimeEquals(left, right))
    }

    @Test("is false for different lengths")
    func lengths() {
        #expect(!constantTimeEquals([1, 2, 3] as [UInt8], [1, 2] as [UInt8]))
        #expect(!constantTimeEquals([] as [UInt8], [0] as [UInt8]))
    }
}

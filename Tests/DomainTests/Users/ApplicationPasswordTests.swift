import Domain
import Testing

@Suite("Application passwords")
struct ApplicationPasswordTests {
    static let alphanumerics = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

    @Test("are 24 letters and digits")
    func generated() {
        let password = ApplicationPassword.generate()
        #expect(password.rawValue.count == 24)
        #expect(password.rawValue.allSatisfy { Self.alphanumerics.contains($0) })
    }

    @Test("differ between calls")
    func random() {
        #expect(ApplicationPassword.generate().rawValue != ApplicationPassword.generate().rawValue)
    }

    @Test("are shown in six groups of four")
    func displayed() {
        #expect(ApplicationPassword("abcdEFGH1234ijklMNOP5678").displayed == "abcd EFGH 1234 ijkl MNOP 5678")
        let groups = ApplicationPassword.generate().displayed.split(separator: " ", omittingEmptySubsequences: false)
        #expect(groups.count == 6)
        #expect(groups.allSatisfy { $0.count == 4 })
    }

    @Test("ignore spaces when presented")
    func spacesIgnored() {
        #expect(ApplicationPassword("abcd EFGH 1234 ijkl MNOP 5678").rawValue == "abcdEFGH1234ijklMNOP5678")
        #expect(ApplicationPassword(" abcdEFGH1234 ijklMNOP5678 ").rawValue == "abcdEFGH1234ijklMNOP5678")
    }

    @Test("never print themselves")
    func redacted() {
        let password = ApplicationPassword("abcdEFGH1234ijklMNOP5678")
        #expect(!"\(password)".contains("abcd"))
    }
}

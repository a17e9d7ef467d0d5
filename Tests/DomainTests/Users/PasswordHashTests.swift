import Domain
import Testing

@Suite("Application password hashes")
struct PasswordHashTests {
    static let password = ApplicationPassword("abcdEFGH1234ijklMNOP5678")

    @Test("never contain the password")
    func hashHidesPassword() throws {
        let hash = try Self.password.hashed()
        #expect(hash.hasPrefix("pbkdf2-sha256$\(ApplicationPassword.rounds)$"))
        #expect(!hash.contains(Self.password.rawValue))
        #expect(!hash.contains("abcdEFGH"))
    }

    @Test("match the right password, with or without spaces")
    func matchesRightPassword() throws {
        let hash = try Self.password.hashed()
        #expect(Self.password.matches(storedHash: hash))
        #expect(ApplicationPassword(Self.password.displayed).matches(storedHash: hash))
    }

    @Test("do not match a wrong password")
    func rejectsWrongPassword() throws {
        let hash = try Self.password.hashed()
        #expect(!ApplicationPassword("abcdEFGH1234ijklMNOP5679").matches(storedHash: hash))
        #expect(!ApplicationPassword("ABCDEFGH1234IJKLMNOP5678").matches(storedHash: hash))
        #expect(!ApplicationPassword("").matches(storedHash: hash))
    }

    @Test("are salted, so one password hashes differently each time")
    func salted() throws {
        #expect(try Self.password.hashed() != Self.password.hashed())
    }

    @Test(
        "never match a malformed hash",
        arguments: [
            "", "plain", "pbkdf2-sha256$100000$c2FsdA==", "md5$1$c2FsdA==$aGFzaA==",
            "pbkdf2-sha256$0$c2FsdA==$aGFzaA==",
            "pbkdf2-sha256$-5$c2FsdA==$aGFzaA==", "pbkdf2-sha256$x$c2FsdA==$aGFzaA==", "pbkdf2-sha256$1$!!!$aGFzaA==",
            "pbkdf2-sha256$1$c2FsdA==$!!!", "pbkdf2-sha256$1$c2FsdA==$aGFzaA==",
            "pbkdf2-sha256$1$c2FsdA==$aGFzaA==$extra",
        ]
    )
    func malformed(hash: String) {
        #expect(!Self.password.matches(storedHash: hash))
    }
}

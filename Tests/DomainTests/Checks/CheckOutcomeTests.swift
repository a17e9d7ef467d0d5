import Domain
import Testing

@Suite("Check outcome words")
struct CheckOutcomeTests {
    static let words: [(CheckOutcome, String)] = [
        (.authorised(productID: 1), "AUTHORISED"),
        (.productNotFound, "NOT FOUND"),
        (.keyNotFound, "NOT FOUND"),
        (.disabledByStaff, "KEY DISABLED"),
        (.switchedOffByOwner, "NOT ACTIVE"),
        (.expired, "KEY EXPIRED"),
        (.ipMismatch(clientIP: "203.0.113.7"), "NOT AUTHORISED"),
    ]

    @Test("uses FaxStore's status words on the check and multiple APIs", arguments: words)
    func v2Words(outcome: CheckOutcome, word: String) {
        #expect(outcome.status(for: .check) == word)
        #expect(outcome.status(for: .multiple) == word)
    }

    @Test("says OK for a success on V1")
    func v1Success() {
        #expect(CheckOutcome.authorised(productID: 1).status(for: .v1) == "OK")
    }

    @Test("keeps the failure words on V1", arguments: words.dropFirst())
    func v1Failures(outcome: CheckOutcome, word: String) {
        #expect(outcome.status(for: .v1) == word)
    }

    @Test("passes only when authorised", arguments: words)
    func passesOnlyWhenAuthorised(outcome: CheckOutcome, word: String) {
        #expect(outcome.passes == (word == "AUTHORISED"))
    }
}

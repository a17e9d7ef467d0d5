import Domain
import Testing

@Suite("Check decision on the IP lock")
struct CheckDecisionIPLockTests {
    @Test("authorises a locked license called from its own IP")
    func matchingIPPasses() {
        let license = Fixture.license(ipLock: true, ip: "203.0.113.7")
        #expect(Fixture.decide(license, clientIP: "203.0.113.7") == .authorised(productID: 42))
    }

    @Test("compares addresses, so an IPv4-mapped client matches a plain IPv4 license")
    func mappedAddressMatches() {
        let license = Fixture.license(ipLock: true, ip: "203.0.113.7")
        #expect(Fixture.decide(license, clientIP: "::ffff:203.0.113.7") == .authorised(productID: 42))
    }

    @Test("names the client's IP, never the license's, when another IP calls")
    func otherIPIsRefused() {
        let license = Fixture.license(ipLock: true, ip: "203.0.113.7")
        #expect(Fixture.decide(license, clientIP: "198.51.100.20") == .ipMismatch(clientIP: "198.51.100.20"))
    }

    @Test("refuses every caller when the lock is on and no IP is set")
    func lockWithoutIP() {
        let license = Fixture.license(ipLock: true, ip: nil)
        #expect(Fixture.decide(license, clientIP: "203.0.113.7") == .ipMismatch(clientIP: "203.0.113.7"))
    }

    @Test("refuses a locked license when the client IP is unknown")
    func unknownClient() {
        let license = Fixture.license(ipLock: true, ip: "203.0.113.7")
        let outcome = Fixture.decide(license, clientIP: nil)
        #expect(!outcome.passes)
        guard case .ipMismatch = outcome else {
            Issue.record("expected ipMismatch, got \(outcome)")
            return
        }
    }

    @Test("ignores the IP while the lock is off")
    func lockOffIgnoresIP() {
        let license = Fixture.license(ipLock: false, ip: "203.0.113.7")
        #expect(Fixture.decide(license, clientIP: "198.51.100.20") == .authorised(productID: 42))
    }
}

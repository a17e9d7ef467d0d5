import Domain
import Testing

@Suite("IP addresses")
struct IPAddressTests {
    @Test(
        "writes addresses in canonical form",
        arguments: [
            ("203.0.113.7", "203.0.113.7"),
            ("::ffff:203.0.113.7", "203.0.113.7"),
            ("::FFFF:203.0.113.7", "203.0.113.7"),
            ("2001:0db8:0000::1", "2001:db8::1"),
            ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
            ("::1", "::1"),
            (" 203.0.113.7\n", "203.0.113.7"),
            ("\t2001:db8::1 ", "2001:db8::1"),
        ]
    )
    func canonicalForm(text: String, canonical: String) {
        #expect(IPAddress(text)?.description == canonical)
    }

    @Test("treats an IPv4-mapped IPv6 address as the IPv4 address")
    func mappedEqualsPlain() {
        #expect(IPAddress("::ffff:203.0.113.7") == IPAddress("203.0.113.7"))
    }

    @Test("compares IPv6 addresses however they are written")
    func ipv6Spellings() {
        #expect(IPAddress("2001:0db8:0000:0000:0000:0000:0000:0001") == IPAddress("2001:db8::1"))
        #expect(IPAddress("2001:db8::1") != IPAddress("2001:db8::2"))
    }

    @Test(
        "refuses what is not an address",
        arguments: [
            "", "   ", "not-an-ip", "256.1.1.1", "1.2.3", "203.0.113.7/24", "2001:db8::g", "2001:db8:::1",
            "203.0.113.7:80", "localhost",
        ]
    )
    func refusesGarbage(text: String) {
        #expect(IPAddress(text) == nil)
    }
}

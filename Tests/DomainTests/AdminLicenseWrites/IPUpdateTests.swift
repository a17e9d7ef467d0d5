import Domain
import Testing

@Suite("update_ip input")
struct IPUpdateTests {
    let address = IPAddress("203.0.113.7")!

    @Test("sets an IPv4 or IPv6 address in canonical form", arguments: ["203.0.113.7", "::ffff:203.0.113.7"])
    func sets(text: String) throws {
        let update = try IPUpdate(ip: .string(text), ipLock: nil)
        #expect(update.ip == .set(address))
    }

    @Test("clears the address for null or empty text")
    func clears() throws {
        #expect(try IPUpdate(ip: .null, ipLock: nil).ip == .clear)
        #expect(try IPUpdate(ip: "", ipLock: nil).ip == .clear)
        #expect(try IPUpdate(ip: "  ", ipLock: nil).ip == .clear)
    }

    @Test(
        "refuses what is not an address",
        arguments: [
            JSONValue.string("not-an-ip"), .string("256.1.1.1"), .string("203.0.113.0/24"), .integer(3_405_803_783),
            .bool(false), .array([]),
        ]
    )
    func refusesAddress(value: JSONValue) {
        #expect(throws: IPUpdate.Invalid.address) { try IPUpdate(ip: value, ipLock: nil) }
    }

    @Test("reads the lock as a boolean in WordPress's spellings")
    func lockSpellings() throws {
        let cases: [(JSONValue, Bool)] = [
            (.bool(true), true), (.string("yes"), true), (.string("1"), true), (.integer(0), false),
            (.string("off"), false), (.string("false"), false),
        ]
        for (value, flag) in cases {
            #expect(try IPUpdate(ip: nil, ipLock: value).ipLock == flag)
        }
    }

    @Test("refuses a lock that is not a boolean", arguments: [JSONValue.string("maybe"), .integer(2), .array([])])
    func refusesLock(value: JSONValue) {
        #expect(throws: IPUpdate.Invalid.lock) { try IPUpdate(ip: "203.0.113.7", ipLock: value) }
    }

    @Test("keeps the address and lock that are not sent")
    func keepsWhatIsNotSent() throws {
        let update = try IPUpdate(ip: nil, ipLock: nil)
        #expect(update.applied(to: address, locked: true) == (address, true))
    }

    @Test("changes only the lock when only the lock is sent")
    func lockOnly() throws {
        let update = try IPUpdate(ip: nil, ipLock: false)
        #expect(update.applied(to: address, locked: true) == (address, false))
    }

    @Test("keeps the lock when only the address changes")
    func addressOnly() throws {
        let other = IPAddress("2001:db8::1")!
        let update = try IPUpdate(ip: "2001:db8::1", ipLock: nil)
        #expect(update.applied(to: address, locked: true) == (other, true))
    }

    @Test("turns the lock off when the address is cleared, whatever ip_lock says")
    func clearingUnlocks() throws {
        let update = try IPUpdate(ip: "", ipLock: true)
        #expect(update.applied(to: address, locked: true) == (nil, false))
    }
}

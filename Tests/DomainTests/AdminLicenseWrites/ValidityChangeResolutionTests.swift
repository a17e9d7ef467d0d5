import Domain
import Foundation
import Testing

@Suite("extend-validity: the new expiry")
struct ValidityChangeResolutionTests {
    let now = Fixture.now

    @Test("adds days to a future expiry")
    func daysFromFutureExpiry() {
        let current = now + Fixture.days(10)
        #expect(ValidityChange.days(30).resolve(current: current, now: now) == .date(current + Fixture.days(30)))
    }

    @Test("adds days to now when the expiry has passed")
    func daysFromNow() {
        let current = now - Fixture.days(100)
        #expect(ValidityChange.days(30).resolve(current: current, now: now) == .date(now + Fixture.days(30)))
    }

    @Test("keeps a lifetime license lifetime when days are added")
    func lifetimeStaysLifetime() {
        #expect(ValidityChange.days(30).resolve(current: nil, now: now) == .lifetime)
    }

    @Test("sets a given date or lifetime whatever the current expiry")
    func givenValues() {
        let date = now - Fixture.days(3)
        #expect(ValidityChange.date(date).resolve(current: nil, now: now) == .date(date))
        #expect(ValidityChange.lifetime.resolve(current: now, now: now) == .lifetime)
    }

    @Test("keeps whole seconds, as every stored timestamp")
    func wholeSeconds() {
        let fractional = now.addingTimeInterval(0.75)
        #expect(ValidityChange.days(1).resolve(current: nil, now: fractional) == .lifetime)
        #expect(ValidityChange.days(1).resolve(current: now, now: fractional) == .date(now + Fixture.days(1)))
    }

    @Test("refuses a result past year 9999")
    func pastYear9999() {
        let late = ValidityChange.parseDate("9999-12-01")!
        #expect(ValidityChange.days(60).resolve(current: late, now: now) == nil)
        #expect(
            ValidityChange.date(ValidityChange.parseDate("9999-12-31T23:00:00-02:00")!).resolve(
                current: nil,
                now: now
            ) == nil
        )
    }
}

@Suite("extend-validity: the message")
struct ValidityOutcomeTests {
    let old = Fixture.now

    @Test("marks lifetime whenever the new value is lifetime")
    func lifetime() {
        #expect(ValidityOutcome(old: old, new: .lifetime) == .markedLifetime)
        #expect(ValidityOutcome(old: nil, new: .lifetime) == .markedLifetime)
    }

    @Test("says reduced for an earlier date, or any date after lifetime")
    func reduced() {
        #expect(ValidityOutcome(old: old, new: .date(old - 1)) == .reduced)
        #expect(ValidityOutcome(old: nil, new: .date(old + Fixture.days(3650))) == .reduced)
    }

    @Test("says extended for a later or an unchanged date")
    func extended() {
        #expect(ValidityOutcome(old: old, new: .date(old + 1)) == .extended)
        #expect(ValidityOutcome(old: old, new: .date(old)) == .extended)
    }

    @Test("compares instants, not text: a later-looking date with an offset can be earlier")
    func comparesAsDates() throws {
        // 2025-01-15T12:00:00+05:00 reads later than 2025-01-15 10:30:00 but is 07:00 UTC.
        let new = try #require(ValidityChange.parseDate("2025-01-15T12:00:00+05:00"))
        #expect(ValidityOutcome(old: old, new: .date(new)) == .reduced)
    }
}

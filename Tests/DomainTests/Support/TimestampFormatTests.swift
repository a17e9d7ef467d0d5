import Domain
import Foundation
import Testing

@Suite("Timestamp formats")
struct TimestampFormatTests {
    @Test("writes FluentCart's wire form in UTC")
    func wire() {
        #expect(Timestamp.wire(Fixture.now) == "2025-01-15 10:30:00")
    }

    @Test("drops fractions of a second")
    func wholeSeconds() {
        #expect(Timestamp.wire(Fixture.now + 0.999) == "2025-01-15 10:30:00")
    }

    @Test("writes ISO 8601 with a +00:00 offset")
    func iso8601() {
        #expect(Timestamp.iso8601(Fixture.now) == "2025-01-15T10:30:00+00:00")
    }

    @Test("pads every field to its width")
    func padding() {
        let early = Date(timeIntervalSince1970: 946_688_461)  // 2000-01-01 01:01:01 UTC
        #expect(Timestamp.wire(early) == "2000-01-01 01:01:01")
    }
}

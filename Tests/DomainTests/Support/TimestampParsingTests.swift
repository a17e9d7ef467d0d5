import Domain
import Foundation
import Testing

@Suite("Timestamp parsing")
struct TimestampParsingTests {
    @Test("reads a CLI date as midnight UTC")
    func cliDate() {
        #expect(Timestamp.parseCLI("2025-01-15") == Date(timeIntervalSince1970: 1_736_899_200))
    }

    @Test("reads a CLI date and time as UTC")
    func cliDateTime() {
        #expect(Timestamp.parseCLI("2025-01-15 10:30:00") == Fixture.now)
    }

    @Test("reads the 29th of February of a leap year")
    func leapDay() {
        #expect(Timestamp.parseCLI("2024-02-29").map(Timestamp.wire) == "2024-02-29 00:00:00")
    }

    @Test("reads back what it writes")
    func roundTrip() {
        #expect(Timestamp.parseCLI(Timestamp.wire(Fixture.now)) == Fixture.now)
    }

    @Test(
        "refuses dates that do not exist and text that is not a date",
        arguments: [
            "2025-02-30", "2025-13-01", "2025-00-10", "2025-01-00", "2023-02-29", "2025-01-15 24:00:00",
            "2025-01-15 10:60:00", "2025-01-15 10:30:60", "junk", "", "2025/01/15", "15-01-2025", "2025-01-15T10:30:00",
            "2025-01-15 10:30", "tomorrow!!",
        ]
    )
    func refusesCLI(text: String) {
        #expect(Timestamp.parseCLI(text) == nil)
    }

    @Test("reads PostgreSQL's output with microseconds")
    func postgresFraction() throws {
        let date = try #require(Timestamp.parsePostgres("2025-01-15 10:30:00.123456+00"))
        #expect(abs(date.timeIntervalSince(Fixture.now) - 0.123456) < 0.000_001)
    }

    @Test(
        "applies PostgreSQL's offset",
        arguments: [
            ("2025-01-15 10:30:00+00", 0.0),
            ("2025-01-15 10:30:00+02", -7200),
            ("2025-01-15 10:30:00-05:30", 19_800),
            ("2025-01-15T10:30:00+00", 0),
        ]
    )
    func postgresOffset(text: String, shift: TimeInterval) {
        #expect(Timestamp.parsePostgres(text) == Fixture.now + shift)
    }

    @Test(
        "refuses PostgreSQL text that is not a timestamp",
        arguments: ["", "infinity", "2025-01-15", "junk-junk-junk-junk"]
    )
    func refusesPostgres(text: String) {
        #expect(Timestamp.parsePostgres(text) == nil)
    }
}

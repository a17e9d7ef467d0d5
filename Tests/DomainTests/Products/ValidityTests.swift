import Domain
import Testing

@Suite("Validity")
struct ValidityTests {
    @Test(
        "parses the CLI's validity",
        arguments: [
            ("lifetime", Validity.lifetime),
            ("Lifetime", Validity.lifetime),
            ("1 year", Validity(unit: .year, value: 1)),
            ("3 months", Validity(unit: .month, value: 3)),
            ("2 weeks", Validity(unit: .week, value: 2)),
            ("1 day", Validity(unit: .day, value: 1)),
            ("30 Days", Validity(unit: .day, value: 30)),
        ]
    )
    func parses(text: String, validity: Validity) {
        #expect(Validity(parsing: text) == validity)
    }

    @Test(
        "refuses what is not a validity",
        arguments: [
            "0 day", "-1 day", "2 fortnights", "", "year", "1", "1 lifetime", "one year", "1 year 2 months",
            "1.5 years",
        ]
    )
    func refuses(text: String) {
        #expect(Validity(parsing: text) == nil)
    }

    @Test("writes the settings JSON")
    func json() {
        #expect(Validity(unit: .month, value: 3).json.serialized == #"{"unit":"month","value":3}"#)
        #expect(Validity.lifetime.json.serialized == #"{"unit":"lifetime","value":1}"#)
    }

    @Test(
        "reads back the settings JSON it writes",
        arguments: [
            Validity.lifetime, Validity(unit: .day, value: 10), Validity(unit: .week, value: 2),
            Validity(unit: .month, value: 3), Validity(unit: .year, value: 1),
        ]
    )
    func roundTrip(validity: Validity) {
        #expect(Validity(json: validity.json) == validity)
    }

    @Test("reads a value given as text and a lifetime without value")
    func lenientJSON() {
        #expect(Validity(json: .object(["unit": "month", "value": "6"])) == Validity(unit: .month, value: 6))
        #expect(Validity(json: .object(["unit": "lifetime"])) == .lifetime)
    }

    @Test(
        "refuses settings JSON with an unknown unit or a value below 1",
        arguments: [
            JSONValue.object(["unit": "fortnight", "value": 1]), .object(["unit": "year", "value": 0]),
            .object(["unit": "year"]), .object(["value": 1]), .null, .string("1 year"),
        ]
    )
    func refusesJSON(json: JSONValue) {
        #expect(Validity(json: json) == nil)
    }

    @Test("gives a PostgreSQL interval, none for lifetime")
    func postgresInterval() {
        #expect(Validity(unit: .month, value: 3).postgresInterval == "3 month")
        #expect(Validity(unit: .year, value: 1).postgresInterval == "1 year")
        #expect(Validity.lifetime.postgresInterval == nil)
    }
}

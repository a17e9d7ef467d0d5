import Domain
import Testing

@Suite("License list advanced filters")
struct LicenseAdvancedFilterTests {
    func groups(_ json: String) throws -> [[LicenseSearchCondition]] {
        try LicenseSearch.advancedGroups(.string(json))
    }

    @Test("reads groups of property/operator/value items from JSON text")
    func readsGroups() throws {
        let result = try groups(
            #"[[{"property":"status","operator":"=","value":"active"},{"property":"id","operator":">","value":5}],"#
                + #"[{"property":"product_id","operator":"in","value":[1,2]}]]"#
        )
        #expect(
            result == [
                [
                    LicenseSearchCondition(field: .status, op: .equal, operands: [.text("active")]),
                    LicenseSearchCondition(field: .id, op: .greater, operands: [.integer(5)]),
                ],
                [LicenseSearchCondition(field: .productID, op: .oneOf, operands: [.integer(1), .integer(2)])],
            ]
        )
    }

    @Test("takes an array from a JSON body as it is")
    func readsArrays() throws {
        let item: JSONValue = .object(["property": "key", "operator": "!=", "value": "abc"])
        #expect(
            try LicenseSearch.advancedGroups(.array([.array([item])]))
                == [[LicenseSearchCondition(field: .licenseKey, op: .notEqual, operands: [.text("abc")])]]
        )
    }

    @Test("reads FluentCart's own item shape, source [provider, property]")
    func readsSource() throws {
        #expect(
            try groups(#"[[{"source":["license","license_key"],"operator":"=","value":"k"}]]"#)
                == [[LicenseSearchCondition(field: .licenseKey, op: .equal, operands: [.text("k")])]]
        )
    }

    @Test("reads in as a list or a comma list, and :: as a pair or a-b")
    func listsAndRanges() throws {
        #expect(
            try groups(#"[[{"property":"id","operator":"in","value":"3, 4,5"}]]"#)
                == [
                    [LicenseSearchCondition(field: .id, op: .oneOf, operands: [.integer(3), .integer(4), .integer(5)])]
                ]
        )
        #expect(
            try groups(#"[[{"property":"limit","operator":"::","value":[1,3]}]]"#)
                == [[LicenseSearchCondition(field: .limit, op: .range, operands: [.integer(1), .integer(3)])]]
        )
        #expect(
            try groups(#"[[{"property":"limit","operator":"::","value":"1-3"}]]"#)
                == [[LicenseSearchCondition(field: .limit, op: .range, operands: [.integer(1), .integer(3)])]]
        )
    }

    @Test("skips items without a property or an operator, and groups left empty, as FluentCart")
    func skipsIncompleteItems() throws {
        #expect(
            try groups(
                #"[[{"property":"","operator":"=","value":1},{"property":"id","value":1}],"#
                    + #"[{"property":"id","operator":"=","value":1},{"operator":"=","value":2}]]"#
            ) == [[LicenseSearchCondition(field: .id, op: .equal, operands: [.integer(1)])]]
        )
    }

    @Test("reads nothing from an absent, null, empty or [] value", arguments: [nil, JSONValue.null, "", " ", "[]"])
    func empty(value: JSONValue?) throws {
        #expect(try LicenseSearch.advancedGroups(value).isEmpty)
    }

    @Test(
        "refuses what it cannot read, with a message",
        arguments: [
            "{not json", #"{"a":"x"}"#, "5", "[5]", "[[5]]",
            #"[[{"property":"password","operator":"=","value":"x"}]]"#,
            #"[[{"property":"id","operator":"LIKE","value":"x"}]]"#,
            #"[[{"property":"id","operator":"=","value":"abc"}]]"#,
            #"[[{"property":"id","operator":"=","value":true}]]"#,
            #"[[{"property":"id","operator":"="}]]"#,
            #"[[{"property":"id","operator":"::","value":[1]}]]"#,
            #"[[{"property":"id","operator":"=","value":[1,2]}]]"#,
            #"[[{"property":"id","operator":"in","value":[1,{"a":1}]}]]"#,
            #"[[{"property":"id; DROP TABLE licenses","operator":"=","value":1}]]"#,
        ]
    )
    func refuses(json: String) {
        #expect(throws: DomainError.self) { try groups(json) }
    }

    @Test("refuses more than 100 items in all")
    func tooMany() throws {
        let item = #"{"property":"id","operator":"=","value":1}"#
        let hundred = "[[" + Array(repeating: item, count: 100).joined(separator: ",") + "]]"
        #expect(try groups(hundred).first?.count == 100)
        let more =
            "[[" + Array(repeating: item, count: 50).joined(separator: ",") + "],["
            + Array(repeating: item, count: 51).joined(separator: ",") + "]]"
        #expect(throws: DomainError.self) { try groups(more) }
    }
}

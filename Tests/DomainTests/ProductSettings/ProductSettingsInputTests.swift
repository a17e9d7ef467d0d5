import Domain
import Testing

@Suite("Product settings as POST reads them")
struct ProductSettingsInputTests {
    let current = ProductSettings(
        stored: parsed(
            #"{"enabled":"yes","version":"1.0.0","variations":{"43":{"variation_id":43,"activation_limit":3,"validity":{"unit":"year","value":1}}}}"#
        ),
        changelog: "",
        licenseKeys: "",
        existing: [.init(id: 43, title: "Three sites"), .init(id: 44, title: "Unlimited")]
    )

    func apply(_ settings: String) throws(ProductSettingsError) -> ProductSettings {
        try ProductSettingsInput.apply(parsed(settings), to: current)
    }

    /// The 422 field map a body is refused with, as JSON text.
    func refusal(_ settings: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        do {
            _ = try apply(settings)
            Issue.record("accepted \(settings)", sourceLocation: sourceLocation)
            return nil
        } catch {
            return JSONValue.object(error.fields).serialized
        }
    }

    @Test("posting the GET answer unchanged gives the same settings")
    func roundTrip() throws {
        #expect(try ProductSettingsInput.apply(current.json, to: current) == current)
        var withDisplay = current.json
        if case .object(var object) = withDisplay {
            object["is_bundle_product"] = false
            withDisplay = .object(object)
        }
        #expect(try ProductSettingsInput.apply(withDisplay, to: current) == current)
    }

    @Test("takes variations as GET's list or as a map by variation id, ignoring display-only keys and unknown ids")
    func variationForms() throws {
        let fromList = try apply(
            #"{"variations":[{"variation_id":44,"activation_limit":"7","validity":{"unit":"month","value":"3"},"title":"ignored","media":{"id":1}},{"variation_id":999,"activation_limit":-1}]}"#
        )
        #expect(fromList.variations[1].activationLimit == 7)
        #expect(fromList.variations[1].validity == Validity(unit: .month, value: 3))
        #expect(fromList.variations[1].title == "Unlimited")
        #expect(fromList.variations[0] == current.variations[0])
        let fromMap = try apply(#"{"variations":{"43":{"activation_limit":""},"44":{"activation_limit":0}}}"#)
        #expect(fromMap.variations.map(\.activationLimit) == [nil, 0])
        #expect(fromMap.variations[0].validity == Validity(unit: .year, value: 1))
    }

    @Test("keys left out keep their values")
    func partial() throws {
        let updated = try apply(#"{"version":"1.1.0"}"#)
        var expected = current
        expected.version = "1.1.0"
        #expect(updated == expected)
    }

    @Test("applies every field")
    func everyField() throws {
        let updated = try apply(
            #"{"enabled":"no","version":2.5,"global_update_file":{"driver":"local","path":"acme/acme-2.5.zip"},"wp":{"is_wp":"no","banner_url":"https://cdn.example/b.png","required_php":8.1},"prefix":"ac_","changelog":"<p>New</p>","license_keys":"a\nb"}"#
        )
        #expect(!updated.enabled && updated.version == "2.5")
        #expect(updated.updateFile == ProductSettings.UpdateFile(driver: .local, path: "acme/acme-2.5.zip"))
        #expect(!updated.wordPress.isWordPress && updated.wordPress.bannerURL == "https://cdn.example/b.png")
        #expect(updated.wordPress.requiredPHP == "8.1")
        #expect(updated.prefix == "ac_" && updated.changelog == "<p>New</p>" && updated.licenseKeys == "a\nb")
        #expect(try apply(#"{"global_update_file":null}"#).updateFile == nil)
    }

    @Test("licensing on without a version is refused with FluentCart's message")
    func versionRequired() {
        #expect(refusal(#"{"version":""}"#) == #"{"version":{"required":"The version field is required."}}"#)
        #expect(
            refusal(#"{"enabled":"yes","version":"  "}"#)
                == #"{"version":{"required":"The version field is required."}}"#
        )
        #expect(throws: Never.self) { try apply(#"{"enabled":"no","version":""}"#) }
    }

    @Test("names the variation and its title in validity and limit failures")
    func variationFailures() {
        #expect(
            refusal(#"{"variations":[{"variation_id":43,"validity":{"unit":"","value":1}}]}"#)
                == #"{"variations.43.validity.unit":{"required":"Validity type is required for Three sites."}}"#
        )
        #expect(
            refusal(#"{"variations":{"44":{"activation_limit":-1}}}"#)
                == #"{"variations.44.activation_limit":{"min":"Activation limit must be empty or 0 or more for Unlimited."}}"#
        )
        #expect(
            refusal(#"{"variations":{"44":{"activation_limit":"two"}}}"#)
                == #"{"variations.44.activation_limit":{"min":"Activation limit must be empty or 0 or more for Unlimited."}}"#
        )
        #expect(refusal(#"{"variations":{"43":{"validity":{"unit":"century","value":1}}}}"#)?.contains("unit") == true)
        #expect(refusal(#"{"variations":{"43":{"validity":{"unit":"month","value":0}}}}"#)?.contains("value") == true)
    }

    @Test(
        "refuses a prefix outside [A-Za-z0-9_-]{0,32}",
        arguments: ["a b", "key/", String(repeating: "a", count: 33)]
    )
    func prefix(prefix: String) {
        #expect(
            refusal(#"{"prefix":"\#(prefix)"}"#)
                == #"{"prefix":{"regex":"The prefix may only contain letters, digits, - and _."}}"#
        )
    }

    @Test(
        "refuses a local file outside DOWNLOADS_DIR and a remote file that is not http(s)",
        arguments: [
            #"{"driver":"local","path":"../secret.zip"}"#, #"{"driver":"local","path":"/etc/passwd"}"#,
            #"{"driver":"local","path":""}"#, #"{"driver":"remote","url":"ftp://x/a.zip"}"#,
            #"{"driver":"s3","path":"a.zip"}"#, #""7""#,
        ]
    )
    func updateFile(file: String) {
        #expect(refusal(#"{"global_update_file":\#(file)}"#)?.hasPrefix(#"{"global_update_file"#) == true)
    }

    @Test("collects every failure in field order")
    func everyFailure() {
        #expect(
            refusal(#"{"enabled":"yes","version":"","variations":{"43":{"activation_limit":-1}},"prefix":"?"}"#)
                == #"{"version":{"required":"The version field is required."},"#
                + #""variations.43.activation_limit":{"min":"Activation limit must be empty or 0 or more for Three sites."},"#
                + #""prefix":{"regex":"The prefix may only contain letters, digits, - and _."}}"#
        )
    }

    @Test("refuses a missing or non-object settings value", arguments: ["null", "[]", #""yes""#])
    func missingSettings(body: String) {
        #expect(throws: ProductSettingsError.self) { try ProductSettingsInput.apply(parsed(body), to: current) }
        #expect(throws: ProductSettingsError.self) { try ProductSettingsInput.apply(nil, to: current) }
    }

    @Test("drops NUL characters, which PostgreSQL cannot store")
    func nul() throws {
        #expect(try apply(#"{"changelog":"a\u0000b"}"#).changelog == "ab")
    }
}

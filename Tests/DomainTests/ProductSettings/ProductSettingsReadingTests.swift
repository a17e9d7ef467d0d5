import Domain
import Testing

@Suite("Product settings as GET shows them")
struct ProductSettingsReadingTests {
    let variations = [
        ProductSettings.ExistingVariation(id: 43, title: "Three sites"),
        ProductSettings.ExistingVariation(
            id: 44,
            title: "Yearly",
            paymentType: "subscription",
            repeatInterval: "yearly"
        ),
    ]

    func read(_ stored: String?, existing: [ProductSettings.ExistingVariation]? = nil) -> ProductSettings {
        ProductSettings(
            stored: stored.flatMap { parsed($0) },
            changelog: "<h4>1.5.0</h4>",
            licenseKeys: "",
            existing: existing ?? variations
        )
    }

    @Test("shows §8's keys in order, one entry per existing variation with the display-only keys")
    func shape() {
        let settings = read(
            #"{"enabled":"yes","version":"1.5.0","prefix":"fct-","global_update_file":{"id":"7","driver":"local","path":"acme/acme-1.5.0.zip","url":""},"variations":{"43":{"variation_id":43,"activation_limit":3,"validity":{"unit":"year","value":1}}},"wp":{"is_wp":"yes","readme_url":"","banner_url":"","icon_url":"","required_php":"7.4","required_wp":"6.0"}}"#
        )
        #expect(
            settings.json.serialized
                == #"{"enabled":"yes","version":"1.5.0","global_update_file":{"id":"7","driver":"local","#
                + #""path":"acme/acme-1.5.0.zip","url":""},"variations":[{"variation_id":43,"activation_limit":3,"#
                + #""validity":{"unit":"year","value":1},"title":"Three sites","media":null,"subscription_info":"","#
                + #""setup_fee_info":""},{"variation_id":44,"activation_limit":"","validity":{"unit":"year","value":1},"#
                + #""title":"Yearly","media":null,"subscription_info":"","setup_fee_info":""}],"wp":{"is_wp":"yes","#
                + #""readme_url":"","banner_url":"","icon_url":"","required_php":"7.4","required_wp":"6.0"},"#
                + #""prefix":"fct-","changelog":"<h4>1.5.0</h4>","license_keys":""}"#
        )
    }

    @Test("without a record: licensing off, no file, defaults for every variation")
    func defaults() {
        let settings = read(nil)
        #expect(!settings.enabled && settings.version == "" && settings.updateFile == nil && settings.prefix == "")
        #expect(settings.variations.map(\.activationLimit) == [nil, nil])
        #expect(settings.variations.map(\.validity) == [.lifetime, Validity(unit: .year, value: 1)])
        #expect(settings.wordPress == ProductSettings.WordPress())
    }

    @Test(
        "the default validity follows billing",
        arguments: [
            ("onetime", nil, Validity.lifetime),
            ("subscription", "monthly", Validity(unit: .month, value: 1)),
            ("subscription", "quarterly", Validity(unit: .month, value: 3)),
            ("subscription", "half_yearly", Validity(unit: .month, value: 6)),
            ("subscription", "yearly", Validity(unit: .year, value: 1)),
            ("subscription", "weekly", Validity(unit: .week, value: 1)),
            ("subscription", "daily", Validity(unit: .day, value: 1)),
        ] as [(String, String?, Validity)]
    )
    func billingDefaults(paymentType: String, interval: String?, validity: Validity) {
        let variation = ProductSettings.ExistingVariation(
            id: 1,
            title: "",
            paymentType: paymentType,
            repeatInterval: interval
        )
        #expect(variation.defaultValidity == validity)
    }

    @Test("prunes the settings of deleted variations and reads a stored list as well as a map")
    func pruning() {
        let fromMap = read(
            #"{"variations":{"43":{"activation_limit":"2"},"99":{"activation_limit":5}}}"#,
            existing: [variations[0]]
        )
        #expect(fromMap.variations.map(\.variationID) == [43])
        #expect(fromMap.variations[0].activationLimit == 2)
        let fromList = read(
            #"{"variations":[{"variation_id":"43","activation_limit":4,"validity":{"unit":"month","value":"6"}}]}"#,
            existing: [variations[0]]
        )
        #expect(fromList.variations[0].activationLimit == 4)
        #expect(fromList.variations[0].validity == Validity(unit: .month, value: 6))
    }

    @Test("an unusable stored file or limit reads as none")
    func unusableValues() {
        let settings = read(
            #"{"global_update_file":{"driver":"local","path":"../etc/passwd"},"variations":{"43":{"activation_limit":-3}}}"#
        )
        #expect(settings.updateFile == nil)
        #expect(settings.variations[0].activationLimit == nil)
    }

    @Test("stores FluentCart's record: variations as a map by id, which LicenseSettings and license issuing read")
    func storedForm() {
        var settings = read(nil)
        settings.enabled = true
        settings.version = "2.0.0"
        settings.prefix = "acme-"
        settings.variations[0].activationLimit = 3
        settings.updateFile = ProductSettings.UpdateFile(id: "", driver: .remote, url: "https://cdn.example/a.zip")
        let stored = settings.storedJSON
        #expect(
            stored.serialized
                == #"{"enabled":"yes","version":"2.0.0","global_update_file":{"id":"","driver":"remote","path":"","#
                + #""url":"https://cdn.example/a.zip"},"variations":{"43":{"variation_id":43,"activation_limit":3,"#
                + #""validity":{"unit":"lifetime","value":1}},"44":{"variation_id":44,"activation_limit":"","#
                + #""validity":{"unit":"year","value":1}}},"wp":{"is_wp":"yes","readme_url":"","banner_url":"","#
                + #""icon_url":"","required_php":"","required_wp":""},"prefix":"acme-"}"#
        )
        let publicView = LicenseSettings(json: stored)
        #expect(publicView.enabled && publicView.version == "2.0.0" && publicView.prefix == "acme-")
        #expect(publicView.updateFile == .remote(url: "https://cdn.example/a.zip"))
        #expect(read(stored.serialized) == settings)
    }

    @Test("the audit form leaves out license_keys")
    func audit() {
        var settings = read(nil)
        settings.licenseKeys = "secret-key-1\nsecret-key-2"
        #expect(settings.auditJSON["license_keys"] == nil)
        #expect(settings.auditJSON["changelog"] == "<h4>1.5.0</h4>")
    }
}

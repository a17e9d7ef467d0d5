/// A product's whole FluentCart license settings record (fluentcart.md §8), as `licensing/products/{id}/settings`
/// shows and saves it. `LicenseSettings` reads the parts the public protocol needs from the same stored JSON; this
/// type writes that JSON in the shape `ProductStore` and `ReleaseStore` write it (variations as a map keyed by
/// variation id), so every reader keeps working.
public struct ProductSettings: Sendable, Equatable {
    /// Licensing on (`"yes"`) or off (`"no"`, the default).
    public var enabled: Bool
    /// The latest version, served as `new_version`.
    public var version: String
    /// The release package; nil when there is none.
    public var updateFile: UpdateFile?
    /// One entry per existing variation, in variation id order; settings of deleted variations are pruned.
    public var variations: [Variation]
    public var wordPress: WordPress
    /// Prepended to new keys; `[A-Za-z0-9_-]{0,32}`.
    public var prefix: String
    /// HTML, a separate column.
    public var changelog: String
    /// Saved and never used, as in FluentCart; a separate column.
    public var licenseKeys: String

    /// Where the release package lives [O: FluentCart answers only a download record's id].
    public struct UpdateFile: Sendable, Equatable {
        public enum Driver: String, Sendable {
            /// A file under `DOWNLOADS_DIR`, streamed by nginx.
            case local
            /// A file elsewhere; downloads are redirected to it.
            case remote
        }

        /// The `product_releases` id when `product release` stored the file, as text (FluentCart's ids are strings).
        public var id: String
        public var driver: Driver
        /// Relative to `DOWNLOADS_DIR`, for `local`; `""` otherwise.
        public var path: String
        /// An http(s) URL, for `remote`; `""` otherwise.
        public var url: String

        public init(id: String = "", driver: Driver, path: String = "", url: String = "") {
            self.id = id
            self.driver = driver
            self.path = driver == .local ? path : ""
            self.url = driver == .remote ? url : ""
        }

        /// `{"id","driver","path","url"}`, the stored and the shown form.
        public var json: JSONValue {
            .object([
                "id": .string(id), "driver": .string(driver.rawValue), "path": .string(path), "url": .string(url),
            ])
        }

        /// nil unless the value is an object with a usable driver and location; the same rule as `LicenseSettings`.
        init?(json: JSONValue?) {
            guard let json, case .object = json else { return nil }
            let id = ProductSettings.text(json["id"]) ?? ""
            switch json["driver"]?.stringValue {
            case "local":
                let path = ProductSettings.text(json["path"]) ?? ""
                guard LicenseSettings.isSafeRelativePath(path) else { return nil }
                self.init(id: id, driver: .local, path: path)
            case "remote":
                let url = ProductSettings.text(json["url"]) ?? ""
                guard Self.isWebURL(url) else { return nil }
                self.init(id: id, driver: .remote, url: url)
            default:
                return nil
            }
        }

        /// Remote packages are fetched by WordPress sites: http or https only.
        static func isWebURL(_ url: String) -> Bool {
            let lowered = url.lowercased()
            return (lowered.hasPrefix("https://") && lowered.utf8.count > 8)
                || (lowered.hasPrefix("http://") && lowered.utf8.count > 7)
        }
    }

    /// One variation's licensing: how many sites and for how long.
    public struct Variation: Sendable, Equatable {
        public var variationID: Int64
        /// The variation's title, for display and for validation messages; not stored in the settings.
        public var title: String
        /// nil is FluentCart's `""`; nil and 0 both mean unlimited.
        public var activationLimit: Int64?
        public var validity: Validity

        public init(variationID: Int64, title: String, activationLimit: Int64?, validity: Validity) {
            self.variationID = variationID
            self.title = title
            self.activationLimit = activationLimit
            self.validity = validity
        }

        var limitJSON: JSONValue { activationLimit.map(JSONValue.integer) ?? .string("") }

        /// The shown form, keys in §8's order; `media`, `subscription_info` and `setup_fee_info` are display-only
        /// and always empty [O].
        public var json: JSONValue {
            .object([
                "variation_id": .integer(variationID), "activation_limit": limitJSON, "validity": validity.json,
                "title": .string(title), "media": .null, "subscription_info": "", "setup_fee_info": "",
            ])
        }

        /// The stored form, as `ProductStore` writes it.
        var storedJSON: JSONValue {
            .object(["variation_id": .integer(variationID), "activation_limit": limitJSON, "validity": validity.json])
        }
    }

    /// What WordPress's update screen shows.
    public struct WordPress: Sendable, Equatable {
        public var isWordPress: Bool
        public var readmeURL: String
        public var bannerURL: String
        public var iconURL: String
        public var requiredPHP: String
        public var requiredWordPress: String

        public init(
            isWordPress: Bool = true,
            readmeURL: String = "",
            bannerURL: String = "",
            iconURL: String = "",
            requiredPHP: String = "",
            requiredWordPress: String = ""
        ) {
            self.isWordPress = isWordPress
            self.readmeURL = readmeURL
            self.bannerURL = bannerURL
            self.iconURL = iconURL
            self.requiredPHP = requiredPHP
            self.requiredWordPress = requiredWordPress
        }

        public var json: JSONValue {
            .object([
                "is_wp": .string(isWordPress ? "yes" : "no"), "readme_url": .string(readmeURL),
                "banner_url": .string(bannerURL), "icon_url": .string(iconURL), "required_php": .string(requiredPHP),
                "required_wp": .string(requiredWordPress),
            ])
        }

        /// Missing or mistyped keys read as their defaults.
        init(json: JSONValue?) {
            self.init(
                isWordPress: json?["is_wp"]?.stringValue != "no",
                readmeURL: ProductSettings.text(json?["readme_url"]) ?? "",
                bannerURL: ProductSettings.text(json?["banner_url"]) ?? "",
                iconURL: ProductSettings.text(json?["icon_url"]) ?? "",
                requiredPHP: ProductSettings.text(json?["required_php"]) ?? "",
                requiredWordPress: ProductSettings.text(json?["required_wp"]) ?? ""
            )
        }
    }

    /// A variation of the product as `product_variations` holds it: what the settings list and default from.
    public struct ExistingVariation: Sendable, Equatable {
        public var id: Int64
        public var title: String
        public var paymentType: String
        public var repeatInterval: String?

        public init(id: Int64, title: String, paymentType: String = "onetime", repeatInterval: String? = nil) {
            self.id = id
            self.title = title
            self.paymentType = paymentType
            self.repeatInterval = repeatInterval
        }

        /// The validity a variation gets until one is saved: it follows billing (§8). One-time purchases last a
        /// lifetime; a subscription lasts one billing period. Daily and weekly periods, which §8 does not list, last
        /// a day and a week; a subscription without a period counts as one-time [O].
        public var defaultValidity: Validity {
            guard paymentType == "subscription" else { return .lifetime }
            switch repeatInterval {
            case "daily"?: return Validity(unit: .day, value: 1)
            case "weekly"?: return Validity(unit: .week, value: 1)
            case "monthly"?: return Validity(unit: .month, value: 1)
            case "quarterly"?: return Validity(unit: .month, value: 3)
            case "half_yearly"?: return Validity(unit: .month, value: 6)
            case "yearly"?: return Validity(unit: .year, value: 1)
            default: return .lifetime
            }
        }
    }

    public init(
        enabled: Bool = false,
        version: String = "",
        updateFile: UpdateFile? = nil,
        variations: [Variation] = [],
        wordPress: WordPress = WordPress(),
        prefix: String = "",
        changelog: String = "",
        licenseKeys: String = ""
    ) {
        self.enabled = enabled
        self.version = version
        self.updateFile = updateFile
        self.variations = variations
        self.wordPress = wordPress
        self.prefix = prefix
        self.changelog = changelog
        self.licenseKeys = licenseKeys
    }

    /// Reads the stored record (nil when the product has none) for the product's existing variations: one entry
    /// each, from its stored settings or from the defaults, in `existing`'s order. Stored entries of variations that
    /// no longer exist are dropped [FC]. Missing or mistyped keys read as their defaults, as `LicenseSettings` reads
    /// them.
    public init(stored: JSONValue?, changelog: String, licenseKeys: String, existing: [ExistingVariation]) {
        let storedVariations = Self.variationsByID(stored?["variations"])
        self.init(
            enabled: stored?["enabled"]?.stringValue == "yes",
            version: Self.text(stored?["version"]) ?? "",
            updateFile: UpdateFile(json: stored?["global_update_file"]),
            variations: existing.map { variation in
                let saved = storedVariations[variation.id]
                return Variation(
                    variationID: variation.id,
                    title: variation.title,
                    activationLimit: Self.limit(saved?["activation_limit"]),
                    validity: Validity(json: saved?["validity"]).map(Self.normalized) ?? variation.defaultValidity
                )
            },
            wordPress: WordPress(json: stored?["wp"]),
            prefix: Self.text(stored?["prefix"]) ?? "",
            changelog: changelog,
            licenseKeys: licenseKeys
        )
    }

    /// The GET answer's `settings` object, keys in §8's order.
    public var json: JSONValue {
        .object([
            "enabled": .string(enabled ? "yes" : "no"), "version": .string(version),
            "global_update_file": updateFile?.json ?? .null, "variations": .array(variations.map(\.json)),
            "wp": wordPress.json, "prefix": .string(prefix), "changelog": .string(changelog),
            "license_keys": .string(licenseKeys),
        ])
    }

    /// The `product_license_settings.settings` JSON; `changelog` and `license_keys` have columns of their own.
    public var storedJSON: JSONValue {
        var byID = JSONObject()
        for variation in variations { byID[String(variation.variationID)] = variation.storedJSON }
        return .object([
            "enabled": .string(enabled ? "yes" : "no"), "version": .string(version),
            "global_update_file": updateFile?.json ?? .null, "variations": .object(byID), "wp": wordPress.json,
            "prefix": .string(prefix),
        ])
    }

    /// What the audit log keeps: the shown settings without `license_keys`, which may hold keys.
    public var auditJSON: JSONValue {
        guard case .object(var object) = json else { return json }
        object["license_keys"] = nil
        return .object(object)
    }

    /// Stored variations, whether saved as FluentCart's map by id or as a list of entries with `variation_id`.
    static func variationsByID(_ value: JSONValue?) -> [Int64: JSONValue] {
        var byID: [Int64: JSONValue] = [:]
        switch value {
        case .object(let object)?:
            for (key, entry) in object.entries {
                if let id = Int64(key) { byID[id] = entry }
            }
        case .array(let entries)?:
            for entry in entries {
                if let id = integer(entry["variation_id"]) { byID[id] = entry }
            }
        default:
            break
        }
        return byID
    }

    /// FluentCart's `activation_limit`: a whole number ≥ 0, as a number or numeric text; anything else is `""`.
    static func limit(_ value: JSONValue?) -> Int64? {
        guard let number = integer(value), number >= 0 else { return nil }
        return number
    }

    /// A lifetime validity is always `{lifetime, 1}`: its value means nothing.
    static func normalized(_ validity: Validity) -> Validity {
        validity.unit == .lifetime ? .lifetime : validity
    }

    /// A whole number given as a JSON integer or as decimal text.
    static func integer(_ value: JSONValue?) -> Int64? {
        switch value {
        case .integer(let number)?: return number
        case .string(let text)?: return Int64(text.trimmingWhitespace)
        default: return nil
        }
    }

    /// Strings as they are; numbers as their text (a version saved as `1.5` reads `1.5`); nil for anything else.
    static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: return text
        case .integer(let number)?: return String(number)
        case .number(let literal)?: return literal
        default: return nil
        }
    }
}

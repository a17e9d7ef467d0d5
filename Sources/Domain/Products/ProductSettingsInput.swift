/// Reads the body of `POST licensing/products/{id}/settings` (fluentcart.md §8, operations.md §6) onto the current
/// settings. The `settings` object is accepted exactly as GET shows it: `variations` as GET's list (entries named by
/// `variation_id`) or as a map keyed by variation id, and display-only keys (`title`, `media`, `subscription_info`,
/// `setup_fee_info`, `is_bundle_product`) ignored; so posting an unchanged GET answer changes nothing.
///
/// A key that is left out keeps its current value, and so does a variation or a variation field that is left out
/// [O]: a tool that only sets the version does not wipe the activation limits. Entries for variations the product
/// does not have are ignored, as GET prunes them. Every failure is collected, so one answer names every bad field.
public enum ProductSettingsInput {
    /// The settings with the posted values applied, or every validation failure as FluentCart's 422 field map.
    public static func apply(
        _ body: JSONValue?,
        to current: ProductSettings
    ) throws(ProductSettingsError)
        -> ProductSettings
    {
        guard case .object(let input)? = body else {
            throw ProductSettingsError(fields: ["settings": .object(["required": "The settings field is required."])])
        }
        var reader = Reader(settings: current)
        reader.read(input)
        guard reader.errors.entries.isEmpty else { throw ProductSettingsError(fields: reader.errors) }
        return reader.settings
    }

    /// The state of one read: the settings so far and the failures in field order.
    private struct Reader {
        var settings: ProductSettings
        var errors = JSONObject()

        mutating func fail(_ field: String, _ rule: String, _ message: String) {
            if errors[field] == nil { errors[field] = .object([rule: .string(message)]) }
        }

        mutating func read(_ input: JSONObject) {
            if let value = input["enabled"] {
                switch value {
                case .string("yes"), .bool(true): settings.enabled = true
                case .string("no"), .string(""), .bool(false), .null: settings.enabled = false
                default: fail("enabled", "in", "The selected enabled is invalid.")
                }
            }
            if let value = input["version"] {
                if let version = Self.text(value) {
                    settings.version = version.trimmingWhitespace
                } else {
                    fail("version", "string", "The version must be a string.")
                }
            }
            if settings.enabled, settings.version.isEmpty, errors["version"] == nil {
                fail("version", "required", "The version field is required.")
            }
            if let value = input["global_update_file"] { readUpdateFile(value) }
            if let value = input["variations"] { readVariations(value) }
            if let value = input["wp"] { readWordPress(value) }
            if let value = input["prefix"] {
                if let prefix = value == .null ? "" : value.stringValue, LicenseKey.isValidPrefix(prefix) {
                    settings.prefix = prefix
                } else {
                    fail("prefix", "regex", "The prefix may only contain letters, digits, - and _.")
                }
            }
            if let value = input["changelog"] {
                if let changelog = Self.text(value) {
                    settings.changelog = changelog
                } else {
                    fail("changelog", "string", "The changelog must be a string.")
                }
            }
            if let value = input["license_keys"] {
                if let keys = Self.text(value) {
                    settings.licenseKeys = keys
                } else {
                    fail("license_keys", "string", "The license keys must be a string.")
                }
            }
        }

        /// null or `""` removes the file; an object names a local path under `DOWNLOADS_DIR` or a remote http(s)
        /// URL.
        mutating func readUpdateFile(_ value: JSONValue) {
            switch value {
            case .null, .string(""):
                settings.updateFile = nil
            case .object(let file):
                let id = file["id"].flatMap(Self.text) ?? ""
                switch file["driver"]?.stringValue {
                case "local"?:
                    let path = file["path"].flatMap(Self.text) ?? ""
                    guard LicenseSettings.isSafeRelativePath(path) else {
                        return fail(
                            "global_update_file.path",
                            "regex",
                            "The file path must be relative to the downloads folder, without . or .. segments."
                        )
                    }
                    settings.updateFile = ProductSettings.UpdateFile(id: id, driver: .local, path: path)
                case "remote"?:
                    let url = file["url"].flatMap(Self.text) ?? ""
                    guard ProductSettings.UpdateFile.isWebURL(url), !url.contains(where: \.isWhitespace) else {
                        return fail("global_update_file.url", "url", "The file URL must be an http or https URL.")
                    }
                    settings.updateFile = ProductSettings.UpdateFile(id: id, driver: .remote, url: url)
                default:
                    fail("global_update_file.driver", "in", "The file driver must be local or remote.")
                }
            default:
                fail("global_update_file", "array", "The global update file must be an object or null.")
            }
        }

        /// GET's list (entries named by `variation_id`) or a map keyed by variation id.
        mutating func readVariations(_ value: JSONValue) {
            var posted: [Int64: JSONValue] = [:]
            switch value {
            case .array(let entries):
                for entry in entries {
                    if let id = ProductSettings.integer(entry["variation_id"]), posted[id] == nil { posted[id] = entry }
                }
            case .object(let object):
                for (key, entry) in object.entries {
                    if let id = Int64(key) { posted[id] = entry }
                }
            case .null:
                return
            default:
                return fail("variations", "array", "The variations must be a list or a map by variation id.")
            }
            for index in settings.variations.indices {
                let variation = settings.variations[index]
                guard let entry = posted[variation.variationID] else { continue }
                let field = "variations.\(variation.variationID)"
                guard case .object(let fields) = entry else {
                    fail(field, "array", "The settings for \(variation.title) must be an object.")
                    continue
                }
                if let limit = fields["activation_limit"] {
                    switch limit {
                    case .null, .string(""):
                        settings.variations[index].activationLimit = nil
                    default:
                        if let number = ProductSettings.integer(limit), number >= 0 {
                            settings.variations[index].activationLimit = number
                        } else {
                            fail(
                                "\(field).activation_limit",
                                "min",
                                "Activation limit must be empty or 0 or more for \(variation.title)."
                            )
                        }
                    }
                }
                if let validity = fields["validity"] {
                    readValidity(validity, at: index, field: "\(field).validity", title: variation.title)
                }
            }
        }

        mutating func readValidity(_ value: JSONValue, at index: Int, field: String, title: String) {
            guard let unitText = value["unit"].flatMap(Self.text), !unitText.trimmingWhitespace.isEmpty else {
                return fail("\(field).unit", "required", "Validity type is required for \(title).")
            }
            guard let unit = Validity.Unit(rawValue: unitText.trimmingWhitespace) else {
                return fail(
                    "\(field).unit",
                    "in",
                    "Validity type must be day, week, month, year or lifetime for \(title)."
                )
            }
            if unit == .lifetime {
                settings.variations[index].validity = .lifetime
                return
            }
            // At most 10,000 units, so that an expiry computed from it stays within PostgreSQL's timestamps.
            guard let number = ProductSettings.integer(value["value"]), number >= 1, number <= 10_000 else {
                return fail(
                    "\(field).value",
                    "min",
                    "Validity value must be a whole number from 1 to 10000 for \(title)."
                )
            }
            settings.variations[index].validity = Validity(unit: unit, value: Int(number))
        }

        /// Merged key by key; URLs must be empty or http(s), versions are text.
        mutating func readWordPress(_ value: JSONValue) {
            let fields: JSONObject
            switch value {
            case .object(let object): fields = object
            case .null, .array([]): return
            default: return fail("wp", "array", "The wp settings must be an object.")
            }
            if let isWP = fields["is_wp"] {
                switch isWP {
                case .string("yes"), .bool(true): settings.wordPress.isWordPress = true
                case .string("no"), .bool(false): settings.wordPress.isWordPress = false
                default: fail("wp.is_wp", "in", "The selected wp.is_wp is invalid.")
                }
            }
            let urls: [(String, WritableKeyPath<ProductSettings.WordPress, String>)] = [
                ("readme_url", \.readmeURL), ("banner_url", \.bannerURL), ("icon_url", \.iconURL),
            ]
            for (key, path) in urls {
                guard let field = fields[key] else { continue }
                if let url = Self.text(field), url.isEmpty || ProductSettings.UpdateFile.isWebURL(url) {
                    settings.wordPress[keyPath: path] = url
                } else {
                    fail("wp.\(key)", "url", "The wp.\(key) must be empty or an http or https URL.")
                }
            }
            let versions: [(String, WritableKeyPath<ProductSettings.WordPress, String>)] = [
                ("required_php", \.requiredPHP), ("required_wp", \.requiredWordPress),
            ]
            for (key, path) in versions {
                guard let field = fields[key] else { continue }
                if let version = Self.text(field) {
                    settings.wordPress[keyPath: path] = version.trimmingWhitespace
                } else {
                    fail("wp.\(key)", "string", "The wp.\(key) must be a string.")
                }
            }
        }

        /// Text as sent (numbers as their literal, null as `""`), without NUL, which PostgreSQL cannot store.
        static func text(_ value: JSONValue) -> String? {
            value == .null ? "" : ProductSettings.text(value)?.withoutNUL
        }
    }
}

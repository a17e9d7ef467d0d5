/// A settings body that breaks the rules of fluentcart.md §8: every bad field, in FluentCart's map from field to
/// rule to message, e.g. `{"version":{"required":"The version field is required."}}`. Nothing is saved.
public struct ProductSettingsError: Error, Equatable, Sendable {
    public var fields: JSONObject

    public init(fields: JSONObject) {
        self.fields = fields
    }
}

import Domain

/// `licensing/products/{id}/settings`, GET and POST (fluentcart.md §8, operations.md §6). An unknown product is 404
/// `{"message":"Product not found"}` [O], through the router's mapping of `DomainError.notFound`.
enum ProductSettingsRoutes {
    /// `GET`: `{"settings":{…},"is_bundle_product":false}`; there are no bundles.
    static func show(_ context: RESTContext) throws -> HTTPResponse {
        let settings = try context.database.run { connection in
            try ProductSettingsStore(connection: connection).settings(productID: context.id)
        }
        return RESTResponse.json(.object(["settings": settings.json, "is_bundle_product": false]))
    }

    /// `POST {"settings":{…}}`: 422 with every bad field, else FluentCart's success message.
    static func update(_ context: RESTContext) throws -> HTTPResponse {
        do {
            _ = try context.database.run(idempotent: false) { connection in
                try ProductSettingsStore(connection: connection).update(
                    productID: context.id,
                    with: context.parameters.value("settings"),
                    actor: context.caller.actor
                )
            }
        } catch let error as ProductSettingsError {
            throw RESTError.validation(error.fields)
        }
        return RESTResponse.json(.object(["message": "Settings has been updated successfully."]))
    }
}

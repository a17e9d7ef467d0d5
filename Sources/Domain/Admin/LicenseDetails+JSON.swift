import Foundation

extension LicenseDetails {
    /// The answer of `GET licensing/licenses/{id}`, keys in the order of fluentcart.md §6. `baseURL` is the site's
    /// base (no trailing slash), for the download links and `upgrade_path_base`.
    public func json(baseURL: String) -> JSONValue {
        let order = orders.first { $0.id == license.license.orderID }
        return .object([
            "license": license.json(),
            "activations": .array(activations.map(\.json)),
            "product": productJSON,
            "order": order?.json ?? .null,
            "orders": .array(orders.map(\.json)),
            "downloads": .array(downloads.map { $0.json(baseURL: baseURL) }),
            "subscription": subscription?.json ?? .null,
            "prev_orders": .array([]),
            "transactions": .array([]),
            "selected_labels": .array([]),
            "upgrade_path_base": .string(baseURL + "/?fluent-cart=custom-payment"),
        ])
    }

    /// The product relation of the license JSON plus its `variants`.
    var productJSON: JSONValue {
        .object([
            "id": .integer(license.license.productID),
            "post_title": .string(license.productTitle ?? ""),
            "post_name": .string(license.productSlug ?? ""),
            "variants": .array(
                variants.map { variant in
                    .object([
                        "id": .integer(variant.id), "post_id": .integer(license.license.productID),
                        "variation_title": .string(variant.title), "payment_type": .string(variant.paymentType),
                    ])
                }
            ),
        ])
    }
}

extension LicenseDetails.Activation {
    /// The activation row (fluentcart.md §2, `is_local` as 0/1) with its `site`.
    var json: JSONValue {
        .object([
            "id": .integer(id), "site_id": .integer(siteID), "license_id": .integer(licenseID),
            "status": .string(status), "is_local": .integer(isLocal ? 1 : 0), "product_id": .integer(productID),
            "variation_id": .optional(variationID), "activation_method": .string(activationMethod),
            "activation_hash": .string(hash), "last_update_version": .string(lastUpdateVersion),
            "last_update_date": lastUpdateDate.map { .string(Timestamp.iso8601($0)) } ?? .null,
            "created_at": .string(Timestamp.iso8601(createdAt)), "updated_at": .string(Timestamp.iso8601(updatedAt)),
            "site": site.json,
        ])
    }
}

extension LicenseDetails.Site {
    /// `{id, site_url, server_version, platform_version, other, created_at, updated_at}`.
    var json: JSONValue {
        .object([
            "id": .integer(id), "site_url": .string(url), "server_version": .string(serverVersion),
            "platform_version": .string(platformVersion), "other": other,
            "created_at": .string(Timestamp.iso8601(createdAt)), "updated_at": .string(Timestamp.iso8601(updatedAt)),
        ])
    }
}

extension LicenseDetails.Order {
    /// The columns we keep of a store order.
    var json: JSONValue {
        .object([
            "id": .integer(id), "uuid": .string(uuid), "parent_id": .optional(parentID), "type": .string(type),
            "customer_id": .optional(customerID), "created_at": .string(Timestamp.iso8601(createdAt)),
            "updated_at": .string(Timestamp.iso8601(updatedAt)),
        ])
    }
}

extension LicenseDetails.Subscription {
    /// `next_billing_date` is written like `expiration_date` (`Y-m-d H:i:s`), the other times in ISO 8601.
    var json: JSONValue {
        .object([
            "id": .integer(id),
            "next_billing_date": nextBillingDate.map { .string(Timestamp.wire($0)) } ?? .null,
            "reactivate_url": .string(reactivateURL),
            "created_at": .string(Timestamp.iso8601(createdAt)), "updated_at": .string(Timestamp.iso8601(updatedAt)),
        ])
    }
}

extension LicenseDetails.Download {
    /// `{product_title, variation_titles, download_url}` [O: FluentCart sends its download rows, storage details
    /// included].
    func json(baseURL: String) -> JSONValue {
        .object([
            "product_title": .string(productTitle),
            "variation_titles": .array(variationTitles.map(JSONValue.string)),
            "download_url": .string(baseURL + "/?fluent-cart=download_license_package&fct_package=" + packageToken),
        ])
    }
}

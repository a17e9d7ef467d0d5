/// The statements of the admin license routes. Every value is a bind parameter; none is ever interpolated.
enum AdminLicenseSQL {
    /// The license with its relations; `FOR UPDATE OF l` locks only the license row, which every change to the
    /// license or its activations takes first (fluentcart.md §2.2). $1 license id.
    static let lock = AdminLicense.select + "\nWHERE l.id = $1\nFOR UPDATE OF l"

    /// The license with its relations, unlocked. $1 license id.
    static let find = AdminLicense.select + "\nWHERE l.id = $1"

    static let exists = "SELECT 1 FROM licenses WHERE id = $1"

    /// The product's key prefix from its license settings. $1 product id.
    static let prefix = "SELECT settings->>'prefix' AS prefix FROM product_license_settings WHERE product_id = $1"

    /// $1 license id, $2 new key.
    static let setKey = "UPDATE licenses SET license_key = $2, updated_at = now() WHERE id = $1"

    /// $1 license id, $2 expiration (NULL = lifetime), $3 status, $4 config.
    static let setValidity = """
        UPDATE licenses SET expiration_date = $2::timestamptz, status = $3, config = $4::jsonb, updated_at = now()
        WHERE id = $1
        """

    /// $1 license id, $2 status, $3 config.
    static let setStatus = "UPDATE licenses SET status = $2, config = $3::jsonb, updated_at = now() WHERE id = $1"

    /// $1 license id, $2 limit.
    static let setLimit = "UPDATE licenses SET activation_limit = $2, updated_at = now() WHERE id = $1"

    /// $1 license id, $2 address or NULL, $3 lock.
    static let setIP = "UPDATE licenses SET ip = $2::inet, ip_lock = $3, updated_at = now() WHERE id = $1"

    /// An activation by id, with its site. $1 activation id.
    static let activationByID = """
        SELECT a.id, a.license_id, a.site_id, s.site_url
        FROM license_activations a JOIN license_sites s ON s.id = a.site_id
        WHERE a.id = $1
        """

    /// This license's activation on a site. $1 license id, $2 site id.
    static let activationBySite = """
        SELECT a.id, a.license_id, a.site_id, s.site_url
        FROM license_activations a JOIN license_sites s ON s.id = a.site_id
        WHERE a.license_id = $1 AND a.site_id = $2
        """

    /// $1 activation id.
    static let deleteActivation = "DELETE FROM license_activations WHERE id = $1"

    /// Stores the recount under the license lock, without promoting `inactive` (only the public and customer
    /// deactivations do that [FC]). $1 license id.
    static let recount = """
        UPDATE licenses
        SET activation_count = (SELECT count(*) FROM license_activations c
                                WHERE c.license_id = $1 AND c.status = 'active' AND NOT c.is_local),
            updated_at = now()
        WHERE id = $1
        """

    /// The license's activations with their sites (for the audit log of a deletion). $1 license id.
    static let activationSummaries = """
        SELECT a.id, a.site_id, s.site_url, a.is_local
        FROM license_activations a JOIN license_sites s ON s.id = a.site_id
        WHERE a.license_id = $1 ORDER BY a.id
        """

    /// Removes the license; its activations go with it (ON DELETE CASCADE), check-log rows keep their history with
    /// `license_id` NULL (ON DELETE SET NULL), shared sites stay. $1 license id.
    static let delete = "DELETE FROM licenses WHERE id = $1"

    /// Meta rows of the license and of its activations, which would otherwise point at nothing. $1 license id.
    static let deleteMeta = """
        DELETE FROM license_meta
        WHERE (object_type = 'license' AND object_id = $1)
           OR (object_type = 'activation' AND object_id IN (SELECT id FROM license_activations WHERE license_id = $1))
        """
}

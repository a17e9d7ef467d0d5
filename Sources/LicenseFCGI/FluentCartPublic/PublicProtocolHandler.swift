import Domain
import Foundation
import Logging

/// Serves FluentCart's public client protocol, `?fluent-cart=<action>` on any path (fluentcart.md §4): translates
/// parameters into calls on the licensing rules, their answers into FluentCart's bodies, and logs every action.
struct PublicProtocolHandler {
    let licenses: PublicLicenseStore
    let updates: UpdateStore
    let checkLog: CheckLogBatcher
    let database: Database
    let configuration: ServerConfiguration
    let expiry: Expiry

    /// What one request resolved, for its check-log row.
    fileprivate struct Trace {
        var licenseID: Int64?
        var productID: Int64?
        var site: SiteURL?
        var activationID: Int64?
        var result = ""
    }

    func respond(to request: HTTPRequest, logger: Logger) -> HTTPResponse {
        let parameters: PublicParameters
        do {
            parameters = try PublicParameters(request: request)
        } catch .tooLarge {
            return PublicResponses.error(.bodyTooLarge, action: nil)
        } catch {
            return PublicResponses.error(.malformedJSON, action: nil)
        }
        guard let name = parameters["fluent-cart"], let action = PublicAction(rawValue: name) else {
            return PublicResponses.error(.unknownAction, action: nil)
        }
        var trace = Trace()
        let response: HTTPResponse
        do {
            response = try handle(action, parameters, request: request, trace: &trace)
        } catch {
            switch error {
            case .refused(let refusal):
                response = refused(refusal, action: action, trace: &trace)
            case .database(let error) where error.meansUnavailable:
                logger.warning("database unavailable", metadata: ["error": "\(error)"])
                return PublicResponses.error(.unavailable, action: action)
            case .database(let error):
                logger.error("public action failed", metadata: ["action": "\(action.rawValue)", "error": "\(error)"])
                return PublicResponses.error(.internalError, action: action)
            }
        }
        log(action, trace, request: request, logger: logger)
        return response
    }

    private func refused(_ refusal: PublicRefusal, action: PublicAction, trace: inout Trace) -> HTTPResponse {
        trace.licenseID = trace.licenseID ?? refusal.licenseID
        trace.activationID = trace.activationID ?? refusal.activationID
        if action == .renewLicense {
            let (status, message, result) = Self.renewalRefusal(refusal.reason)
            trace.result = result
            return PublicResponses.text(message, status: status)
        }
        let wire = PublicWireError(refusal.reason, action: action)
        trace.result = wire.errorType
        return PublicResponses.error(wire, action: action)
    }

    private func handle(
        _ action: PublicAction,
        _ parameters: PublicParameters,
        request: HTTPRequest,
        trace: inout Trace
    ) throws(PublicStoreError) -> HTTPResponse {
        let itemID = parameters["item_id"].flatMap(ItemID.init)
        let site = parameters["site_url"].flatMap(SiteURL.init)
        trace.productID = itemID?.productID
        trace.site = site
        let baseURL = configuration.publicBaseURL(for: request)
        switch action {
        case .checkLicense:
            let credential: PublicLicenseStore.Credential? =
                parameters["license_key"].map { .key($0) } ?? parameters["activation_hash"].map { .activationHash($0) }
            guard let credential, let site, parameters["item_id"] != nil else {
                throw .refused(PublicRefusal(.missingParameters))
            }
            let license = try licenses.check(credential, site: site, itemID: itemID)
            let status = license.publicStatus(expiry: expiry, now: Date())
            trace.record(license, result: status.rawValue)
            let renewURL =
                status == .expired && license.reactivateURL != nil
                ? "\(baseURL)/?fluent-cart=renew_license&license_key=\(Self.queryEscaped(license.key))" : nil
            return PublicResponses.json(PublicResponses.license(license, status: status, renewURL: renewURL))

        case .activateLicense:
            guard let key = parameters["license_key"], let site, parameters["item_id"] != nil else {
                throw .refused(PublicRefusal(.missingParameters))
            }
            let license = try licenses.activate(key: key, itemID: itemID, site: site, versions: versions(parameters))
            trace.record(license, result: "valid")
            return PublicResponses.json(PublicResponses.license(license, status: .valid, renewURL: nil))

        case .deactivateLicense:
            guard let key = parameters["license_key"], let site, parameters["item_id"] != nil else {
                throw .refused(PublicRefusal(.missingParameters))
            }
            let license = try licenses.deactivate(key: key, itemID: itemID, site: site)
            trace.record(license, result: "deactivated")
            return PublicResponses.json(PublicResponses.deactivated(license))

        case .getLicenseVersion:
            let credential: PublicLicenseStore.Credential? =
                parameters["license_key"].map { .key($0) } ?? parameters["activation_hash"].map { .activationHash($0) }
            let check = try updates.versionCheck(
                itemID: itemID,
                credential: credential,
                site: site,
                currentVersion: parameters["current_version"] ?? "",
                versions: versions(parameters)
            )
            let packageURL = check.packageToken.map {
                "\(baseURL)/?fluent-cart=download_license_package&fct_package=\($0)"
            }
            if let license = check.license { trace.record(license, result: packageURL == nil ? "invalid" : "valid") }
            trace.result = packageURL == nil ? "invalid" : "valid"
            return PublicResponses.json(
                PublicResponses.version(check.release, packageURL: packageURL, baseURL: baseURL)
            )

        case .downloadLicensePackage:
            let download = try updates.download(parameters["fct_package"] ?? "", purpose: .package)
            trace.record(download)
            trace.result = "redirect"
            let token = updates.downloadToken(for: download)
            return PublicResponses.redirect(to: "\(baseURL)/?fluent-cart=download-by-id&fct_download=\(token)")

        case .downloadByID:
            let download = try updates.download(parameters["fct_download"] ?? "", purpose: .download)
            trace.record(download)
            trace.result = "download"
            switch download.file {
            case .local(let path):
                return ReleaseDownload.accelRedirect(path: path)
            case .remote(let url):
                return PublicResponses.redirect(to: url)
            }

        case .renewLicense:
            guard let key = parameters["license_key"] else { throw .refused(PublicRefusal(.missingParameters)) }
            let (url, license) = try licenses.renewal(key: key)
            trace.record(license, result: "redirect")
            return PublicResponses.redirect(to: url)
        }
    }

    private func versions(_ parameters: PublicParameters) -> PublicLicenseStore.SiteVersions {
        PublicLicenseStore.SiteVersions(
            server: parameters["server_version"] ?? "",
            platform: parameters["platform_version"] ?? ""
        )
    }

    /// `renew_license` answers in plain text (§4.7); the third value is the check log's result.
    static func renewalRefusal(_ reason: PublicRefusal.Reason) -> (Int, String, String) {
        switch reason {
        case .missingParameters: return (400, "License key is required.", "validation_error")
        case .licenseNotExpired: return (409, "Sorry, you can not renew this active license.", "license_not_expired")
        case .renewalURLMissing: return (404, "Renewal URL is not available for this license.", "renewal_url_missing")
        default: return (404, "License could not be found.", "license_not_found")
        }
    }

    /// Keys are `[A-Za-z0-9_-]`, but a URL we build must stay a URL whatever it carries.
    static func queryEscaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~")))
            ?? ""
    }

    /// Writes the action's check-log row before the answer goes out; a failed write never changes the answer.
    private func log(_ action: PublicAction, _ trace: Trace, request: HTTPRequest, logger: Logger) {
        let entry = CheckLogEntry(
            action: action.rawValue,
            client: PublicClient(ip: IPAddress(request.remoteAddress), userAgent: request.headers.userAgent ?? ""),
            licenseID: trace.licenseID,
            productID: trace.productID,
            siteURL: trace.site,
            activationID: trace.activationID,
            result: trace.result
        )
        do {
            try checkLog.write(entry, on: database)
        } catch {
            logger.error("check log write failed", metadata: ["error": "\(error)"])
        }
    }
}

extension PublicProtocolHandler.Trace {
    fileprivate mutating func record(_ license: PublicLicense, result: String) {
        licenseID = license.id
        activationID = license.activation?.id
        self.result = result
    }

    fileprivate mutating func record(_ download: UpdateStore.Download) {
        licenseID = download.token.licenseID
        productID = download.token.productID
        activationID = download.token.activationID == 0 ? nil : download.token.activationID
    }
}

import Domain
import Testing

@testable import LicenseFCGI

@Suite("Public protocol refusals on the wire")
struct PublicWireErrorTests {
    @Test("check_license answers every refusal with 200; the other actions with 422")
    func statuses() {
        for reason in [PublicRefusal.Reason.missingParameters, .licenseNotFound, .activationNotFound, .productMismatch]
        {
            #expect(PublicWireError(reason, action: .checkLicense).status == 200)
            #expect(PublicWireError(reason, action: .activateLicense).status == 422)
        }
    }

    @Test(
        "names each refusal as the action that met it does",
        arguments: [
            (PublicRefusal.Reason.licenseNotFound, PublicAction.checkLicense, "invalid_license"),
            (.licenseNotFound, .activateLicense, "license_not_found"),
            (.licenseNotFound, .deactivateLicense, "license_not_found"),
            (.productMismatch, .deactivateLicense, "license_not_found"),
            (.productMismatch, .activateLicense, "key_mismatch"),
            (.licenseNotFound, .downloadLicensePackage, "invalid_license"),
            (.licenseSettingsNotFound, .getLicenseVersion, "license_settings_not_found"),
            (.licenseSettingsNotFound, .downloadByID, "license_not_enabled"),
            (.licenseNotValid, .downloadByID, "expired_license"),
        ]
    )
    func errorTypes(reason: PublicRefusal.Reason, action: PublicAction, errorType: String) {
        #expect(PublicWireError(reason, action: action).errorType == errorType)
    }

    @Test("the deactivation refusal for an unknown key or another product says so")
    func deactivationMessage() {
        #expect(
            PublicWireError(.productMismatch, action: .deactivateLicense).message
                == "License not found or does not match with the item_id"
        )
    }

    @Test("check_license refusals carry status invalid and success true; others success false, in FluentCart's order")
    func bodies() {
        let check = PublicResponses.error(
            PublicWireError(.licenseNotFound, action: .checkLicense),
            action: .checkLicense
        )
        #expect(
            String(decoding: check.body, as: UTF8.self)
                == #"{"status":"invalid","error_type":"invalid_license","message":"Invalid License key provided.","success":true}"#
        )
        let activate = PublicResponses.error(
            PublicWireError(.siteNotFound, action: .deactivateLicense),
            action: .deactivateLicense
        )
        #expect(activate.status == 422)
        #expect(
            String(decoding: activate.body, as: UTF8.self)
                == #"{"message":"Site not found","error_type":"site_not_found","success":false}"#
        )
    }

    @Test("an unavailable database answers 503 with Retry-After")
    func unavailable() {
        let response = PublicResponses.error(.unavailable, action: .checkLicense)
        #expect(response.status == 503)
        #expect(response.headers.contains { $0.0 == "Retry-After" })
    }
}

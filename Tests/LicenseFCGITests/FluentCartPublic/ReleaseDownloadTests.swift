import Testing

@testable import LicenseFCGI

@Suite("Release downloads through nginx")
struct ReleaseDownloadTests {
    func header(_ response: HTTPResponse, _ name: String) -> String? {
        response.headers.first { $0.0 == name }?.1
    }

    @Test("hands the file to nginx's internal location, as an attachment named after the file, with no body")
    func accelRedirect() {
        let response = ReleaseDownload.accelRedirect(path: "acme-seo/acme-seo-1.5.0.zip")
        #expect(header(response, "X-Accel-Redirect") == "/protected-downloads/acme-seo/acme-seo-1.5.0.zip")
        #expect(header(response, "Content-Type") == "application/octet-stream")
        #expect(header(response, "Content-Disposition") == #"attachment; filename="acme-seo-1.5.0.zip""#)
        #expect(response.body.isEmpty)
    }

    @Test("escapes what nginx would decode, and keeps quotes and line breaks out of the file name")
    func escaping() {
        let response = ReleaseDownload.accelRedirect(path: "a b/x\"y\r\n%.zip")
        #expect(header(response, "X-Accel-Redirect") == "/protected-downloads/a%20b/x%22y%0D%0A%25.zip")
        #expect(header(response, "Content-Disposition") == #"attachment; filename="xy%.zip""#)
    }
}

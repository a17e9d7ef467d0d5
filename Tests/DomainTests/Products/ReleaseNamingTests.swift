import Foundation
import Testing

@testable import Domain

@Suite("Release file naming")
struct ReleaseNamingTests {
    @Test(
        "accepts versions that are safe in a file name and a URL",
        arguments: ["1.5.0", "2.0.0-beta.1", "1.0+build_7"]
    )
    func validVersions(version: String) {
        #expect(ReleaseStore.isValidVersion(version))
    }

    @Test(
        "refuses empty, overlong, hidden and path-like versions",
        arguments: ["", ".1", "1/2", "../1", "1 0", String(repeating: "1", count: 65)]
    )
    func invalidVersions(version: String) {
        #expect(!ReleaseStore.isValidVersion(version))
    }

    @Test(
        "keeps the source's extension, lower-cased, including compound tar extensions",
        arguments: [("pkg.ZIP", ".zip"), ("pkg.tar.gz", ".tar.gz"), ("pkg", ""), ("pkg.we!rd", "")]
    )
    func extensions(name: String, expected: String) {
        #expect(ReleaseStore.fileExtension(of: URL(fileURLWithPath: "/tmp/\(name)")) == expected)
    }
}

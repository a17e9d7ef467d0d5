import Domain
import Testing

@Suite("License settings as the public protocol reads them")
struct LicenseSettingsTests {
    func settings(_ json: String) throws -> LicenseSettings {
        LicenseSettings(json: try JSONParser.parse(Array(json.utf8)))
    }

    @Test("reads licensing, version, prefix and the WordPress details")
    func readsFields() throws {
        let read = try settings(
            #"{"enabled":"yes","version":"1.5.0","prefix":"fct-","wp":{"readme_url":"https://r","banner_url":"https://b","icon_url":"https://i","required_php":"7.4","required_wp":"6.0"}}"#
        )
        #expect(read.enabled)
        #expect(read.version == "1.5.0")
        #expect(read.prefix == "fct-")
        #expect(read.readmeURL == "https://r" && read.bannerURL == "https://b" && read.iconURL == "https://i")
        #expect(read.requiredPHP == "7.4" && read.requiredWordPress == "6.0")
    }

    @Test("licensing is on only for \"yes\", and missing or mistyped keys read as their defaults")
    func defaults() throws {
        let read = try settings(#"{"enabled":true,"version":1.5,"wp":[]}"#)
        #expect(!read.enabled)
        #expect(read.version == "1.5")
        #expect(read.updateFile == nil)
        #expect(read.readmeURL == "")
    }

    @Test("reads a local file inside DOWNLOADS_DIR and a remote http(s) file")
    func updateFiles() throws {
        #expect(
            try settings(#"{"global_update_file":{"driver":"local","path":"a/a-1.zip"}}"#).updateFile
                == .local(path: "a/a-1.zip")
        )
        #expect(
            try settings(#"{"global_update_file":{"driver":"remote","url":"https://cdn.example/a.zip"}}"#).updateFile
                == .remote(url: "https://cdn.example/a.zip")
        )
    }

    @Test(
        "ignores a local path that could leave DOWNLOADS_DIR, and a remote URL that is not http(s)",
        arguments: [
            #"{"driver":"local","path":"../etc/passwd"}"#, #"{"driver":"local","path":"/etc/passwd"}"#,
            #"{"driver":"local","path":"a/../../b"}"#, #"{"driver":"local","path":""}"#,
            #"{"driver":"remote","url":"file:///etc/passwd"}"#, #"{"driver":"ftp"}"#, #""7""#,
        ]
    )
    func unsafeFiles(file: String) throws {
        #expect(try settings(#"{"global_update_file":\#(file)}"#).updateFile == nil)
    }
}

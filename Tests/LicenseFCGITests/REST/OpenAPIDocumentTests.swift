import Foundation
import Testing

@testable import LicenseFCGI

/// `docs/openapi.yaml` describes exactly what the router serves.
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    static let document: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../docs/openapi.yaml").standardizedFileURL
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// (METHOD, path) of every operation: paths are the two-space keys under `paths:`, methods four-space keys.
    static let operations: [(method: String, path: String)] = {
        var operations: [(String, String)] = []
        var inPaths = false
        var path: String?
        for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" {
                inPaths = true
                continue
            }
            guard inPaths else { continue }
            if !line.hasPrefix(" "), !line.isEmpty { break }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                let key = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "post", "put", "patch", "delete"].contains(key) {
                    operations.append((key.uppercased(), path))
                }
            }
        }
        return operations
    }()

    static let restPrefix = "/wp-json/fluent-cart/v2/"

    @Test("documents every REST route the router serves, and no other")
    func restRoutesMatch() {
        let documented = Set(
            Self.operations.filter { $0.path.hasPrefix(Self.restPrefix) }
                .map { "\($0.method) \($0.path.dropFirst(Self.restPrefix.count))" }
        )
        let served = Set(RESTRoutes.all.map { "\($0.method) \($0.template)" })
        #expect(!served.isEmpty)
        #expect(documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served))")
        #expect(served.subtracting(documented).isEmpty, "served but not documented: \(served.subtracting(documented))")
    }

    @Test("documents health, the FaxStore endpoints and the FluentCart public protocol")
    func otherSurfaces() {
        let documented = Set(Self.operations.map { "\($0.method) \($0.path)" })
        for operation in [
            "GET /healthz", "POST /api/check/{productId}", "POST /api/check/multiple",
            "POST /api/checkitem/{productId}",
            "GET /", "POST /",
        ] {
            #expect(documented.contains(operation), "\(operation)")
        }
        for action in PublicAction.allCases { #expect(Self.document.contains(action.rawValue), "\(action)") }
    }

    @Test("requires application-password credentials on every REST operation")
    func restSecurity() {
        let restOperations = Self.operations.filter { $0.path.hasPrefix(Self.restPrefix) }.count
        let secured = Self.document.components(separatedBy: "        - applicationPassword: []").count - 1
        #expect(secured == restOperations)
    }
}

import Domain
import Testing

@testable import LicenseFCGI

@Suite("Customer profile list paging")
struct CustomerProfilePagingTests {
    func parameters(_ query: String) throws -> RESTParameters {
        try RESTParameters(request: request(method: "GET", path: "/wp-json/x", query: query), path: [:])
    }

    @Test(
        "page starts at 1, and a bad page means 1",
        arguments: [
            ("", 1), ("page=3", 3), ("page=0", 1), ("page=-2", 1), ("page=abc", 1), ("page=99999999999999999999", 1),
        ]
            as [(String, Int64)]
    )
    func page(query: String, expected: Int64) throws {
        #expect(CustomerProfileRoutes.pageNumber(try parameters(query)) == expected)
    }

    @Test("a huge page is capped so that offsets cannot overflow")
    func hugePage() throws {
        #expect(CustomerProfileRoutes.pageNumber(try parameters("page=9223372036854775807")) == 1_000_000_000)
    }

    @Test(
        "per_page is used when 0 < n < 200, else 10",
        arguments: [
            ("", 10), ("per_page=25", 25), ("per_page=199", 199), ("per_page=200", 10), ("per_page=0", 10),
            ("per_page=-5", 10), ("per_page=x", 10),
        ] as [(String, Int64)]
    )
    func perPage(query: String, expected: Int64) throws {
        #expect(CustomerProfileRoutes.perPage(try parameters(query)) == expected)
    }
}

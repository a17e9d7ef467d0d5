import Domain
import Testing

@testable import LicenseFCGI

@Suite("Laravel paginator")
struct PaginatorTests {
    func page(total: Int64, page: Int64, perPage: Int64 = 10, items: Int = 0) -> Paginator {
        Paginator(
            items: Array(repeating: .integer(1), count: items),
            total: total,
            page: page,
            perPage: perPage,
            path: "B"
        )
    }

    @Test("matches FluentCart's example for page 2 of 25")
    func example() {
        let json = page(total: 25, page: 2, items: 10).json.serialized
        #expect(
            json
                == #"{"current_page":2,"data":[1,1,1,1,1,1,1,1,1,1],"first_page_url":"B/?page=1","from":11,"last_page":3,"last_page_url":"B/?page=3","links":[{"url":"B/?page=1","label":"pagination.previous","active":false},{"url":"B/?page=1","label":"1","active":false},{"url":"B/?page=2","label":"2","active":true},{"url":"B/?page=3","label":"3","active":false},{"url":"B/?page=3","label":"pagination.next","active":false}],"next_page_url":"B/?page=3","path":"B","per_page":10,"prev_page_url":"B/?page=1","to":20,"total":25}"#
        )
    }

    @Test("past the end: empty data, null from and to, last_page at least 1, X-WP-TotalPages 0 when empty")
    func empty() {
        let paginator = page(total: 0, page: 3)
        guard case .object(let object) = paginator.json else {
            Issue.record("not an object")
            return
        }
        #expect(object["from"] == .null && object["to"] == .null)
        #expect(object["last_page"] == .integer(1))
        #expect(paginator.headers.map(\.1) == ["0", "0"])
    }

    @Test(
        "shows Laravel's window: the first 2 pages, the current ± 3, the last 2, and ... in the gaps",
        arguments: [
            (Int64(1), Int64(5), [1, 2, 3, 4, 5] as [Int64?]),
            (1, 20, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, nil, 19, 20]),
            (10, 20, [1, 2, nil, 7, 8, 9, 10, 11, 12, 13, nil, 19, 20]),
            (18, 20, [1, 2, nil, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]),
        ]
    )
    func window(current: Int64, last: Int64, expected: [Int64?]) {
        #expect(Paginator.window(current: current, last: last) == expected)
    }
}

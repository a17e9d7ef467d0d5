import Testing

@testable import Domain

@Suite("Which database errors mean unavailable")
struct PostgresErrorTests {
    @Test(
        "a lost connection, a timeout, a lock wait, a refused write and a lack of resources mean unavailable",
        arguments: ["08006", "57P01", "57014", "55P03", "42501", "25006", "53100", "53300"]
    )
    func unavailable(_ code: String) {
        #expect(PostgresError(kind: .query, code: .init(code), message: "").meansUnavailable)
    }

    @Test("a broken connection means unavailable whatever its code")
    func connection() {
        #expect(PostgresError(kind: .connection, message: "server closed the connection").meansUnavailable)
    }

    @Test(
        "a refusal of the statement itself does not: it is the request's or the code's fault",
        arguments: ["23505", "23503", "22P02", "40001", "42P01", "XX000"]
    )
    func notUnavailable(_ code: String) {
        #expect(!PostgresError(kind: .query, code: .init(code), message: "").meansUnavailable)
    }

    @Test("only a lost connection makes the database reconnect: a timeout keeps its connection")
    func timeoutKeepsConnection() {
        #expect(!PostgresError(kind: .query, code: .queryCanceled, message: "").isConnectionLoss)
        #expect(!PostgresError(kind: .query, code: .insufficientPrivilege, message: "").isConnectionLoss)
    }
}

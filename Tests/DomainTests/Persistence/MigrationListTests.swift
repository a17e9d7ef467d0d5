import Domain
import Foundation
import Testing

@Suite("Migration files")
struct MigrationListTests {
    func directory(_ names: [String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in names { try Data("SELECT 1;".utf8).write(to: folder.appendingPathComponent(name)) }
        return folder
    }

    @Test("lists NNN_*.sql files in number order and ignores other files")
    func ordered() throws {
        let folder = try directory(["002_b.sql", "001_a.sql", "README.md", "010_c.sql"])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try Migrator(directory: folder).migrations().map(\.name) == ["001_a.sql", "002_b.sql", "010_c.sql"])
    }

    @Test("refuses two files with the same number, which schema_migrations could not tell apart")
    func duplicateNumbers() throws {
        let folder = try directory(["001_a.sql", "003_x.sql", "003_y.sql"])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: DomainError.self) { try Migrator(directory: folder).migrations() }
    }

    @Test("the repository's own migrations have distinct numbers")
    func repository() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../sql")
        #expect(try Migrator(directory: folder.standardizedFileURL).migrations().count >= 4)
    }
}

import Foundation
import KizashiApp
import KizashiStore
import Testing

/// `--read-db URL` / `KIZASHI_READ_DATABASE_URL`: where it is read from, and the refusals that need
/// no database (a SQLite workspace has no replicas; a replica is a postgres:// URL).
@Suite("Read replica option")
struct WorkspaceLocationReadReplicaTests {
    @Test("--read-db wins over KIZASHI_READ_DATABASE_URL; empty means none")
    func resolution() {
        let env = ["KIZASHI_READ_DATABASE_URL": "postgres://env@127.0.0.1/db"]
        #expect(
            WorkspaceLocation.resolveReadReplica("postgres://flag@127.0.0.1/db", environment: env)
                == "postgres://flag@127.0.0.1/db")
        #expect(WorkspaceLocation.resolveReadReplica(nil, environment: env) == "postgres://env@127.0.0.1/db")
        #expect(WorkspaceLocation.resolveReadReplica(nil, environment: [:]) == nil)
        #expect(WorkspaceLocation.resolveReadReplica("", environment: ["KIZASHI_READ_DATABASE_URL": ""]) == nil)
    }

    @Test("a SQLite workspace with a read replica is refused, and no file is created")
    func sqliteRefused() async throws {
        let path = Fixture.temporaryDirectory() + "/w.sqlite"
        await #expect {
            _ = try await WorkspaceLocation.open(path, readReplica: "postgres://kizashi@127.0.0.1:1/db")
        } throws: { error in
            ((error as? StoreError)?.message ?? "").contains("needs a PostgreSQL workspace")
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("a read replica that is not a postgres:// URL is refused before any connection")
    func notPostgresRefused() async throws {
        // Port 1 answers nothing: the refusal must come from the URL check, not a connection error.
        await #expect {
            _ = try await WorkspaceLocation.open("postgres://kizashi@127.0.0.1:1/db", readReplica: "replica.sqlite")
        } throws: { error in
            ((error as? StoreError)?.message ?? "").contains("must be a postgres:// URL")
        }
    }

    @Test("the CLI names the refusal and exits non-zero")
    func cliRefusal() throws {
        let path = Fixture.temporaryDirectory() + "/w.sqlite"
        let (status, _, err) = try CLI.run([
            "kpi", "--period", "2026Q3", "--db", path, "--read-db", "postgres://kizashi@127.0.0.1:1/db",
        ])
        #expect(status != 0)
        #expect(err.contains("--read-db") && err.contains("needs a PostgreSQL workspace"), "\(err)")
    }
}

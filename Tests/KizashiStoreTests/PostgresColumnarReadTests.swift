import Foundation
import KizashiCore
import Testing

@testable import KizashiStore

/// Issue 23: the KPI dataset's companies, intent and target contacts read as arrays
/// (`PostgresColumnarReads`) give exactly the rows, in exactly the order, of the row-by-row reads
/// they replace: the SQLite store's order, byte order of the "C" collation, NULLs kept.
@Suite(
    "PostgreSQL: the KPI dataset's columnar reads", .serialized,
    .disabled(if: !PostgresTestDatabase.enabled, "KIZASHI_TEST_POSTGRES_URL is not set"))
struct PostgresColumnarReadTests {
    /// Companies at keys 1, 2, 40000 and 70000; with 4,096 keys an array row from key 1, the
    /// ranges holding them are [1, 4097), [36865, 40961) and [69633, 73729): three rows of 2, 1
    /// and 1 companies, and 15 empty rows between (NULL arrays: no company).
    static let companiesSQL: StoredSQL = """
        INSERT INTO companies (company_key, company_id, name, corporate_number, domain, industry, employees,
                               annual_revenue, country, region, updated_on, verified_on) VALUES
            (70000, 'C-d', 'Delta', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '2026-01-31'),
            (2, 'C-a', '日本語の会社', '1234567890123', 'a.example', '', '50', '1000000', 'JP', '関東', '2026-09-01', NULL),
            (40000, 'C-c', 'Gamma', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
            (1, 'C-b', 'Beta', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
        """

    static let expectedCompanies: [(key: Int64, company: Company)] = [
        (1, Company(id: "C-b", name: "Beta")),
        (
            2,
            Company(
                id: "C-a", name: "日本語の会社", corporateNumber: "1234567890123", domain: "a.example", industry: "",
                employees: "50", annualRevenue: "1000000", country: "JP", region: "関東",
                updatedOn: Build.day("2026-09-01"))
        ),
        (40000, Company(id: "C-c", name: "Gamma")),
        (70000, Company(id: "C-d", name: "Delta", verifiedOn: Build.day("2026-01-31"))),
    ]

    @Test("companies across three array rows: key order, every field, NULL and empty kept apart")
    func companies() async throws {
        let store = try await PostgresTestDatabase.open(try await PostgresTestDatabase.fresh())
        defer { Task { try? await store.close() } }
        _ = try await store.write(Self.companiesSQL)
        let columnar = try await store.reportCompanies()
        #expect(columnar.keys == Self.expectedCompanies.map(\.key))
        #expect(columnar.companies == Self.expectedCompanies.map(\.company))
        // One key a row: four rows, the same companies.
        #expect(try await store.reportCompanies(keysPerRow: 1).companies == Self.expectedCompanies.map(\.company))
        #expect(try await store.companiesByRow().companies == Self.expectedCompanies.map(\.company))
    }

    @Test("a company key set by hand below zero is read row by row, same result")
    func negativeKey() async throws {
        let store = try await PostgresTestDatabase.open(try await PostgresTestDatabase.fresh())
        defer { Task { try? await store.close() } }
        _ = try await store.write(
            "INSERT INTO companies (company_key, company_id, name) VALUES (-5, 'C-n', 'Neg'), (3, 'C-p', 'Pos')")
        let read = try await store.reportCompanies()
        #expect(read.keys == [-5, 3])
        #expect(read.companies == [Company(id: "C-n", name: "Neg"), Company(id: "C-p", name: "Pos")])
    }

    @Test("intent in the SQLite store's order: day, company, topic, kind, score as a number, ID")
    func intent() async throws {
        let store = try await PostgresTestDatabase.open(try await PostgresTestDatabase.fresh())
        defer { Task { try? await store.close() } }
        _ = try await store.write(Self.companiesSQL)
        _ = try await store.write(
            """
            INSERT INTO intent (signal_id, company_id, observed_on, topic, kind, score, source) VALUES
                ('I3', 'C-a', '2026-09-10', 'MA', 'keyword_search', 50, 'x'),
                ('I1', 'C-a', '2026-09-10', 'MA', 'keyword_search', 50, NULL),
                ('I2', 'C-a', '2026-09-10', 'MA', 'keyword_search', 7, NULL),
                ('I4', 'C-b', '2026-09-10', 'ABM', 'competitor_visit', 10, NULL),
                ('I5', 'C-a', '2026-09-10', 'SFA', 'content_consumption', 99, NULL),
                ('I9', 'C-b', '2026-09-09', 'ABM', 'review_site', 1, NULL),
                ('I0', 'C-b', '2026-09-08', 'ABM', 'review_site', 1, NULL)
            """)
        // 09-08 is outside the window. 09-09: I9. 09-10: C-a before C-b; within C-a, MA before
        // SFA; within MA (same kind) score 7 before 50 (as numbers; as text "50" < "7"), then
        // I1 before I3 by ID; then SFA's I5; then C-b's I4.
        let days = Build.day("2026-09-09")...Build.day("2026-09-30")
        let read = try await store.reportIntent(days: days)
        #expect(read.map(\.id) == ["I9", "I2", "I1", "I3", "I5", "I4"])
        #expect(
            read.first
                == IntentSignal(
                    id: "I9", companyId: "C-b", observedOn: Build.day("2026-09-09"), topic: "ABM", kind: .reviewSite,
                    score: 1))
        #expect(read == (try await store.intentByRow(days: days)))
    }

    @Test("target contacts in byte order across pages, non-target companies left out")
    func contacts() async throws {
        let store = try await PostgresTestDatabase.open(try await PostgresTestDatabase.fresh())
        defer { Task { try? await store.close() } }
        _ = try await store.write(Self.companiesSQL)
        _ = try await store.write(
            """
            INSERT INTO targets (company_id, added_on, tier) VALUES ('C-a', '2026-07-01', 1), ('C-b', '2026-07-01', 2)
            """)
        _ = try await store.write(
            """
            INSERT INTO contacts (contact_id, company_id, name, email, department, title, role, phone, updated_on) VALUES
                ('P-é', 'C-a', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                ('P-b', 'C-a', '山田', 'y@a.example', '営業', '部長', 'decision_maker', '03-0000-0000', '2026-08-01'),
                ('P-z', 'C-a', NULL, NULL, NULL, NULL, 'other', NULL, NULL),
                ('P-c', 'C-c', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                ('P-a', 'C-b', NULL, NULL, NULL, NULL, NULL, NULL, NULL)
            """)
        // Byte order: "P-a" < "P-b" < "P-z" (0x7A) < "P-é" (0xC3 0xA9); P-c's company is no target.
        let expected = [
            Contact(id: "P-a", companyId: "C-b"),
            Contact(
                id: "P-b", companyId: "C-a", name: "山田", email: "y@a.example", department: "営業", title: "部長",
                role: .decisionMaker, phone: "03-0000-0000", updatedOn: Build.day("2026-08-01")),
            Contact(id: "P-z", companyId: "C-a", role: .other),
            Contact(id: "P-é", companyId: "C-a"),
        ]
        #expect(try await store.reportTargetContacts() == expected)
        // Pages of 2: [P-a, P-b], [P-z, P-é], then an empty page ends the read.
        #expect(try await store.reportTargetContacts(pageSize: 2) == expected)
        // Pages of 3: [P-a, P-b, P-z], then [P-é], shorter than a page, ends it.
        #expect(try await store.reportTargetContacts(pageSize: 3) == expected)
        #expect(try await store.targetContactsByRow() == expected)
    }
}

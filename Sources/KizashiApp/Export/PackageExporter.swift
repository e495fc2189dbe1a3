import Foundation
import KizashiCore
import KizashiStore

/// Writes the whole workspace back as a canonical data package (data-format.md), so that
/// import → export → import is lossless.
public struct PackageExporter: Sendable {
    public let store: any WorkspaceStore
    static let page = 20_000

    public init(store: any WorkspaceStore) { self.store = store }

    /// Returns the row count written per entity.
    @discardableResult
    public func export(to directory: String) async throws -> [String: Int] {
        let parameters = try WorkspaceSettings.parameters(from: try await store.settings())
        let out = try CanonicalPackageWriter(directory: directory, timeZone: parameters.timeZone)
        for e in CanonicalEntity.importOrder { try out.touch(e) }

        try await paged(store.companies, id: \.id, into: out, as: .companies, wrap: CanonicalRecord.company)
        try out.write(try await store.targets().map { .target($0) }, as: .targets)
        try await paged(store.contacts, id: \.id, into: out, as: .contacts, wrap: CanonicalRecord.contact)
        try await paged(store.activities, id: \.id, into: out, as: .activities, wrap: CanonicalRecord.activity)
        try await paged(store.intent, id: \.id, into: out, as: .intent, wrap: CanonicalRecord.intent)
        try out.write(try await store.leadStages().map { .leadStage($0) }, as: .leadStages)
        try out.write(try await store.meetings().map { .meeting($0) }, as: .meetings)
        try out.write(try await store.opportunities().map { .opportunity($0) }, as: .opportunities)
        try out.write(try await store.contracts().map { .contract($0) }, as: .contracts)
        try out.write(try await store.campaigns().map { .campaign($0) }, as: .campaigns)
        if let icp = try await store.icp() { try out.writeICP(icp) }
        try out.close()
        return Dictionary(uniqueKeysWithValues: out.rows.map { ($0.key.rawValue, $0.value) })
    }

    /// Reads a large entity page by page (keyset pagination on its ID) and writes each page.
    private func paged<T>(
        _ fetch: (String?, Int) async throws -> [T], id: (T) -> String, into out: CanonicalPackageWriter,
        as entity: CanonicalEntity, wrap: (T) -> CanonicalRecord
    ) async throws {
        var after: String?
        repeat {
            let rows = try await fetch(after, Self.page)
            try out.write(rows.map(wrap), as: entity)
            after = rows.count == Self.page ? rows.last.map(id) : nil
        } while after != nil
    }
}

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

        var after: String? = nil
        repeat {
            let rows = try await store.companies(after: after, limit: Self.page)
            try out.write(rows.map { .company($0) }, as: .companies)
            after = rows.count == Self.page ? rows.last?.id : nil
        } while after != nil
        try out.write(try await store.targets().map { .target($0) }, as: .targets)
        after = nil
        repeat {
            let rows = try await store.contacts(after: after, limit: Self.page)
            try out.write(rows.map { .contact($0) }, as: .contacts)
            after = rows.count == Self.page ? rows.last?.id : nil
        } while after != nil
        after = nil
        repeat {
            let rows = try await store.activities(after: after, limit: Self.page)
            try out.write(rows.map { .activity($0) }, as: .activities)
            after = rows.count == Self.page ? rows.last?.id : nil
        } while after != nil
        after = nil
        repeat {
            let rows = try await store.intent(after: after, limit: Self.page)
            try out.write(rows.map { .intent($0) }, as: .intent)
            after = rows.count == Self.page ? rows.last?.id : nil
        } while after != nil
        try out.write(try await store.leadStages().map { .leadStage($0) }, as: .leadStages)
        try out.write(try await store.meetings().map { .meeting($0) }, as: .meetings)
        try out.write(try await store.opportunities().map { .opportunity($0) }, as: .opportunities)
        try out.write(try await store.contracts().map { .contract($0) }, as: .contracts)
        try out.write(try await store.campaigns().map { .campaign($0) }, as: .campaigns)
        if let icp = try await store.icp() { try out.writeICP(icp) }
        try out.close()
        return Dictionary(uniqueKeysWithValues: out.rows.map { ($0.key.rawValue, $0.value) })
    }
}

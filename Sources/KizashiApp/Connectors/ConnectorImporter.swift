import Foundation
import KizashiCore
import KizashiStore
import Logging

/// One-command imports of what users have (issue 6): each connector maps its source onto the
/// canonical entities and writes them in one transaction (nothing on a dry run).
public struct ConnectorImporter: Sendable {
    public let store: any WorkspaceStore
    /// The longest CSV record read as a row (`kizashi import --max-record-bytes`; default 1 MiB).
    public var maxRecordBytes: Int
    public init(store: any WorkspaceStore, maxRecordBytes: Int = CSVTokenizer.defaultMaxRecordBytes) {
        self.store = store
        self.maxRecordBytes = maxRecordBytes
    }

    /// Every company, paged from the store.
    func allCompanies() async throws -> [Company] {
        var out: [Company] = []
        var after: String?
        while true {
            let page = try await store.companies(after: after, limit: 10_000)
            out += page
            guard let last = page.last, page.count == 10_000 else { break }
            after = last.id
        }
        return out
    }

    /// Normalised domain → the companies with it. Intent files carry only a domain, so a domain
    /// two companies share cannot say which one is researching: such rows are skipped, not guessed.
    func companiesByDomain() async throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        for c in try await allCompanies() {
            let d = CompanyResolver.domainKey(c.domain)
            if !d.isEmpty { out[d, default: []].append(c.id) }
        }
        return out
    }

    /// The workspace's time zone, in which export datetimes without an offset are read: the
    /// `time_zone` setting, Asia/Tokyo when none is set (the documented default). A stored zone
    /// this build does not know is logged and Tokyo used, as the store does for its roll-ups.
    func workspaceTimeZone() async throws -> WorkspaceTimeZone {
        switch WorkspaceTimeZone.fromSetting(try await store.settings()["time_zone"]) {
        case .success(let zone): return zone
        case .failure(let unknown):
            Logger(label: "kizashi.import").warning(
                "the stored time zone is unknown; export times are read in Asia/Tokyo",
                metadata: ["time_zone": "\(unknown.identifier)"])
            return unknown.fallback
        }
    }

    func ambiguousDomainNotes(_ ambiguous: [String: [String]]) -> [String] {
        ambiguous.sorted { $0.key < $1.key }.prefix(10).map {
            "ambiguous: \($0.key) belongs to \($0.value.sorted().joined(separator: ", ")); its rows were skipped (merge them with kizashi merge)"
        }
    }
}

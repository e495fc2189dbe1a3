import Foundation
import KizashiCore
import KizashiStore

/// A CRM record a 名寄せ merge points at the kept company, as the merge log keeps it.
///
/// Why: the write-back (`kizashi sync hubspot|salesforce`) finds a CRM record's company through
/// `crm_record_links`, or through a company ID that is itself a CRM ID (`HS123`, `001…AAA`). A merge
/// deletes the dropped company, so without this the CRM records it stood for would stop
/// receiving scores, or receive none at all.
struct CRMLinkMove: Sendable, Equatable {
    var link: CRMRecordLink
    /// True when the record was linked to the dropped company before (undo links it back);
    /// false when the merge created the link from the dropped company's own CRM ID (undo forgets it).
    var wasLinked: Bool

    /// The links of the dropped company `id`, plus one for its own CRM ID when it was imported
    /// under it: a HubSpot company (`HubSpotRecordID`) or a Salesforce Account (`SalesforceRecordID`).
    static func moves(of id: String, in tx: any WorkspaceTransaction) async throws -> [CRMLinkMove] {
        var out = try await tx.crmRecordLinks(companyId: id).map { CRMLinkMove(link: $0, wasLinked: true) }
        var own: [CRMRecordLink] = []
        if let record = HubSpotRecordID.fromWorkspaceId(id) {
            own.append(
                CRMRecordLink(
                    provider: HubSpotCredentials.provider, objectType: HubSpotBatchUpdate.Object.companies.rawValue,
                    recordId: record))
        }
        if let record = SalesforceRecordID.account(id) {
            own.append(
                CRMRecordLink(
                    provider: SalesforceCredentials.provider,
                    objectType: SalesforceCollectionsUpdate.Object.account.rawValue, recordId: record))
        }
        for link in own where !out.contains(where: { $0.link == link }) {
            out.append(CRMLinkMove(link: link, wasLinked: false))
        }
        return out
    }

    var json: [String: Any] {
        [
            "provider": link.provider, "object_type": link.objectType, "record_id": link.recordId,
            "was_linked": wasLinked,
        ]
    }

    init(link: CRMRecordLink, wasLinked: Bool) {
        self.link = link
        self.wasLinked = wasLinked
    }

    /// nil for an entry of another shape (a log written by an older version has none).
    init?(json o: [String: Any]) {
        guard let provider = o["provider"] as? String, let object = o["object_type"] as? String,
            let record = o["record_id"] as? String, let was = o["was_linked"] as? Bool
        else { return nil }
        self.init(link: CRMRecordLink(provider: provider, objectType: object, recordId: record), wasLinked: was)
    }

    /// The merge record `base` (`{"kept":…,"dropped":[…]}`) with each dropped company's moved CRM
    /// links as `crm_links`, in the order of `dropped`.
    static func record(_ base: Data, adding moves: [[CRMLinkMove]]) throws -> String {
        guard var object = try JSONSerialization.jsonObject(with: base) as? [String: Any],
            var dropped = object["dropped"] as? [[String: Any]], dropped.count == moves.count
        else { throw StoreError("the merge record could not be written") }
        for i in dropped.indices { dropped[i]["crm_links"] = moves[i].map(\.json) }
        object["dropped"] = dropped
        return String(
            decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}

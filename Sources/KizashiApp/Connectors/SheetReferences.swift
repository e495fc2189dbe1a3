import KizashiCore
import KizashiStore

/// Resolves the company and contact references of a mapped sheet (issue 29) against the
/// workspace: fills `company_id` / `contact_id` of each canonical row, or records why the row
/// is rejected (unresolved or ambiguous, with the candidates; never guessed).
struct SheetReferences: Sendable {
    let store: any WorkspaceStore

    struct Resolved {
        var rows: [[String]]
        /// Row index (0 = the first row under the header) → the rejected column, value and reason.
        var issues: [Int: (column: String, value: String, reason: String)] = [:]
        var notes: [String] = []
    }

    /// `extraCompanies` / `extraContacts`: records written earlier in the same import (a folder).
    func resolve(
        mapping: SheetColumnMapping, sheetRows: [[String]], canonicalHeader: [String], canonicalRows: [[String]],
        extraCompanies: [Company] = [], extraContacts: [Contact] = []
    ) async throws -> Resolved {
        let contacts = mapping.hasContactReference ? try await allContacts() + extraContacts : []
        let resolver = RecordReferenceResolver(
            companies: try await ConnectorImporter(store: store).allCompanies() + extraCompanies, contacts: contacts)
        var out = Resolved(rows: canonicalRows)
        let companyColumn = canonicalHeader.firstIndex(of: "company_id")
        let contactColumn = canonicalHeader.firstIndex(of: "contact_id")
        var resolvedCompanies = 0, resolvedContacts = 0
        for (i, cells) in sheetRows.enumerated() where i < out.rows.count {
            if let contactColumn, mapping.hasContactReference, out.rows[i][contactColumn].isEmpty {
                let raw = mapping.contactReference(cells)
                if !raw.isEmpty {
                    switch resolver.contact(raw) {
                    case .success(let id):
                        out.rows[i][contactColumn] = id
                        resolvedContacts += 1
                    case .failure(let f):
                        out.rows[i][contactColumn] = raw
                        out.issues[i] = ("contact", f.value, f.reason)
                    }
                }
            }
            if let companyColumn, mapping.hasCompanyReference, out.rows[i][companyColumn].isEmpty {
                let keys = mapping.companyKeys(cells)
                if !keys.isEmpty {
                    switch resolver.company(keys) {
                    case .success(let id):
                        out.rows[i][companyColumn] = id
                        resolvedCompanies += 1
                    case .failure(let f):
                        // A placeholder so the row parses; it is rejected with this reason.
                        out.rows[i][companyColumn] = f.value
                        if out.issues[i] == nil { out.issues[i] = ("company", f.value, f.reason) }
                    }
                }
            }
        }
        if mapping.hasCompanyReference {
            out.notes.append("companies referred to by name, 法人番号, domain or e-mail: \(resolvedCompanies) resolved")
        }
        if mapping.hasContactReference {
            out.notes.append("contacts referred to by ID or e-mail: \(resolvedContacts) resolved")
        }
        return out
    }

    func allContacts() async throws -> [Contact] {
        var out: [Contact] = []
        var after: String?
        while true {
            let page = try await store.contacts(after: after, limit: 10_000)
            out += page
            guard let last = page.last, page.count == 10_000 else { break }
            after = last.id
        }
        return out
    }
}

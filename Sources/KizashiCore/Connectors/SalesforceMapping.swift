import Foundation

/// Salesforce Account, Contact and Opportunity records — from Data Loader / data export CSVs
/// (field API names as headers, any case) or `sf data tree export` JSON — mapped onto the
/// canonical entities.
public enum SalesforceMapping {
    /// The 18-character form of a record ID. A 15-character ID is case-sensitive; the 3-character
    /// suffix encodes the case of each block of five, so both forms name the same record.
    public static func id18(_ raw: String) -> String {
        let id = raw.trimmingASCIIWhitespace()
        guard id.count == 15, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return id }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")
        let chars = Array(id)
        var suffix = ""
        for block in 0..<3 {
            var bits = 0
            for i in 0..<5 where chars[block * 5 + i].isUppercase { bits |= 1 << i }
            suffix.append(alphabet[bits])
        }
        return id + suffix
    }

    /// A record as field name (lower-cased) → value.
    public typealias Record = [String: String]

    public static func lowercased(_ r: [String: Any]) -> Record {
        var out: Record = [:]
        for (k, v) in r {
            switch v {
            case let s as String: out[k.lowercased()] = s
            case let n as NSNumber: out[k.lowercased()] = n.stringValue
            default: break
            }
        }
        return out
    }

    static func value(_ r: Record, _ key: String) -> String? {
        guard let v = r[key]?.trimmingASCIIWhitespace(), !v.isEmpty else { return nil }
        return v
    }

    /// The record's ID: `Id`, else the tree export's `referenceId`.
    public static func recordId(_ r: Record) -> String? { (value(r, "id") ?? value(r, "referenceid")).map(id18) }

    /// A reference to another record: an ID, or a tree export's `@AccountRef1`.
    public static func reference(_ r: Record, _ key: String) -> String? {
        guard let v = value(r, key) else { return nil }
        return v.hasPrefix("@") ? String(v.dropFirst()) : id18(v)
    }

    public static func company(_ r: Record) -> Result<Company, EventProblem> {
        guard let id = recordId(r) else { return .failure(EventProblem("no Id")) }
        guard let name = value(r, "name") else { return .failure(EventProblem("no Name")) }
        let domain = value(r, "website").map(CompanyNameNormalizer.normalizeDomain).flatMap { $0.isEmpty ? nil : $0 }
        return .success(
            Company(
                id: id, name: name, domain: domain, industry: value(r, "industry"),
                employees: value(r, "numberofemployees"), annualRevenue: value(r, "annualrevenue"),
                country: value(r, "billingcountry"), region: value(r, "billingstate")))
    }

    public static func contact(_ r: Record) -> Result<Contact, EventProblem> {
        guard let id = recordId(r) else { return .failure(EventProblem("no Id")) }
        guard let account = reference(r, "accountid") else {
            return .failure(EventProblem("no AccountId (a contact needs a company)", kind: .noCompany))
        }
        let name =
            value(r, "name") ?? [value(r, "lastname"), value(r, "firstname")].compactMap { $0 }.joined(separator: " ")
        return .success(
            Contact(
                id: id, companyId: account, name: name.isEmpty ? nil : name, email: value(r, "email"),
                department: value(r, "department"), title: value(r, "title"), phone: value(r, "phone")))
    }

    /// `IsWon`/`IsClosed` decide the status when present; else the standard stage names.
    public static func opportunity(_ r: Record) -> Result<Opportunity, EventProblem> {
        guard let id = recordId(r) else { return .failure(EventProblem("no Id")) }
        guard let account = reference(r, "accountid") else {
            return .failure(EventProblem("no AccountId", kind: .noCompany))
        }
        guard
            let created = (value(r, "createddate") ?? value(r, "closedate")).flatMap({ Day(iso: String($0.prefix(10))) }
            )
        else { return .failure(EventProblem("no CreatedDate")) }
        let given = value(r, "amount").flatMap(Double.init)
        guard (given ?? 0) >= 0 else { return .failure(EventProblem("negative Amount")) }
        let stage = value(r, "stagename")
        let isClosed = value(r, "isclosed").map { $0.lowercased() == "true" }
        let isWon = value(r, "iswon").map { $0.lowercased() == "true" }
        let status: OpportunityStatus
        if let isClosed {
            status = !isClosed ? .open : (isWon == true ? .won : .lost)
        } else {
            switch stage?.lowercased() {
            case "closed won": status = .won
            case "closed lost": status = .lost
            default: status = .open
            }
        }
        let close = value(r, "closedate").flatMap { Day(iso: String($0.prefix(10))) }
        // data-format.md: an open deal's amount may be unknown; a closed one without an Amount
        // keeps the 0 Salesforce reports for it.
        let amount = given ?? (status == .open ? nil : 0)
        return .success(
            Opportunity(
                id: id, companyId: account, name: value(r, "name"), createdOn: created, amount: amount,
                termMonths: nil, status: status, closedOn: status == .open ? nil : close, stage: stage,
                source: value(r, "leadsource")))
    }
}

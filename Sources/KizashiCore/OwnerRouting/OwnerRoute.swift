/// Where an account owner's own alerts and reviews go (issue 27 §3): a Slack-style webhook and/or
/// e-mail addresses, keyed by the owner's name as the target list writes it (`TargetMembership.owner`).
public struct OwnerRoute: Sendable, Equatable {
    /// The owner's name as entered (trimmed), shown in lists and the delivery log.
    public var owner: String
    /// A webhook of the workspace (`webhooks`); a webhook named by a route receives only that
    /// owner's alerts, never the whole team's.
    public var webhookId: Int64?
    /// Plain `local@domain` addresses (`DigestDeliverySettings.isPlainAddress`).
    public var emails: [String]

    public init(owner: String, webhookId: Int64?, emails: [String]) {
        self.owner = owner
        self.webhookId = webhookId
        self.emails = emails
    }

    /// The longest owner name accepted (characters): a person's name, never a document.
    public static let maxOwnerLength = 120
    /// E-mail addresses per owner at most (a rep and perhaps an assistant or a team alias).
    public static let maxEmails = 5

    /// How owners are matched: trimmed, ASCII letters lowercased ("Emily Clark " = "emily clark");
    /// other letters as written (Japanese names have no case, and a Unicode case map could
    /// merge names that differ).
    public static func key(_ owner: String) -> String {
        String(
            String.UnicodeScalarView(
                owner.trimmingASCIIWhitespace().unicodeScalars.map { u in
                    (65...90).contains(u.value) ? Unicode.Scalar(UInt8(u.value + 32)) : u
                }))
    }

    /// The owner name checked: trimmed, 1…`maxOwnerLength` characters, no control characters
    /// (it goes into log lines and mail subjects).
    public static func validOwner(_ raw: String) -> Result<String, OwnerRouteProblem> {
        // Counted as given, in code points (as the API document's maxLength counts).
        guard raw.unicodeScalars.count <= maxOwnerLength else {
            return .failure(.init(field: "owner", reason: "must be at most \(maxOwnerLength) characters"))
        }
        let name = raw.trimmingASCIIWhitespace()
        guard !name.isEmpty else { return .failure(.init(field: "owner", reason: "must not be empty")) }
        guard name.count <= maxOwnerLength else {
            return .failure(.init(field: "owner", reason: "must be at most \(maxOwnerLength) characters"))
        }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            return .failure(.init(field: "owner", reason: "must not contain control characters"))
        }
        return .success(name)
    }

    /// The addresses checked: each a plain address, at most `maxEmails`, duplicates dropped.
    public static func validEmails(_ raw: [String]) -> Result<[String], OwnerRouteProblem> {
        var out: [String] = []
        for r in raw {
            let a = r.trimmingASCIIWhitespace()
            if a.isEmpty { continue }
            guard DigestDeliverySettings.isPlainAddress(a) else {
                return .failure(
                    .init(
                        field: "emails", reason: "\(String(a.prefix(80))) is not a plain e-mail address (local@domain)")
                )
            }
            if !out.contains(where: { $0.lowercased() == a.lowercased() }) { out.append(a) }
        }
        guard out.count <= maxEmails else {
            return .failure(.init(field: "emails", reason: "at most \(maxEmails) addresses per owner"))
        }
        return .success(out)
    }

    /// The addresses of a comma-separated list (CLI and form), checked.
    public static func validEmails(commaSeparated raw: String) -> Result<[String], OwnerRouteProblem> {
        guard raw.utf8.count <= 254 * (maxEmails + 1) else {
            return .failure(.init(field: "emails", reason: "too long"))
        }
        return validEmails(raw.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
    }
}

extension OwnerRoute {
    /// The owner of each account on `day`, by owner key (`key`): the account's latest target
    /// membership active that day (as the alert rules read it); accounts without an owner are left out.
    public static func accountsByOwner(_ targets: [TargetMembership], on day: Day) -> [String: Set<String>] {
        var ownerOf: [String: String] = [:]
        for t in targets where t.isActive(on: day) {
            // The last active membership wins, as in the alert rules (`AlertEvaluator`).
            ownerOf[t.companyId] = t.owner.map(key) ?? ""
        }
        var out: [String: Set<String>] = [:]
        for (company, owner) in ownerOf where !owner.isEmpty { out[owner, default: []].insert(company) }
        return out
    }
}

/// Why an owner route was refused: the field and the reason, for the CLI, the API and the form.
public struct OwnerRouteProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var reason: String
    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }
    public var description: String { "\(field): \(reason)" }
}

/// The keys that make two companies "the same company" (kpis.md §duplicate_rate). An empty key
/// never matches, so only non-empty keys are returned.
public enum CompanyMatchKeys {
    public enum Kind: String, Sendable, CaseIterable {
        case corporateNumber = "corporate_number"
        case domain
        case nameAndRegion = "name_region"
    }

    /// The corporate number as written (trimmed); the normalised domain; the normalised name with
    /// the normalised region (both non-empty).
    public static func keys(of c: Company) -> [(kind: Kind, key: String)] {
        var out: [(Kind, String)] = []
        if let n = c.corporateNumber?.trimmingASCIIWhitespace(), !n.isEmpty { out.append((.corporateNumber, n)) }
        if let d = c.domain {
            let nd = CompanyNameNormalizer.normalizeDomain(d)
            if !nd.isEmpty { out.append((.domain, nd)) }
        }
        if let region = c.region {
            let nr = CompanyNameNormalizer.normalizeRegion(region)
            if !nr.isEmpty {
                let nn = CompanyNameNormalizer.normalize(c.name)
                if !nn.isEmpty { out.append((.nameAndRegion, nn + " / " + nr)) }
            }
        }
        return out
    }
}

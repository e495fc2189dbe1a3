/// The four audience files (docs/activation.md §Audiences cites each platform's template). Every
/// file is UTF-8 CSV, a header line then one line per account or contact, `\n` line ends, fields
/// quoted when they hold `,`, `"` or a line break; text a spreadsheet would run as a formula gets
/// a leading `'` (company names are imported text).
///
/// What leaves Kizashi: the linkedin and csv files hold company data only; the google-ads and meta
/// files hold contacts' e-mails and phones only as SHA-256 hex of their normalised form
/// (`AudienceKeys`), never in clear. Names and postal codes are left empty: Kizashi keeps one
/// `name` per contact (given and family names cannot be told apart reliably, e.g. `山田 太郎`)
/// and no postal code.
public enum AudienceFile {
    /// The file of `format` for `accounts` (in the order given), hashing with `hasher`.
    public static func render(_ format: AudienceFormat, _ accounts: [AudienceAccount], hasher: any AudienceKeyHasher)
        -> String
    {
        switch format {
        case .linkedin: linkedin(accounts)
        case .googleAds: googleAds(accounts, hasher: hasher)
        case .meta: meta(accounts, hasher: hasher)
        case .csv: csv(accounts)
        }
    }

    /// LinkedIn's company list template, its ten columns in its order.
    public static let linkedinHeader = [
        "companyname", "companywebsite", "companyemaildomain", "linkedincompanypageurl", "stocksymbol", "industry",
        "city", "state", "companycountry", "zipcode",
    ]

    /// One line per account: name, the web domain as website and e-mail domain, industry, region
    /// (prefecture or state) and country; Kizashi knows no LinkedIn page, ticker, city or zip.
    public static func linkedin(_ accounts: [AudienceAccount]) -> String {
        var out = line(linkedinHeader)
        for a in accounts {
            let c = a.company, domain = a.domain ?? ""
            out += line([
                a.name, domain, domain, "", "", c?.industry ?? "", "", c?.region ?? "", a.country ?? "", "",
            ])
        }
        return out
    }

    /// Google Ads Customer Match's header names (English, as Google requires).
    public static let googleAdsHeader = ["Email", "Phone", "First Name", "Last Name", "Country", "Zip"]

    /// One line per contact with a usable e-mail or phone: SHA-256 hex of the normalised e-mail
    /// and of the E.164 phone (with `+`); Country in clear (Google: country and zip are not hashed).
    public static func googleAds(_ accounts: [AudienceAccount], hasher: any AudienceKeyHasher) -> String {
        var out = line(googleAdsHeader)
        for a in accounts {
            let country = a.country
            for (email, phone) in a.contactKeys where email != nil || phone != nil {
                out += line([
                    email.map(hasher.sha256Hex) ?? "", phone.map(hasher.sha256Hex) ?? "", "", "", country ?? "", "",
                ])
            }
        }
        return out
    }

    /// Meta's customer file identifiers (the Marketing API's schema keys).
    public static let metaHeader = ["EMAIL", "PHONE", "FN", "LN", "COUNTRY"]

    /// One line per contact with a usable e-mail or phone: SHA-256 hex of the normalised e-mail, of
    /// the phone's E.164 digits without `+` (Meta: digits only, country code included), and of the
    /// lower-case country code (Meta hashes COUNTRY too).
    public static func meta(_ accounts: [AudienceAccount], hasher: any AudienceKeyHasher) -> String {
        var out = line(metaHeader)
        for a in accounts {
            let country = a.country
            for (email, phone) in a.contactKeys where email != nil || phone != nil {
                out += line([
                    email.map(hasher.sha256Hex) ?? "", phone.map { hasher.sha256Hex(String($0.dropFirst())) } ?? "",
                    "", "", country.map { hasher.sha256Hex($0.lowercased()) } ?? "",
                ])
            }
        }
        return out
    }

    public static let csvHeader = [
        "company_id", "name", "domain", "industry", "country", "region", "tier", "score", "contacts",
        "contacts_with_email", "contacts_with_phone",
    ]

    /// One line per account for other tools: company data, tier, score and how many of its
    /// contacts have a usable e-mail and phone (counts, not the contacts themselves).
    public static func csv(_ accounts: [AudienceAccount]) -> String {
        var out = line(csvHeader)
        for a in accounts {
            let counts = AudienceCounts([a])
            out += line([
                a.companyId, a.name, a.domain ?? "", a.company?.industry ?? "", a.country ?? "",
                a.company?.region ?? "", String(a.tier.rawValue), JSONValue.format(a.score), String(counts.contacts),
                String(counts.contactsWithEmail), String(counts.contactsWithPhone),
            ])
        }
        return out
    }

    static func line(_ fields: [String]) -> String {
        fields.map { JourneyCSVRenderer.field(SpreadsheetCell.neutralised($0)) }.joined(separator: ",") + "\n"
    }
}

/// One account of an audience with what the files are made of: its row of the accounts list on
/// the day (name, tier, score), its company's firmographics and its contacts as imported.
public struct AudienceAccount: Sendable, Equatable {
    public var companyId: String
    public var name: String
    public var tier: Tier
    public var score: Double
    public var company: Company?
    public var contacts: [Contact]

    public init(companyId: String, name: String, tier: Tier, score: Double, company: Company?, contacts: [Contact]) {
        self.companyId = companyId
        self.name = name
        self.tier = tier
        self.score = score
        self.company = company
        self.contacts = contacts
    }

    /// The company's country as ISO alpha-2, the only country Kizashi knows for its contacts.
    public var country: String? { AudienceKeys.countryCode(company?.country) }
    public var domain: String? { AudienceKeys.webDomain(company?.domain) }

    /// Each contact's keys as the platforms match them: the normalised e-mail and the E.164 phone
    /// (in the account's country), nil when unusable. One reading for the counts and the files.
    public var contactKeys: [(email: String?, phone: String?)] {
        let country = country
        return contacts.map { (AudienceKeys.email($0.email), AudienceKeys.e164($0.phone, country: country)) }
    }
}

/// SHA-256 of a normalised key, as lower-case hex (64 characters), which Google and Meta match on.
///
/// Why a protocol: KizashiCore has no dependencies (the fuzz package builds it alone), and
/// SHA-256 comes from swift-crypto, which KizashiApp already links for tokens. App's
/// `SHA256AudienceHasher` is the live one; Core's tests pass a readable fake to check exactly
/// which strings are hashed.
public protocol AudienceKeyHasher: Sendable {
    func sha256Hex(_ text: String) -> String
}

/// What an audience holds, counted before anything is exported: the accounts, and the contacts
/// with a usable key (the rows of the Google Ads and Meta files).
public struct AudienceCounts: Sendable, Equatable {
    public var accounts: Int
    /// Accounts whose company has a valid web domain (LinkedIn's strongest company key after the name).
    public var accountsWithDomain: Int
    public var contacts: Int
    public var contactsWithEmail: Int
    /// Contacts whose phone can be written in E.164.
    public var contactsWithPhone: Int
    /// Contacts with a usable e-mail or phone: one row each in the google-ads and meta files.
    public var contactsWithKey: Int

    public init(
        accounts: Int, accountsWithDomain: Int, contacts: Int, contactsWithEmail: Int, contactsWithPhone: Int,
        contactsWithKey: Int
    ) {
        self.accounts = accounts
        self.accountsWithDomain = accountsWithDomain
        self.contacts = contacts
        self.contactsWithEmail = contactsWithEmail
        self.contactsWithPhone = contactsWithPhone
        self.contactsWithKey = contactsWithKey
    }

    public init(_ accounts: [AudienceAccount]) {
        self.init(
            accounts: accounts.count, accountsWithDomain: 0, contacts: 0, contactsWithEmail: 0, contactsWithPhone: 0,
            contactsWithKey: 0)
        for a in accounts {
            if a.domain != nil { accountsWithDomain += 1 }
            for (e, p) in a.contactKeys {
                contacts += 1
                let email = e != nil, phone = p != nil
                if email { contactsWithEmail += 1 }
                if phone { contactsWithPhone += 1 }
                if email || phone { contactsWithKey += 1 }
            }
        }
    }

    public var json: JSONValue {
        .object([
            ("accounts", .int(accounts)), ("accounts_with_domain", .int(accountsWithDomain)),
            ("contacts", .int(contacts)), ("contacts_with_email", .int(contactsWithEmail)),
            ("contacts_with_phone", .int(contactsWithPhone)), ("contacts_with_key", .int(contactsWithKey)),
        ])
    }
}

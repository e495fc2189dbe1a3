import KizashiCore
import Testing

/// The four files on a tiny audience, with a readable fake hash (`h(…)`) so each line shows
/// exactly which normalised string is hashed. KizashiAppTests checks the real SHA-256 hex.
@Suite("Audience files")
struct AudienceFileTests {
    struct FakeHasher: AudienceKeyHasher {
        func sha256Hex(_ text: String) -> String { "h(\(text))" }
    }

    static let accounts = [
        AudienceAccount(
            companyId: "A1", name: "株式会社アルファ", tier: .one, score: 42.5,
            company: Company(
                id: "A1", name: "株式会社アルファ", domain: "https://www.Alpha.co.jp/", industry: "IT", country: "JP",
                region: "東京都"),
            contacts: [
                Contact(id: "P1", companyId: "A1", email: "  Taro.Yamada@Alpha.CO.JP ", phone: "03-1234-5678"),
                Contact(id: "P2", companyId: "A1", email: "ｈａｎａｋｏ＠ａｌｐｈａ．ｃｏ．ｊｐ", phone: "+81 (0)90-1234-5678"),
                Contact(id: "P3", companyId: "A1", email: "bad email@alpha.co.jp", phone: "内線 123"),
            ]),
        AudienceAccount(
            companyId: "A2", name: "Delta, Inc.", tier: .three, score: 7,
            company: Company(
                id: "A2", name: "Delta, Inc.", domain: "delta.com", industry: "IT", country: "US", region: "CA"),
            contacts: [
                Contact(id: "P4", companyId: "A2", email: "John@Delta.com", phone: "(415) 555-0132"),
                Contact(id: "P5", companyId: "A2", phone: "1-415-555-0199"),
            ]),
        AudienceAccount(
            companyId: "A3", name: "=cmd Ltd", tier: .two, score: 0,
            company: Company(id: "A3", name: "=cmd Ltd", industry: "Retail"),
            contacts: [Contact(id: "P6", companyId: "A3", email: "x@y.com", phone: "090-0000-1111")]),
    ]

    @Test("counts: 3 accounts, 2 with a domain; 6 contacts, 4 e-mails, 4 phones, 5 with a key")
    func counts() {
        // E-mails: P1, P2, P4, P6 (P3 has a space). Phones: P1, P2 (+), P4, P5 (P3 letters; P6 no country).
        // With either: P1, P2, P4, P5, P6.
        #expect(
            AudienceCounts(Self.accounts)
                == AudienceCounts(
                    accounts: 3, accountsWithDomain: 2, contacts: 6, contactsWithEmail: 4, contactsWithPhone: 4,
                    contactsWithKey: 5))
    }

    @Test("linkedin: LinkedIn's ten template columns, the domain as website and e-mail domain, a formula neutralised")
    func linkedin() {
        #expect(
            AudienceFile.render(.linkedin, Self.accounts, hasher: FakeHasher()) == """
                companyname,companywebsite,companyemaildomain,linkedincompanypageurl,stocksymbol,industry,city,state,companycountry,zipcode
                株式会社アルファ,alpha.co.jp,alpha.co.jp,,,IT,,東京都,JP,
                "Delta, Inc.",delta.com,delta.com,,,IT,,CA,US,
                '=cmd Ltd,,,,,Retail,,,,

                """)
    }

    @Test("google-ads: hashed e-mail and E.164 phone (with +), country in clear, one line per contact with a key")
    func googleAds() {
        #expect(
            AudienceFile.render(.googleAds, Self.accounts, hasher: FakeHasher()) == """
                Email,Phone,First Name,Last Name,Country,Zip
                h(taro.yamada@alpha.co.jp),h(+81312345678),,,JP,
                h(hanako@alpha.co.jp),h(+819012345678),,,JP,
                h(john@delta.com),h(+14155550132),,,US,
                ,h(+14155550199),,,US,
                h(x@y.com),,,,,

                """)
    }

    @Test("meta: hashed e-mail, phone digits without +, lower-case country hashed too")
    func meta() {
        #expect(
            AudienceFile.render(.meta, Self.accounts, hasher: FakeHasher()) == """
                EMAIL,PHONE,FN,LN,COUNTRY
                h(taro.yamada@alpha.co.jp),h(81312345678),,,h(jp)
                h(hanako@alpha.co.jp),h(819012345678),,,h(jp)
                h(john@delta.com),h(14155550132),,,h(us)
                ,h(14155550199),,,h(us)
                h(x@y.com),,,,

                """)
    }

    @Test("csv: accounts only, with counts of usable keys, no contact data")
    func csv() {
        #expect(
            AudienceFile.render(.csv, Self.accounts, hasher: FakeHasher()) == """
                company_id,name,domain,industry,country,region,tier,score,contacts,contacts_with_email,contacts_with_phone
                A1,株式会社アルファ,alpha.co.jp,IT,JP,東京都,1,42.5,3,2,2
                A2,"Delta, Inc.",delta.com,IT,US,CA,3,7,2,1,2
                A3,'=cmd Ltd,,Retail,,,2,0,1,1,0

                """)
    }
}

import KizashiCore
import Testing

/// 名寄せ on import: each expectation below is read off the six workspace companies by hand.
@Suite("CompanyResolver: ID → corporate number → domain → name, ambiguity reported")
struct CompanyResolverTests {
    static let workspace = [
        Company(id: "001A", name: "株式会社アルファ", corporateNumber: "1000011000005", domain: "alpha.co.jp", region: "東京都"),
        Company(id: "C1", name: "田中商事", region: "大阪府"),
        Company(id: "D1", name: "田中商事株式会社", region: "福岡県"),
        Company(id: "E1", name: "Gamma KK", corporateNumber: "4010801014350", domain: "shared.example"),
        Company(id: "F1", name: "Gamma Holdings", domain: "shared.example"),
    ]

    @Test("each key in order, with the corporate-number and region guards")
    func resolve() {
        let r = CompanyResolver(companies: Self.workspace)
        #expect(r.resolve(Company(id: "001A", name: "anything")) == .existing(id: "001A", basis: .id))
        // Full-width digits and hyphens are the same number.
        #expect(
            r.resolve(Company(id: "X", name: "Other name", corporateNumber: "１０００-０１１０-００００５"))
                == .existing(id: "001A", basis: .corporateNumber))
        // The domain as a URL; no corporate number on the incoming side.
        #expect(
            r.resolve(Company(id: "HS1", name: "Alpha", domain: "https://www.alpha.co.jp/about"))
                == .existing(id: "001A", basis: .domain))
        // (株)アルファ and 株式会社アルファ normalise to アルファ; the region is unknown on one side.
        #expect(r.resolve(Company(id: "HS2", name: "(株)アルファ")) == .existing(id: "001A", basis: .name))
        // 田中商事 is in Osaka and in Fukuoka: without a region that is two candidates.
        #expect(r.resolve(Company(id: "HS3", name: "田中商事")) == .ambiguous(basis: .name, candidates: ["C1", "D1"]))
        #expect(r.resolve(Company(id: "HS4", name: "田中商事", region: "大阪府")) == .existing(id: "C1", basis: .name))
        #expect(r.resolve(Company(id: "HS5", name: "田中商事", region: "北海道")) == .new)
        // Two companies on one domain.
        #expect(
            r.resolve(Company(id: "HS6", name: "Gamma", domain: "shared.example"))
                == .ambiguous(basis: .domain, candidates: ["E1", "F1"]))
        // An unknown corporate number rules out E1 (a different number), leaving F1 (none).
        #expect(
            r.resolve(Company(id: "HS7", name: "Gamma", corporateNumber: "9999999999999", domain: "shared.example"))
                == .existing(id: "F1", basis: .domain))
        // A different number is a different legal entity even with the same name and region.
        #expect(
            r.resolve(Company(id: "HS8", name: "アルファ", corporateNumber: "9999999999999", region: "東京都")) == .new)
        #expect(r.resolve(Company(id: "HS9", name: "Nobody", domain: "nobody.example")) == .new)
    }

    @Test("companies added during an import are found; an updated record drops its old keys")
    func addAndUpdate() {
        var r = CompanyResolver()
        r.add(Company(id: "N", name: "New Co", domain: "x.example"))
        #expect(r.resolve(Company(id: "M", name: "Other", domain: "x.example")) == .existing(id: "N", basis: .domain))
        r.add(Company(id: "N", name: "New Co", domain: "y.example"))
        #expect(r.resolve(Company(id: "M", name: "Other", domain: "x.example")) == .new)
        #expect(r.resolve(Company(id: "M", name: "Other", domain: "y.example")) == .existing(id: "N", basis: .domain))
        #expect(r.companies(withDomain: "https://y.example/") == ["N"])
    }

    @Test("a match fills empty fields and never overwrites")
    func fill() {
        let existing = Company(id: "001A", name: "株式会社アルファ", domain: "alpha.co.jp", industry: nil, region: "東京都")
        let incoming = Company(
            id: "HS1", name: "Alpha", domain: "other.example", industry: "Software", employees: "1200", region: "大阪府")
        #expect(
            CompanyResolver.fill(existing, from: incoming)
                == Company(
                    id: "001A", name: "株式会社アルファ", domain: "alpha.co.jp", industry: "Software", employees: "1200",
                    region: "東京都"))
    }
}

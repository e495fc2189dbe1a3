/// Builds the company universe: Japanese and US companies with realistic gaps and errors, and
/// duplicates that really are the same company entered twice (a legal-form variant in the same
/// prefecture, the same domain written with www./https://, or the same 法人番号).
struct DemoCompanyBuilder {
    private typealias V = DemoCompanyVocabulary
    let count: Int
    let calendar: DemoCalendar

    /// Share of rows that duplicate an earlier company.
    static let duplicateShare = 0.03

    /// The demo's ICP (DemoGenerator.icp) as a predicate over recorded fields.
    static func matchesICP(_ c: Company) -> Bool {
        guard let industry = c.industry, industry == "Manufacturing" || industry == "IT",
            c.country == "JP", let e = c.employees, !e.isEmpty, e.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
            let n = Int(e)
        else { return false }
        return n >= 300 && n <= 5000
    }

    func build(_ rng: inout DemoRandom) -> (companies: [Company], accounts: [DemoAccount]) {
        var names = DemoNameSpace(rng: &rng)
        let industryPick = DemoWeighted(V.industryWeights)
        let prefecturePick = DemoWeighted(V.prefectures.map(\.weight))
        let statePick = DemoWeighted(V.states.map(\.weight))
        var companies: [Company] = []
        var accounts: [DemoAccount] = []
        var nameParts: [DemoCompanyName] = []
        companies.reserveCapacity(count)
        accounts.reserveCapacity(count)
        nameParts.reserveCapacity(count)

        for i in 0..<count {
            let id = DemoID.company(i)
            if i >= 20 && rng.chance(DemoCompanyBuilder.duplicateShare) {
                var j = rng.below(i)
                while accounts[j].duplicateOf >= 0 { j = accounts[j].duplicateOf }
                let c = duplicate(of: companies[j], account: accounts[j], name: nameParts[j], id: id, &rng)
                var a = accounts[j]
                a.id = id
                a.duplicateOf = j
                a.matchesICP = DemoCompanyBuilder.matchesICP(c)
                companies.append(c)
                accounts.append(a)
                nameParts.append(nameParts[j])
                continue
            }
            let industry = industryPick.draw(&rng)
            let u = rng.unit()
            let isUS = u < 0.08
            let isOther = !isUS && u < 0.09
            let employees = min(max(Int(rng.logNormal(median: 250, sigma: 1.3)), 3), 250_000)
            let name: DemoCompanyName
            var domain: String
            var prefecture = -1
            var region: String?
            var country: String?
            if isUS || isOther {
                let n = names.us(industry: industry)
                let form = isOther ? [" Pte. Ltd.", " Ltd.", " GmbH"][rng.below(3)] : rng.pick(V.usForms)
                name = DemoCompanyName(core: n.core, romaji: n.romaji, form: .us, prefixForm: false, usForm: form)
                domain = n.romaji.joined() + (industry == 1 && rng.chance(0.3) ? ".io" : ".com")
                if isUS {
                    country = "US"
                    region = V.states[statePick.draw(&rng)].code
                } else {
                    country = ["SG", "GB", "DE"][rng.below(3)]
                }
            } else {
                let n = names.japanese(industry: industry)
                let form: DemoCompanyName.LegalForm
                let f = rng.unit()
                if f < 0.02 {
                    form = .godo
                } else if f < 0.08 && employees < 300 {
                    form = .yugen
                } else {
                    form = .kabushiki
                }
                let before = form == .kabushiki ? rng.chance(0.5) : (form == .yugen ? rng.chance(0.4) : false)
                name = DemoCompanyName(core: n.core, romaji: n.romaji, form: form, prefixForm: before, usForm: "")
                let t = rng.unit()
                let tld = t < 0.8 ? ".co.jp" : t < 0.88 ? ".jp" : t < 0.98 ? ".com" : ".ne.jp"
                domain = n.romaji.joined(separator: "-") + tld
                prefecture = prefecturePick.draw(&rng)
                region = V.prefectures[prefecture].name
                country = "JP"
            }
            // The written name: mostly the full legal form; English for some Japanese (IT-heavy) firms.
            let written: String
            if !isUS && !isOther && rng.chance(industry == 1 ? 0.18 : 0.06) {
                written = name.english(rng.below(6))
            } else {
                let s = rng.unit()
                let style: DemoCompanyName.Style =
                    s < 0.93 ? .full : s < 0.95 ? .paren : s < 0.97 ? .circled : s < 0.99 ? .fullWidthParen : .spaced
                written = name.japanese(style)
            }
            var c = Company(id: id, name: written)
            c.country = rng.chance(0.005) ? nil : country
            c.region = rng.chance(0.04) ? nil : region
            c.industry = rng.chance(0.06) ? nil : V.industries[industry]
            c.employees = recordedEmployees(employees, &rng)
            if !rng.chance(0.25) {
                let perEmployee = rng.logNormal(median: industry == 2 ? 45e6 : 22e6, sigma: 0.45)
                let revenue = Double(employees) * perEmployee
                c.annualRevenue = String(max(Int(revenue / 1e6), 10) * 1_000_000)
            }
            c.domain = recordedDomain(domain, &rng)
            if prefecture >= 0 && !rng.chance(0.14) {
                let base = DemoCorporateNumber.base(
                    office: V.prefectures[prefecture].office + rng.below(8),
                    serial: i + 1)
                c.corporateNumber =
                    rng.chance(0.05)
                    ? DemoCorporateNumber.invalid(base: base, rng: &rng) : DemoCorporateNumber.valid(base: base)
            }
            (c.verifiedOn, c.updatedOn) = verification(&rng)
            let a = DemoAccount(
                id: id, industry: industry, isUS: isUS || isOther, prefecture: prefecture, employees: employees,
                shortName: name.core, domain: domain, emailStyle: rng.below(5), duplicateOf: -1,
                matchesICP: DemoCompanyBuilder.matchesICP(c))
            companies.append(c)
            accounts.append(a)
            nameParts.append(name)
        }
        return (companies, accounts)
    }

    /// Employees as a CRM holds them: usually digits, sometimes missing, rarely free text.
    private func recordedEmployees(_ n: Int, _ rng: inout DemoRandom) -> String? {
        let u = rng.unit()
        if u < 0.09 { return nil }
        if u < 0.1 {
            let round = max((n + 50) / 100 * 100, 10)
            switch rng.below(3) {
            case 0: return "約" + String(round)
            case 1: return String(round) + "名"
            default:
                return round >= 1000
                    ? String(round / 1000) + "," + DemoID.digits(round % 1000, width: 3)
                    : String(round) + "人"
            }
        }
        return String(n)
    }

    /// A domain as typed into a CRM: mostly clean, sometimes absent, sometimes a URL or malformed.
    private func recordedDomain(_ d: String, _ rng: inout DemoRandom) -> String? {
        let u = rng.unit()
        if u < 0.07 { return nil }
        if u < 0.09 { return "www." + d }
        if u < 0.095 { return "https://www." + d + "/" }
        if u < 0.099 { return String(d.prefix { $0 != "." }) }
        if u < 0.104 { return d.uppercased() }
        return d
    }

    /// verified_on spread so that freshness (≤ 180 days) is partial; updated_on on or after it.
    private func verification(_ rng: inout DemoRandom) -> (Day?, Day?) {
        let last = calendar.last
        let u = rng.unit()
        let verified: Day? = u < 0.4 ? last - rng.below(181) : u < 0.8 ? last - (181 + rng.below(720)) : nil
        var updated = last - rng.below(700)
        if let v = verified, updated < v { updated = v + rng.below(max(last - v, 0) + 1) }
        return (verified, updated)
    }

    /// The same company entered again, in one of the ways that really happens.
    private func duplicate(
        of o: Company, account a: DemoAccount, name: DemoCompanyName, id: String, _ rng: inout DemoRandom
    ) -> Company {
        var c = Company(id: id, name: o.name)
        c.country = a.isUS ? o.country : "JP"
        c.industry = rng.chance(0.7) ? o.industry : nil
        c.employees =
            rng.chance(0.5) ? o.employees : recordedEmployees(max(a.employees * (80 + rng.below(40)) / 100, 1), &rng)
        c.annualRevenue = rng.chance(0.5) ? o.annualRevenue : nil
        let older = calendar.last - (200 + rng.below(900))
        c.verifiedOn = rng.chance(0.5) ? nil : older
        c.updatedOn = older + rng.below(100)
        var kind = rng.below(100)
        if kind >= 75 && o.corporateNumber == nil { kind = 0 }
        if kind < 45 && o.region == nil { kind = 50 }
        if kind < 45 {
            // Same name with another spelling of the legal form, same prefecture.
            c.region = o.region
            c.name = variantName(of: o.name, name, &rng)
            c.domain = rng.chance(0.5) ? o.domain : nil
            c.corporateNumber = rng.chance(0.4) ? o.corporateNumber : nil
        } else if kind < 75 {
            // Same web domain written as a URL or with www., often an English or branch name.
            let variants = [
                "www." + a.domain, "https://www." + a.domain + "/", "http://" + a.domain,
                "https://" + a.domain, a.domain.uppercased(),
            ]
            c.domain = rng.pick(variants)
            c.name =
                rng.chance(0.6)
                ? (a.isUS ? name.usVariant(rng.below(3)) : name.english(rng.below(6)))
                : variantName(of: o.name, name, &rng)
            c.region = rng.chance(0.5) ? o.region : branchRegion(a, &rng)
        } else {
            // Same 法人番号, registered by another team under the English or branch name.
            c.corporateNumber = o.corporateNumber
            c.name = rng.chance(0.5) ? name.english(rng.below(6)) : name.japanese(.full) + " " + branchName(&rng)
            c.region = rng.chance(0.5) ? o.region : branchRegion(a, &rng)
            c.domain = rng.chance(0.3) ? o.domain : nil
        }
        return c
    }

    private func variantName(of written: String, _ name: DemoCompanyName, _ rng: inout DemoRandom) -> String {
        if name.form == .us || !written.contains(name.core) {
            // An English name: another spelling of the same words (SUMMIT RIDGE SOFTWARE INC).
            for _ in 0..<4 {
                let v = name.form == .us ? name.usVariant(rng.below(3)) : name.english(rng.below(6))
                if v != written { return v }
            }
            return written.uppercased()
        }
        for _ in 0..<8 {
            let style = DemoCompanyName.Style.allCases[rng.below(DemoCompanyName.Style.allCases.count)]
            let v = name.japanese(style, prefixForm: rng.chance(0.8) ? name.prefixForm : !name.prefixForm)
            if v != written { return v }
        }
        return name.core
    }

    private func branchRegion(_ a: DemoAccount, _ rng: inout DemoRandom) -> String? {
        if a.isUS { return V.states[rng.below(V.states.count)].code }
        return V.prefectures[rng.below(4)].name
    }

    private func branchName(_ rng: inout DemoRandom) -> String {
        ["東京支社", "大阪支店", "名古屋営業所", "本社", "IT推進本部"][rng.below(5)]
    }
}

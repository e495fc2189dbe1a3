/// Builds contacts: 2–8 per target account (always a decision maker where there are two or more),
/// fewer for other companies, with Japanese names, departments, titles that fit their role, and
/// e-mail addresses at the company's real domain — plus the usual gaps and a few malformed addresses.
struct DemoContactBuilder {
    private typealias P = DemoPeopleVocabulary
    let calendar: DemoCalendar

    struct Result {
        var contacts: [Contact] = []
        /// True role of each contact (the recorded `role` may be empty).
        var roles: [ContactRole] = []
        /// Account index of each contact.
        var accountOf: [Int32] = []
    }

    func build(accounts: inout [DemoAccount], _ rng: inout DemoRandom) -> Result {
        var r = Result()
        let departmentPick = DemoWeighted(P.departmentWeights)
        let rolePick = DemoWeighted([12, 30, 45, 13])
        for i in accounts.indices {
            let a = accounts[i]
            var n: Int
            if a.isTarget {
                n = a.tier == 1 ? rng.int(4...8) : a.tier == 2 ? rng.int(3...7) : rng.int(2...6)
            } else if a.duplicateOf >= 0 {
                n = rng.chance(0.2) ? 1 : 0
            } else {
                let u = rng.unit()
                n = u < 0.35 ? 0 : u < 0.65 ? 1 : u < 0.85 ? 2 : 3
            }
            if a.isCustomer { n += 1 }
            accounts[i].contactStart = r.contacts.count
            accounts[i].contactCount = n
            for k in 0..<n {
                let role = (k == 0 && n >= 2) ? ContactRole.decisionMaker : ContactRole.allCases[rolePick.draw(&rng)]
                let id = DemoID.contact(r.contacts.count)
                r.contacts.append(contact(id: id, account: a, role: role, departmentPick, &rng))
                r.roles.append(role)
                r.accountOf.append(Int32(i))
            }
        }
        return r
    }

    private func contact(
        id: String, account a: DemoAccount, role: ContactRole, _ departmentPick: DemoWeighted,
        _ rng: inout DemoRandom
    ) -> Contact {
        var c = Contact(id: id, companyId: a.id)
        let roleIndex = ContactRole.allCases.firstIndex(of: role)!
        let local: String
        if a.isUS {
            let first = rng.pick(P.usFirstNames), last = rng.pick(P.usLastNames)
            c.name = first + " " + last
            local =
                a.emailStyle % 2 == 0
                ? first.lowercased() + "." + last.lowercased()
                : String(first.lowercased().prefix(1)) + last.lowercased()
            let d = departmentPick.draw(&rng)
            c.department = rng.chance(0.08) ? nil : P.usDepartments[d]
            c.title = rng.chance(0.1) ? nil : rng.pick(P.usTitles[roleIndex])
            c.phone =
                rng.chance(0.5)
                ? nil
                : "+1-" + DemoID.digits(200 + rng.below(800), width: 3) + "-555-"
                    + DemoID.digits(rng.below(10_000), width: 4)
        } else {
            let family = rng.pick(P.familyNames), given = rng.pick(P.givenNames)
            c.name = rng.chance(0.1) ? family.text + given.text : family.text + " " + given.text
            switch a.emailStyle {
            case 0: local = given.romaji + "." + family.romaji
            case 1: local = String(given.romaji.prefix(1)) + "." + family.romaji
            case 2: local = family.romaji + "." + given.romaji
            case 3: local = String(given.romaji.prefix(1)) + "-" + family.romaji
            default: local = family.romaji + "_" + String(given.romaji.prefix(1))
            }
            let d = departmentPick.draw(&rng)
            c.department = rng.chance(0.08) ? nil : P.departments[d]
            c.title = rng.chance(0.1) ? nil : rng.pick(P.titles[roleIndex])
            if a.prefecture >= 0 && !rng.chance(0.5) {
                let area = DemoCompanyVocabulary.prefectures[a.prefecture].phone
                let middle = 6 - area.count
                c.phone =
                    area + "-" + DemoID.digits(rng.below(pow10(middle)), width: middle) + "-"
                    + DemoID.digits(rng.below(10_000), width: 4)
            }
        }
        if rng.chance(0.02) { c.name = nil }
        c.role = rng.chance(0.08) ? nil : role
        c.email = email(local: local, domain: a.domain, &rng)
        c.updatedOn = calendar.last - rng.below(500)
        return c
    }

    /// An address at the company domain; missing for some, malformed for a few (kpis.md §Validity).
    private func email(local: String, domain: String, _ rng: inout DemoRandom) -> String? {
        let u = rng.unit()
        if u < 0.07 { return nil }
        if u < 0.085 {
            switch rng.below(4) {
            case 0: return local + "@@" + domain
            case 1: return local + " @" + domain
            case 2: return local + "@" + String(domain.prefix { $0 != "." })
            default: return local + "." + domain
            }
        }
        return local + "@" + domain
    }

    private func pow10(_ n: Int) -> Int {
        var v = 1
        for _ in 0..<n { v *= 10 }
        return v
    }
}

import Foundation

@testable import KizashiCore

/// One small demo workspace shared by the demo tests (generated once; the tests only read it).
enum DemoFixture {
    static let asOf = Day(year: 2026, month: 9, day: 30)!
    static let seed: UInt64 = 42
    static let generator = DemoGenerator(scale: .small, seed: seed, asOf: asOf)
    static let data: DemoCollector = generate(seed: seed)

    static func generate(seed: UInt64, asOf: Day = asOf) -> DemoCollector {
        var c = DemoCollector()
        try! DemoGenerator(scale: .small, seed: seed, asOf: asOf).generate(into: &c)
        return c
    }

    /// The local (Asia/Tokyo) date of an instant.
    static func tokyoDay(_ i: Instant) -> Day {
        Day(daysSinceEpoch: Int32((i.millisecondsSinceEpoch / 1000 + 9 * 3600) / 86_400))
    }

    /// The account of an activity (data-format.md §activities.csv).
    static func account(of a: Activity, contactCompany: [String: String]) -> String? {
        a.companyId ?? a.contactId.flatMap { contactCompany[$0] }
    }

    static var contactCompany: [String: String] {
        Dictionary(uniqueKeysWithValues: data.contacts.map { ($0.id, $0.companyId) })
    }

    /// Companies with a target row active on `d`.
    static func targets(on d: Day) -> Set<String> {
        Set(data.targets.filter { $0.isActive(on: d) }.map(\.companyId))
    }

    // MARK: - kpis.md predicates, written independently of the generator

    /// kpis.md §Validity: 法人番号 check digit.
    static func isValidCorporateNumber(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 13, u.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
        var sum = 0
        for n in 1...12 {
            let p = Int(u[13 - n]) - 48
            sum += p * (n % 2 == 1 ? 1 : 2)
        }
        return Int(u[0]) - 48 == 9 - sum % 9
    }

    static func isValidEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !s.contains(where: \.isWhitespace), !parts[0].isEmpty else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
    }

    static func isValidDomain(_ s: String) -> Bool {
        let labels = s.lowercased().split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2
            && labels.allSatisfy { l in
                !l.isEmpty
                    && l.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            }
    }

    static func normalizedDomain(_ s: String) -> String {
        var d = s.trimmingCharacters(in: .whitespaces).lowercased()
        for scheme in ["http://", "https://"] where d.hasPrefix(scheme) { d.removeFirst(scheme.count) }
        if let slash = d.firstIndex(of: "/") { d = String(d[..<slash]) }
        if d.hasPrefix("www.") { d.removeFirst(4) }
        return d
    }

    static func normalizedName(_ s: String) -> String {
        var n = s.precomposedStringWithCompatibilityMapping.lowercased()
        for form in ["株式会社", "(株)", "有限会社", "(有)", "合同会社", "合資会社", "合名会社"] {
            n = n.replacingOccurrences(of: form, with: "")
        }
        let words = n.unicodeScalars.split { !($0.properties.isAlphabetic || $0.properties.numericType == .decimal) }
            .map { String(String.UnicodeScalarView($0)) }
        let dropped: Set<String> = ["inc", "co", "ltd", "corporation", "corp", "llc", "kk", "k"]
        return words.filter { !dropped.contains($0) }.joined()
    }

    /// Companies that share at least one duplicate key (kpis.md §duplicate_rate) with another,
    /// by kind of key.
    static func duplicated() -> (byNumber: Set<String>, byDomain: Set<String>, byName: Set<String>) {
        func shared(_ key: (Company) -> String?) -> Set<String> {
            var groups: [String: [String]] = [:]
            for c in data.companies {
                if let k = key(c), !k.isEmpty { groups[k, default: []].append(c.id) }
            }
            return Set(groups.values.filter { $0.count > 1 }.flatMap { $0 })
        }
        return (
            shared { $0.corporateNumber?.trimmingCharacters(in: .whitespaces) },
            shared { $0.domain.map(normalizedDomain) },
            shared { c in
                guard
                    let r = c.region?.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespaces)
                        .lowercased(), !r.isEmpty
                else { return nil }
                let n = normalizedName(c.name)
                return n.isEmpty ? nil : n + "\u{0}" + r
            }
        )
    }

    /// kpis.md §intent: targets with a surging topic on `L`, comparing means exactly.
    static func surgingTargets(on l: Day) -> Set<String> {
        let targets = targets(on: l)
        var sums: [String: (cs: Int, cn: Int, bs: Int, bn: Int)] = [:]
        for r in data.intent where targets.contains(r.companyId) {
            let age = l - r.observedOn
            let key = r.companyId + "\u{0}" + r.topic
            var v = sums[key] ?? (0, 0, 0, 0)
            if (0...6).contains(age) {
                v.cs += r.score
                v.cn += 1
            } else if (7...62).contains(age) {
                v.bs += r.score
                v.bn += 1
            }
            sums[key] = v
        }
        var out = Set<String>()
        for (key, v) in sums where v.cn > 0 {
            let currentOK = v.cs >= 60 * v.cn
            // current ≥ baseline + 20  ⇔  cs·bn ≥ (bs + 20·bn)·cn  (baseline 0 when bn = 0)
            let deltaOK = v.bn == 0 ? v.cs >= 20 * v.cn : v.cs * v.bn >= (v.bs + 20 * v.bn) * v.cn
            if currentOK && deltaOK { out.insert(String(key.split(separator: "\u{0}")[0])) }
        }
        return out
    }
}

import ArgumentParser
import Foundation
import KizashiApp
import KizashiCore
import KizashiStore

struct SettingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings", abstract: "Show or change the workspace's scoring parameters.",
        subcommands: [Show.self, Set.self, Reset.self], defaultSubcommand: Show.self)

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show every parameter and its value.")
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var languageOptions: LanguageOptions
        func run() async throws {
            let language = try languageOptions.language()
            try await withStore(workspace) { store in
                let stored = try await store.settings()
                // The Settings page's descriptions (`setting.<key>`), falling back to the key's own help.
                let help = Dictionary(
                    uniqueKeysWithValues: WorkspaceSettings.keys.map { k in
                        (k.key, L10n.table["setting.\(k.key)"] != nil ? L10n.t("setting.\(k.key)", language) : k.help)
                    })
                let rows = try WorkspaceSettings.describe(stored)
                // Padded, never cut: a key or value longer than its column widens it.
                func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
                let keyWidth = max(24, rows.map(\.key.count).max() ?? 0)
                for (k, v) in rows {
                    let mark = stored[k] == nil ? " " : "*"
                    print("\(mark) \(pad(k, keyWidth)) \(pad(v, 12))  \(help[k] ?? "")")
                }
                print(L10n.t("cli.settings.legend", language))
            }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a parameter, e.g. `settings set gross_margin 0.65`.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The key (see `settings show`).") var key: String
        @Argument(help: "The value.") var value: String
        func run() async throws {
            let canonical: String
            do {
                canonical = try WorkspaceSettings.validate(key: key, value: value)
            } catch let e as WorkspaceSettings.InvalidSetting {
                throw ValidationError(e.description)
            }
            try await withStore(workspace) { store in
                try await store.transaction { tx in try await tx.setSetting(key, to: canonical) }
            }
            print("\(key) = \(canonical)")
        }
    }

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Return a parameter to its default.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument var key: String
        func run() async throws {
            guard WorkspaceSettings.keys.contains(where: { $0.key == key }) else {
                throw ValidationError("unknown key \(key)")
            }
            try await withStore(workspace) { store in
                try await store.transaction { tx in try await tx.setSetting(key, to: nil) }
            }
            print("\(key) reset to its default")
        }
    }
}

struct ICPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "icp", abstract: "Show or set the ideal customer profile (icp.json).",
        subcommands: [Show.self, Set.self, Clear.self], defaultSubcommand: Show.self)

    struct Show: AsyncParsableCommand {
        @OptionGroup var workspace: WorkspaceOptions
        func run() async throws {
            try await withStore(workspace) { store in
                if let icp = try await store.icp() {
                    print(ICPDocument.encode(icp))
                } else {
                    print("No ICP is defined.")
                }
            }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set the ICP from an icp.json file.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "Path of an icp.json file.") var file: String
        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read \(file)")
            }
            let icp: IdealCustomerProfile
            do { icp = try ICPDocument.decode(Array(data)) } catch { throw ValidationError("\(file): \(error)") }
            try await withStore(workspace) { store in
                try await store.transaction { tx in try await tx.setICP(icp) }
            }
            print("ICP set from \(file)")
        }
    }

    struct Clear: AsyncParsableCommand {
        @OptionGroup var workspace: WorkspaceOptions
        func run() async throws {
            try await withStore(workspace) { store in try await store.transaction { tx in try await tx.setICP(nil) } }
            print("ICP cleared")
        }
    }
}

/// KPI targets (目標) per period and tier.
struct TargetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "target", abstract: "Set, list or remove KPI targets (目標) per period and tier.",
        subcommands: [Set.self, List.self, Remove.self], defaultSubcommand: List.self)

    static func unit(_ kind: KPIDefinition.Kind) -> String {
        switch kind {
        case .ratio: "%"
        case .money: "円 yen"
        case .count: "件 count"
        case .score: "点 score"
        case .years: "年 years"
        case .multiple: "倍 multiple"
        }
    }

    static func parse(kpi: String, period: String, tier: Int?) throws -> (String, KPIPeriod, Tier?) {
        guard KPICatalog.byKey[kpi] != nil else {
            throw ValidationError("unknown KPI \(kpi); known: \(KPICatalog.all.map(\.key).joined(separator: ", "))")
        }
        guard let p = KPIPeriod(label: period) else {
            throw ValidationError("--period \(period): use 2026Q3, 2026-09 or 2026")
        }
        let t = try tier.map { n -> Tier in
            guard let t = Tier(rawValue: n) else { throw ValidationError("--tier must be 1, 2 or 3") }
            return t
        }
        return (kpi, p, t)
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "e.g. `target set sql_count 40 --period 2026Q3 --tier 1`",
            discussion: """
                The value is read by the KPI's unit (docs/kpis.md, "KPI targets"):
                  percentages  40, 40% and 0.4 are all 40 % (1 and 1.5 are refused as ambiguous: write the %)
                  money        5000万, 5,000万円, 50,000,000 (yen)
                  counts       whole numbers (40, 1,200)

                KPI keys (unit):
                \(KPICatalog.all.map { "  \($0.key.padding(toLength: 30, withPad: " ", startingAt: 0)) \($0.ja) / \($0.en) (\(TargetCommand.unit($0.kind)))" }.joined(separator: "\n"))
                """)
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The KPI key (see below).") var kpi: String
        @Argument(help: "The target: 40 or 40% (percentages), 5000万 (money), 40 (counts).") var value: String
        @Option(help: "2026Q3, 2026-09 or 2026.") var period: String
        @Option(help: "1, 2 or 3; omit for the whole target set.") var tier: Int?
        @OptionGroup var languageOptions: LanguageOptions
        func run() async throws {
            let language = try languageOptions.language()
            let (k, p, t) = try TargetCommand.parse(kpi: kpi, period: period, tier: tier)
            let definition = KPICatalog.byKey[k]!
            let value: Double
            switch KPITargetInput.parse(self.value, kind: definition.kind) {
            case .success(let v): value = v
            case .failure(let refusal): throw ValidationError("\(k): \(refusal.text(language))")
            }
            try await withStore(workspace) { store in
                try await store.transaction { tx in
                    try await tx.setGoal(KPIGoal(kpi: k, period: p, tier: t, value: value))
                }
            }
            let shown = KPIFormat.display(.number(value), kind: definition.kind, currency: "JPY", language: language)
            print(
                L10n.t(
                    "cli.target.set", language, k, definition.name(language), shown, p.label,
                    t.map { L10n.t("report.tier", language, String($0.rawValue)) } ?? ""))
        }
    }

    struct List: AsyncParsableCommand {
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var languageOptions: LanguageOptions
        func run() async throws {
            let language = try languageOptions.language()
            try await withStore(workspace) { store in
                let goals = try await store.goals()
                if goals.isEmpty { print(L10n.t("cli.target.none", language)) }
                // period, tier, key, stored value (a fraction for %), then the name and the value as people read it
                for g in goals {
                    let d = KPICatalog.byKey[g.kpi]
                    let tier = g.tier.map { L10n.t("cli.target.tier", language, String($0.rawValue)) }
                    let shown = d.map {
                        KPIFormat.display(.number(g.value), kind: $0.kind, currency: "JPY", language: language)
                    }
                    print(
                        [
                            g.period.label, tier ?? L10n.t("cli.target.allTiers", language), g.kpi,
                            JSONValue.format(g.value), d?.name(language) ?? "", shown ?? "",
                        ].joined(separator: "\t"))
                }
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        @OptionGroup var workspace: WorkspaceOptions
        @Argument var kpi: String
        @Option var period: String
        @Option var tier: Int?
        func run() async throws {
            let (k, p, t) = try TargetCommand.parse(kpi: kpi, period: period, tier: tier)
            try await withStore(workspace) { store in
                try await store.transaction { tx in try await tx.removeGoal(kpi: k, period: p, tier: t) }
            }
            print("removed")
        }
    }
}

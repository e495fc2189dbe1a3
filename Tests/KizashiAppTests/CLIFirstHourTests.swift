import Foundation
import KizashiCore
import Testing

/// Issue 28 §1 and §8 on the command line: targets typed as people write them, answers in Japanese.
@Suite("CLI in the first hour", .serialized)
struct CLIFirstHourTests {
    @Test("target set reads 40 as 40 % and 5,000万円 as 50,000,000 yen, answers in Japanese, refuses 1.5 and 10^16 yen")
    func targetSet() throws {
        let db = try CLITests.workspace()
        let (ok, out, err) = try CLI.run([
            "target", "set", "engaged_rate", "40", "--period", "2026Q4", "--db", db, "--lang", "ja",
        ])
        #expect(ok == 0, "\(err)")
        #expect(out == "目標 engaged_rate（エンゲージ率）= 40.0%　期間 2026Q4\n")
        #expect(
            try CLI.run(["target", "set", "pipeline_created", "5,000万円", "--period", "2026Q4", "--db", db]).0 == 0)
        let (ambiguous, _, why) = try CLI.run([
            "target", "set", "engaged_rate", "1.5", "--period", "2026Q4", "--db", db, "--lang", "ja",
        ])
        #expect(ambiguous != 0 && why.contains("1.5 は割合として曖昧です（1.5% か 150% か）"))
        // 100,000,000億 = 10^16 yen, over the 10^15 bound.
        let (huge, _, tooLarge) = try CLI.run([
            "target", "set", "pipeline_created", "100,000,000億", "--period", "2026Q4", "--db", db, "--lang", "en",
        ])
        #expect(huge != 0 && tooLarge.contains("too large (at most 1,000,000,000,000,000)"))
        // Stored: 40 % as the fraction 0.4 and 5,000万 as 50,000,000; the list names each KPI in Japanese.
        let (_, list, _) = try CLI.run(["target", "list", "--db", db, "--lang", "ja"])
        #expect(list.contains("2026Q4\t全体\tengaged_rate\t0.4\tエンゲージ率\t40.0%"))
        #expect(list.contains("2026Q4\t全体\tpipeline_created\t50000000\tパイプライン創出額\t5,000万円"))
    }

    @Test("target set --help lists every KPI key with its Japanese name and unit")
    func help() throws {
        let (_, out, _) = try CLI.run(["target", "set", "--help"], environment: ["COLUMNS": "200"])
        #expect(out.contains("engaged_rate") && out.contains("エンゲージ率 / Engaged rate (%)"))
        #expect(out.contains("pipeline_created") && out.contains("パイプライン創出額"))
        #expect(out.contains("5,000万円"))
    }

    @Test("now --lang ja: tiers and the closing line in Japanese (it ended in an English sentence)")
    func nowJapanese() throws {
        let db = try CLITests.workspace()
        let (status, out, err) = try CLI.run(["now", "--lang", "ja", "--db", db])
        #expect(status == 0, "\(err)")
        #expect(!out.contains("Tier") && out.contains("ティア1"))
        let last = out.split(separator: "\n").last.map(String.init) ?? ""
        let words = Set(last.split(whereSeparator: { !($0.isASCII && $0.isLetter) }).map(String.init))
        #expect(words.subtracting(["AUC"]).isEmpty, "\(last)")
    }

    @Test("settings show --lang ja describes each parameter as the Settings page does")
    func settingsJapanese() throws {
        let db = try CLITests.workspace()
        let (status, out, _) = try CLI.run(["settings", "show", "--lang", "ja", "--db", db])
        #expect(status == 0)
        #expect(out.contains("エンゲージメントスコアの集計期間（日、既定値 90）"))
        #expect(out.contains("（* = このワークスペースで設定した値。その他は kpis.md の既定値）"))
        #expect(!out.contains("engagement score window in days"))
    }

    @Test("backtest --lang ja prints its table in Japanese (it had no --lang)")
    func backtestJapanese() throws {
        let db = try CLITests.workspace()
        let (status, out, err) = try CLI.run([
            "backtest", "--as-of", "2026-09-01", "--horizon", "7", "--data-end", "2026-09-30", "--db", db,
            "--lang", "ja",
        ])
        #expect(status == 0, "\(err)")
        #expect(out.hasPrefix("バックテスト（予測期間 7日、リストの長さ k = 25）"))
        #expect(out.contains("基準日 2026-09-01") && out.contains("検証日:") && out.contains("リスト（選択どおり）"))
        // No English sentence: the only ASCII words are the metric names and the candidates' keys
        // (the JSON's names, kept in both languages).
        let words = Set(out.split(whereSeparator: { !($0.isASCII && $0.isLetter) }).map(String.init))
        let allowed: Set<String> = ["AUC", "P", "k", "engagement", "rule", "logistic", "gbdt"]
        #expect(words.subtracting(allowed).isEmpty, "\(words.subtracting(allowed).sorted())")
    }
}

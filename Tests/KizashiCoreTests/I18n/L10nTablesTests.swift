import Foundation
import KizashiCore
import Testing

/// The `L10nTables` build plugin: every entry of `Sources/KizashiCore/I18n/Strings/*.json` is in
/// `L10n.table` with the same English and Japanese text, escapes included (a quote, a newline).
@Suite("Localisation tables from JSON")
struct L10nTablesTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/KizashiCore/I18n/Strings")

    @Test("each JSON entry reads back through L10n as written")
    func roundTrip() throws {
        let files = try FileManager.default.contentsOfDirectory(at: Self.folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
        #expect(files.count >= 21)
        var entries = 0
        for file in files {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: [String: String]]
            let table = try #require(object, "\(file.lastPathComponent)")
            for (key, texts) in table {
                #expect(L10n.t(key, .en) == texts["en"], "\(file.lastPathComponent) \(key)")
                #expect(L10n.t(key, .ja) == texts["ja"], "\(file.lastPathComponent) \(key)")
                entries += 1
            }
        }
        // 922 entries in the 20 feature tables and 18 setting descriptions when they moved to JSON.
        #expect(entries >= 940)
    }

    @Test("quotes and characters a Swift literal escapes come through")
    func escapes() {
        // dashboard.json writes the signature formula with JSON-escaped quotes: "timestamp + \".\" + body".
        #expect(L10n.t("settings.webhookHelp", .en).contains("timestamp + \".\" + body"))
    }
}

import ArgumentParser
import KizashiCore

/// `--format` of commands that print a table for people or JSON for programs.
enum TableOrJSON: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// `--format` of commands that also write CSV for spreadsheets.
enum TableJSONOrCSV: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// `--lang` of commands that print for people: ja or en, the locale's language unless given.
struct LanguageOptions: ParsableArguments {
    @Option(help: "ja or en (default from the locale).") var lang: String?

    func language() throws -> Language { try LanguageOption.resolve(lang) }
}

/// `--format table|json` of lists and runs printed for people or for programs.
struct TableOrJSONOptions: ParsableArguments {
    @Option(help: "Output format: table or json.") var format: TableOrJSON = .table

    /// A list (segments, initiatives, experiments, owner routes): one pretty JSON array, or a
    /// line each for people, after `empty` when there are none.
    func printList<Item>(
        _ items: [Item], json: (Item) -> JSONValue, empty: String? = nil, line: (Item) -> String
    ) {
        if format == .json {
            print(JSONValue.array(items.map(json)).serialized(pretty: true))
            return
        }
        if items.isEmpty, let empty { print(empty) }
        for item in items { print(line(item)) }
    }
}

/// `--format table|json` and `--lang`: a table for people in their language, or JSON.
struct TableOrJSONOutput: ParsableArguments {
    @OptionGroup var table: TableOrJSONOptions
    @OptionGroup var languageOptions: LanguageOptions

    var format: TableOrJSON { table.format }
    func language() throws -> Language { try languageOptions.language() }
}

/// `--format table|json|csv` and `--lang` of the reports (kpi, attribution, journey, segment show):
/// the language is the table's; JSON and CSV keep their keys and headers.
struct ReportOutput: ParsableArguments {
    @Option(help: "Output format: table, json or csv.") var format: TableJSONOrCSV = .table
    @Option(help: "Language of the table: ja or en (default from the locale).") var lang: String?

    func language() throws -> Language { try LanguageOption.resolve(lang) }
}

import ArgumentParser

/// `--format` of commands that print a table for people or JSON for programs.
enum TableOrJSON: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// `--format` of commands that also write CSV for spreadsheets.
enum TableJSONOrCSV: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// A spreadsheet's columns mapped onto one canonical entity (issue 6, `--from sheet`): inferred
/// from Japanese or English header names, or given by the user as header → column. Also the
/// few value spellings spreadsheets use that canonical files do not (2026/9/1, ¥1,200,000,
/// 受注) — so a sheet typed by a person imports without editing.
public struct SheetColumnMapping: Sendable, Equatable {
    public let entity: CanonicalEntity
    /// Sheet column index → canonical column, for the columns that map.
    public let columns: [Int: String]
    /// Every header in sheet order with the canonical column it maps to (nil = ignored).
    public let headers: [(header: String, column: String?)]
    /// Headers left out because an earlier header already names the same column (issue 28: say
    /// which one is used), e.g. `"会社名" (column 5) also names name: "会社名" (column 2) is used`.
    public let duplicates: [String]

    public static func == (a: SheetColumnMapping, b: SheetColumnMapping) -> Bool {
        a.entity == b.entity && a.columns == b.columns && a.headers.map(\.header) == b.headers.map(\.header)
            && a.headers.map(\.column) == b.headers.map(\.column)
    }

    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Header names as compared: NFKC, lower-cased, without spaces, underscores, hyphens, dots
    /// and 中黒, so "Company_ID", "company id" and "ＣｏｍｐａｎｙＩＤ" are one name.
    public static func key(_ header: String) -> String {
        let removed: Set<Unicode.Scalar> = [" ", "_", "-", ".", "・", "\u{3000}", "\u{FEFF}", "\t"]
        return String(
            String.UnicodeScalarView(
                UnicodeNormalization.nfkcLowercased(header).unicodeScalars.filter { !removed.contains($0) }))
    }

    /// The names a person gives each canonical column, English and Japanese. `name` and the bare
    /// `ID` depend on the entity (a contact's name is a person's name).
    static let shared: [String: [String]] = [
        "company_id": ["会社ID", "企業ID", "取引先ID", "顧客ID", "company id", "account id"],
        "contact_id": ["担当者ID", "コンタクトID", "連絡先ID", "リードID", "contact id", "lead id", "person id"],
        "corporate_number": ["法人番号", "corporate number", "houjin bangou"],
        "domain": ["ドメイン", "ウェブサイト", "webサイト", "ホームページ", "website", "web site", "url", "domain"],
        "industry": ["業種", "業界", "industry"],
        "employees": ["従業員数", "社員数", "employees", "number of employees", "headcount"],
        "annual_revenue": ["売上高", "年商", "売上", "annual revenue", "revenue"],
        "country": ["国", "国名", "country"],
        "region": ["都道府県", "地域", "所在地", "region", "prefecture", "state"],
        "updated_on": ["更新日", "最終更新日", "updated", "last updated"],
        "verified_on": ["確認日", "検証日", "verified"],
        "tier": ["ティア", "ランク", "tier"],
        "added_on": ["追加日", "登録日", "added"],
        "removed_on": ["除外日", "削除日", "removed"],
        "owner": ["担当営業", "オーナー", "owner", "account owner"],
        "email": ["メールアドレス", "メール", "eメール", "email", "e-mail", "mail"],
        "department": ["部署", "部門", "所属", "department"],
        "title": ["役職", "肩書", "肩書き", "title", "job title"],
        "role": ["役割", "role"],
        "phone": ["電話番号", "電話", "tel", "phone", "phone number"],
        "occurred_at": ["日時", "発生日時", "occurred at", "timestamp", "date"],
        "type": ["種別", "種類", "activity type", "type"],
        "campaign_id": ["キャンペーンID", "施策ID", "campaign id"],
        "url": ["url", "ページ", "page"],
        "topic": ["トピック", "テーマ", "topic"],
        "observed_on": ["観測日", "日付", "date"],
        "kind": ["種別", "kind"],
        "score": ["スコア", "score"],
        "source": ["ソース", "流入元", "リードソース", "source", "lead source"],
        "stage": ["ステージ", "フェーズ", "stage"],
        "reached_at": ["到達日時", "日時", "date"],
        "held_at": ["実施日時", "商談日時", "日時", "date"],
        "created_on": ["作成日", "起票日", "created", "create date"],
        "amount": ["金額", "受注金額", "商談金額", "amount"],
        "term_months": ["契約期間", "契約月数", "term", "term months"],
        "status": ["ステータス", "状態", "status"],
        "closed_on": ["完了日", "受注日", "クローズ日", "close date", "closed"],
        "start_on": ["開始日", "start", "start date"],
        "end_on": ["終了日", "end", "end date"],
        "annual_value": ["年額", "年間契約額", "annual value", "arr"],
        "cost": ["費用", "コスト", "cost", "spend"],
        "channel": ["チャネル", "媒体", "channel"],
        "abm": ["abm"],
    ]

    static func aliases(_ column: String, of entity: CanonicalEntity) -> [String] {
        var out = [column]
        switch (entity, column) {
        case (.companies, "name"): out += ["会社名", "企業名", "社名", "取引先名", "company name", "company", "account name"]
        case (.contacts, "name"): out += ["氏名", "名前", "担当者名", "full name"]
        case (.opportunities, "name"): out += ["商談名", "案件名", "opportunity name", "deal name"]
        case (.campaigns, "name"): out += ["キャンペーン名", "施策名", "campaign name"]
        case (.opportunities, "opportunity_id"): out += ["商談ID", "案件ID", "opportunity id", "deal id"]
        case (.contracts, "contract_id"): out += ["契約ID", "contract id"]
        case (.meetings, "meeting_id"): out += ["ミーティングID", "面談ID", "meeting id"]
        case (.activities, "activity_id"): out += ["アクティビティID", "activity id"]
        case (.intent, "signal_id"): out += ["シグナルID", "signal id"]
        default: break
        }
        out += referenceAliases[column] ?? shared[column] ?? []
        // A bare "ID" is the entity's own ID (its first column).
        if column == entity.columns.first { out += ["id", "ID", "レコードID"] }
        return out
    }

    /// Maps `headers`. `overrides` (header → canonical column, or "" to ignore a column) win;
    /// then each header takes the first column of the entity, in spec order, whose names include
    /// it and that no earlier header took. Fails when a required column has no header — except
    /// `company_id` of a companies sheet, which 名寄せ can do without (`SheetCompanyResolution`).
    public init(headers: [String], entity: CanonicalEntity, overrides: [String: String] = [:]) throws {
        self.entity = entity
        let targets = entity.columns + Self.referenceColumns(of: entity)
        let columns = try Self.assignment(headers: headers, entity: entity, overrides: overrides)
        let overrideByKey = Dictionary(overrides.map { (Self.key($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        let aliasKeys = targets.map { c in (c, Set(Self.aliases(c, of: entity).map(Self.key))) }
        let taken = Dictionary(columns.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let referenced = Set(columns.values.compactMap(Self.referencedColumn))
        let missing = entity.requiredColumns.filter {
            taken[$0] == nil && !(entity == .companies && $0 == "company_id") && !referenced.contains($0)
        }
        if !missing.isEmpty {
            let hints = missing.map { c in
                "\(c) (e.g. \(Self.aliases(c, of: entity).prefix(4).map { "\"\($0)\"" }.joined(separator: ", ")))"
            }
            throw Failure(
                description:
                    "no column for \(hints.joined(separator: "; ")) among the headers \(headers.map { "\"\($0)\"" }.joined(separator: ", ")); map them with --mapping on the command line, or in the column mapping editor the import page offers"
            )
        }
        self.columns = columns
        self.headers = headers.enumerated().map { ($1, columns[$0]) }
        var duplicates: [String] = []
        for (i, h) in headers.enumerated() where columns[i] == nil && overrideByKey[Self.key(h)] == nil {
            let k = Self.key(h)
            guard !k.isEmpty, let (c, _) = aliasKeys.first(where: { $0.1.contains(k) }), let used = taken[c] else {
                continue
            }
            duplicates.append(
                "\"\(h)\" (column \(i + 1)) also names \(c): \"\(headers[used])\" (column \(used + 1)) is used, this one is ignored"
            )
        }
        self.duplicates = duplicates
    }

    /// Header index → canonical column, without the check for required columns (the import
    /// page's mapping editor pre-fills its choices with it even when a required one is missing).
    /// Throws only when an override names no column of the entity or gives one column twice.
    public static func assignment(headers: [String], entity: CanonicalEntity, overrides: [String: String] = [:])
        throws -> [Int: String]
    {
        let targets = entity.columns + referenceColumns(of: entity)
        let valid = Set(targets)
        for (h, c) in overrides.sorted(by: { $0.key < $1.key }) where !c.isEmpty && !valid.contains(c) {
            throw Failure(
                description:
                    "the mapping maps \"\(h)\" to \"\(c)\", which is not a column of \(entity.rawValue) (\(targets.joined(separator: ", ")))"
            )
        }
        let overrideByKey = Dictionary(overrides.map { (key($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        var taken: [String: Int] = [:]
        var columns: [Int: String] = [:]
        // Overrides first, so an inferred name never steals a column the user assigned.
        for (i, h) in headers.enumerated() {
            if let c = overrideByKey[key(h)], !c.isEmpty {
                if let other = taken[c] {
                    throw Failure(
                        description: "the mapping gives \(c) to two headers: \"\(headers[other])\" and \"\(h)\"")
                }
                taken[c] = i
                columns[i] = c
            }
        }
        // Reference columns come after the entity's own, so an entity's `url` keeps the "url" header.
        let aliasKeys = targets.map { c in (c, Set(aliases(c, of: entity).map(key))) }
        for (i, h) in headers.enumerated() where columns[i] == nil && overrideByKey[key(h)] == nil {
            let k = key(h)
            guard !k.isEmpty else { continue }
            if let (c, _) = aliasKeys.first(where: { taken[$0.0] == nil && $0.1.contains(k) }) {
                taken[c] = i
                columns[i] = c
            }
        }
        return columns
    }

    /// A sheet row as canonical fields (in `entity.columns` order, only the mapped ones, see
    /// `canonicalHeader`), with spreadsheet spellings rewritten.
    /// A column given only by a reference (`company`, `contact`, …) is in the header, empty, for
    /// the importer to fill once the reference is resolved.
    public var canonicalHeader: [String] {
        let mapped = Set(columns.values).union(columns.values.compactMap(Self.referencedColumn))
        return entity.columns.filter { mapped.contains($0) }
    }

    public func canonicalFields(_ cells: [String]) -> [String] {
        let index = Dictionary(columns.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return canonicalHeader.map { c in
            guard let i = index[c] else { return "" }
            return Self.value(i < cells.count ? cells[i] : "", column: c)
        }
    }

    /// 2026/9/1, 2026年9月1日 and 2026/9/1 9:05 → ISO; ¥1,200,000 and 1,200,000円 → 1200000;
    /// 受注 / 失注 / 商談中 → won / lost / open; はい / ○ → true. Anything else is left for the
    /// canonical parser to accept or reject with its reason.
    public static func value(_ raw: String, column: String) -> String {
        let v = raw.trimmingASCIIWhitespace()
        if v.isEmpty { return v }
        if column.hasSuffix("_at") { return date(v) ?? v }
        if column.hasSuffix("_on") {
            // A date column: a date cell with a time of day (Excel's date-time formats) keeps its date.
            let d = date(v) ?? v
            if d.count > 10, Day(iso: d.prefix(10)) != nil, d.dropFirst(10).first == "T" { return String(d.prefix(10)) }
            return d
        }
        switch column {
        case "amount", "cost", "annual_value", "annual_revenue":
            let stripped = String(
                UnicodeNormalization.nfkc(v).unicodeScalars.filter { !["¥", "￥", ",", "円", " ", "$"].contains($0) }
                    .map(Character.init))
            return stripped.isEmpty ? v : stripped
        case "employees", "corporate_number", "phone", "domain":
            return excelValue(v, column: column)
        case "status":
            switch UnicodeNormalization.nfkcLowercased(v) {
            case "受注", "成約", "won", "closed won": return "won"
            case "失注", "lost", "closed lost": return "lost"
            case "商談中", "進行中", "open": return "open"
            default: return v
            }
        case "abm":
            switch UnicodeNormalization.nfkcLowercased(v) {
            case "はい", "○", "◯", "yes", "y", "1", "true": return "true"
            case "いいえ", "×", "no", "n", "0", "false", "-": return "false"
            default: return v
            }
        default: return v
        }
    }

    /// `Y/M/D`, `Y-M-D`, `Y年M月D日`, optionally followed by ` H:MM[:SS]`, as ISO 8601 (local).
    /// Already-ISO values pass through unchanged (nil = leave as is).
    static func date(_ v: String) -> String? {
        let s = UnicodeNormalization.nfkc(v)
        var nums: [Int] = []
        var current: Int?
        for ch in s {
            if let d = ch.wholeNumberValue, ch.isASCII {
                // A date's parts have at most four digits; a longer run is no date (and must not overflow).
                guard (current ?? 0) < 10_000 else { return nil }
                current = (current ?? 0) * 10 + d
            } else {
                if let c = current { nums.append(c) }
                current = nil
            }
        }
        if let c = current { nums.append(c) }
        // Only rewrite the spellings ISO does not have.
        guard s.contains("/") || s.contains("年") else { return nil }
        guard nums.count == 3 || nums.count == 5 || nums.count == 6, nums[0] >= 1900,
            let day = Day(year: nums[0], month: nums[1], day: nums[2])
        else { return nil }
        if nums.count == 3 { return day.description }
        guard nums[3] < 24, nums[4] < 60, nums.count == 5 || nums[5] < 60 else { return nil }
        let seconds = nums.count == 6 ? nums[5] : 0
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day)T\(two(nums[3])):\(two(nums[4])):\(two(seconds))"
    }
}

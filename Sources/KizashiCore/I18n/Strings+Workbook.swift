/// The meeting workbook (`kizashi report --format xlsx`, issue 24 §2): sheet names and the
/// headers the other tables do not already name.
extension L10n {
    static let workbook: [String: (en: String, ja: String)] = [
        "workbook.sheet.kpis": ("KPIs", "KPI"),
        "workbook.sheet.monthly": ("Monthly trends", "月次推移"),
        "workbook.sheet.funnel": ("Funnel", "ファネル"),
        "workbook.sheet.accounts": ("Target accounts", "ターゲットアカウント"),
        "workbook.sheet.campaigns": ("Campaigns", "施策"),
        "workbook.phase": ("Phase", "フェーズ"),
        "workbook.key": ("Key", "キー"),
        "workbook.companyId": ("Company ID", "企業ID"),
        "workbook.tier": ("Tier", "ティア"),
        "workbook.yes": ("yes", "はい"),
        "workbook.no": ("no", "いいえ"),
    ]
}

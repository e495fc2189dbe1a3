/// The review page (issue 24): the digest inside the dashboard, with the meeting workbook's download.
extension L10n {
    static let review: [String: (en: String, ja: String)] = [
        "nav.review": ("Review", "振り返り"),
        "reviewPage.title": ("Review", "振り返り"),
        "review.period": ("Period", "期間"),
        "review.lastWeek": ("Last week", "先週"),
        "review.lastMonth": ("Last month", "先月"),
        "review.show": ("Show", "表示"),
        "review.downloads": ("Take it to the meeting", "会議に持っていく"),
        "review.xlsx": ("Excel workbook (.xlsx)", "Excel ブック（.xlsx）"),
        "review.json": ("JSON", "JSON"),
        "review.cli": ("The same review from the command line: {0}", "コマンドラインで同じ振り返り：{0}"),
    ]
}

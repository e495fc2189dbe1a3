/// How each language writes money, dates and periods (`{0}` … are the numbers).
extension L10n {
    static let formats: [String: (en: String, ja: String)] = [
        "format.yen": ("¥{0}", "{0}円"),
        "format.yen.oku": ("¥{0} × 100M", "{0}億円"),
        "format.yen.man": ("¥{0} × 10K", "{0}万円"),
        "format.yen.billion": ("¥{0}B", "{0} × 10億円"),
        "format.yen.million": ("¥{0}M", "{0}百万円"),
        "format.yen.thousand": ("¥{0}K", "{0}千円"),
        "format.date": ("{2} {1} {0}", "{0}年{3}月{2}日"),
        "format.month": ("{1} {0}", "{0}年{2}月"),
        "format.quarter": ("Q{1} {0}", "{0}年 第{1}四半期"),
        "format.year": ("{0}", "{0}年"),
        "month.1": ("Jan", "1月"), "month.2": ("Feb", "2月"), "month.3": ("Mar", "3月"), "month.4": ("Apr", "4月"),
        "month.5": ("May", "5月"), "month.6": ("Jun", "6月"), "month.7": ("Jul", "7月"), "month.8": ("Aug", "8月"),
        "month.9": ("Sep", "9月"), "month.10": ("Oct", "10月"), "month.11": ("Nov", "11月"), "month.12": ("Dec", "12月"),
    ]
}

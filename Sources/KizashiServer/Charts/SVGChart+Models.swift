import Foundation

extension SVGChart {
    /// One group of horizontal bars per item (a campaign), one bar per series (a model), all on
    /// one scale from 0 to the largest value: where the bars of one group differ, the models
    /// disagree. Colours are fixed per series and named in the legend; every bar has a `<title>`
    /// with its number for screen readers and hover.
    struct BarGroup {
        var label: String
        /// One value per series (≥ 0 expected; negatives are drawn as 0).
        var values: [Double]
        var valueTexts: [String]
    }

    /// Colour per series (distinguishable, and readable on white).
    static let seriesColours = ["#0b5fff", "#12b76a", "#f79009", "#7a5af8", "#ee46bc", "#06aed4", "#b3261e"]

    static func groupedBars(_ groups: [BarGroup], series: [String], label: String, width: Double = 760) -> String {
        func f(_ x: Double) -> String { String(format: "%.1f", x) }
        let labelW = 220.0, barH = 9.0, gap = 14.0, legendH = 22.0 * Double((series.count + 3) / 4)
        let groupH = barH * Double(series.count) + gap
        let height = legendH + groupH * Double(groups.count) + 4
        let maxValue = max(groups.flatMap(\.values).max() ?? 0, 1e-9)
        let plotW = width - labelW - 8
        var svg =
            "<svg class=\"models\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(esc(label))\"><title>\(esc(label))</title>"
        for (i, name) in series.enumerated() {
            let x = Double(i % 4) * (width / 4), y = Double(i / 4) * 22
            svg +=
                "<rect x=\"\(f(x))\" y=\"\(f(y + 4))\" width=\"12\" height=\"12\" fill=\"\(seriesColours[i % seriesColours.count])\"/>"
            svg += "<text x=\"\(f(x + 18))\" y=\"\(f(y + 15))\" font-size=\"12\">\(esc(name))</text>"
        }
        for (g, group) in groups.enumerated() {
            let top = legendH + Double(g) * groupH
            svg +=
                "<text x=\"0\" y=\"\(f(top + barH * Double(series.count) / 2 + 4))\" font-size=\"12\">\(esc(group.label))</text>"
            for (s, v) in group.values.enumerated() {
                let w = max(0, v) / maxValue * plotW
                let text = s < group.valueTexts.count ? group.valueTexts[s] : ""
                svg +=
                    "<rect x=\"\(f(labelW))\" y=\"\(f(top + Double(s) * barH))\" width=\"\(f(max(w, 1)))\" height=\"\(f(barH - 1))\" fill=\"\(seriesColours[s % seriesColours.count])\"><title>\(esc(group.label)) · \(esc(series[s])): \(esc(text))</title></rect>"
            }
        }
        return svg + "</svg>"
    }
}

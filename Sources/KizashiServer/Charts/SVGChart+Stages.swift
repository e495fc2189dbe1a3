import Foundation

extension SVGChart {
    /// One account's journey stage over time as a step line: one row per stage (the labels on the
    /// left, "not a target" at the bottom), the line stepping on each change day.
    static func stageSteps(
        _ changes: [(day: Int, level: Int)], days: Int, labels: [String], label: String, width: Double = 640,
        height: Double = 150
    ) -> String {
        func f(_ x: Double) -> String { String(format: "%.1f", x) }
        let padL = 110.0, padT = 8.0, padB = 8.0
        let rows = max(labels.count - 1, 1)
        let plotW = width - padL - 6, plotH = height - padT - padB
        func y(_ level: Int) -> Double { padT + plotH * (1 - Double(min(max(level, 0), rows)) / Double(rows)) }
        func x(_ day: Int) -> Double { padL + plotW * Double(min(max(day, 0), days)) / Double(max(days, 1)) }
        var svg =
            "<svg class=\"history stages\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(esc(label))\"><title>\(esc(label))</title>"
        for (level, text) in labels.enumerated() {
            svg +=
                "<line x1=\"\(f(padL))\" x2=\"\(f(width - 6))\" y1=\"\(f(y(level)))\" y2=\"\(f(y(level)))\" class=\"grid\"/>"
            svg += "<text x=\"0\" y=\"\(f(y(level) + 4))\" class=\"axis\">\(esc(text))</text>"
        }
        guard !changes.isEmpty else { return svg + "</svg>" }
        var points: [String] = []
        for (k, c) in changes.enumerated() {
            let end = k + 1 < changes.count ? changes[k + 1].day : days
            points.append("\(f(x(c.day))),\(f(y(c.level)))")
            points.append("\(f(x(end))),\(f(y(c.level)))")
        }
        svg +=
            "<polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>"
        return svg + "</svg>"
    }
}

import Foundation
import KizashiApp

/// Import progress on standard error: a bar with rows/s and ETA on a terminal, plain lines every
/// few seconds otherwise (logs, CI). Nothing is shown for imports that finish within a second.
final class ProgressReporter: @unchecked Sendable {
    private let enabled: Bool
    private let tty: Bool
    private let lock = NSLock()
    private var lastDraw: Double = 0
    private var drewBar = false

    init(enabled: Bool) {
        self.enabled = enabled
        tty = isatty(2) != 0
    }

    func update(_ p: ImportProgress) {
        guard enabled, p.seconds >= 1, !p.finished else { return }
        lock.lock()
        defer { lock.unlock() }
        let interval = tty ? 0.1 : 5
        guard p.seconds - lastDraw >= interval else { return }
        lastDraw = p.seconds
        let pct = Int(p.fraction * 100)
        let rate = Self.short(p.rowsPerSecond)
        let eta = p.etaSeconds.map { "ETA \(Self.duration($0))" } ?? ""
        if tty {
            let width = 30
            let filled = Int(p.fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            StandardError.write("\r\u{1B}[K\(bar) \(pct)%  \(Self.short(Double(p.rows))) rows  \(rate) rows/s  \(eta)")
            drewBar = true
        } else {
            StandardError.write("import: \(pct)% \(p.rows) rows, \(rate) rows/s \(eta)\n")
        }
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drewBar { StandardError.write("\r\u{1B}[K") }
        drewBar = false
    }

    static func short(_ x: Double) -> String {
        if x >= 1_000_000 { return String(format: "%.1fM", x / 1_000_000) }
        if x >= 10_000 { return String(format: "%.0fk", x / 1000) }
        return String(Int(x))
    }

    static func duration(_ s: Double) -> String {
        s < 90 ? "\(Int(s.rounded()))s" : "\(Int(s / 60))m\(Int(s) % 60)s"
    }
}

import KizashiCore
import KizashiStore

/// The activities an import wrote, kept so the server's read model can add the new ones instead
/// of reloading (issue 23: the first page after an import ≤ 200 ms). Bounded: past
/// `ActivityReplacements.limit` rows, or an ID written twice (the second replaces a row this
/// import wrote, which the store cannot tell from an old one), it gives up and the read model
/// reloads, as after any other change.
struct ImportedActivityLog: Sendable {
    private var rows: [Activity] = []
    private var ids: Set<String> = []
    private var gaveUp = false

    mutating func note(_ batch: [Activity]) {
        guard !gaveUp else { return }
        guard rows.count + batch.count <= ActivityReplacements.limit else { return giveUp() }
        for a in batch where !ids.insert(a.id).inserted { return giveUp() }
        rows += batch
    }

    private mutating func giveUp() {
        gaveUp = true
        rows = []
        ids = []
    }

    /// The rows new to the workspace, given what the store replaced: every row but those that
    /// replaced an equal stored row. nil: the read model must reload.
    func added(given replaced: ActivityReplacements) -> [Activity]? {
        guard !gaveUp, !replaced.untracked else { return nil }
        return rows.filter { !replaced.equalIds.contains($0.id) }
    }
}

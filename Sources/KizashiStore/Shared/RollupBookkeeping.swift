/// What a write transaction keeps of its activity writes until COMMIT, on either backend: the
/// roll-up deltas `finish()` applies, or the mark that rows moved between accounts in bulk (a
/// contact changed company, a company was deleted), after which `finish()` rebuilds every roll-up
/// from the activities instead; and the stored activities it replaced.
struct RollupBookkeeping: Sendable {
    var deltas = ActivityRollupDeltas()
    var needsRebuild = false
    var replacements = ActivityReplacements()

    /// The replacements as `WorkspaceTransaction.activityReplacements` reports them: after a
    /// bulk move they are no longer known one by one.
    var activityReplacements: ActivityReplacements {
        var r = replacements
        if needsRebuild { r.markUntracked() }
        return r
    }

    /// After the roll-ups were rebuilt from the stored activities: nothing is left to apply, and
    /// the replacements are no longer known one by one.
    mutating func rebuilt() {
        deltas.removeAll()
        needsRebuild = false
        replacements.markUntracked()
    }
}

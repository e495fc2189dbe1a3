import ServiceLifecycle

/// The wait between two looks of a scheduler running beside `kizashi serve` (the review, the CRM
/// write-backs, the segment feeds): `interval` in steps of 250 ms, so a graceful shutdown or a
/// cancellation ends it within a step rather than after the whole interval.
enum ScheduledPause {
    static func wait(_ interval: Duration) async {
        var waited = Duration.zero
        while waited < interval && !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(250))
            waited += .milliseconds(250)
        }
    }
}

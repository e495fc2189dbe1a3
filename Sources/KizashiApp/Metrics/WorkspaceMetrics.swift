import Metrics

/// What the use cases count for `/metrics` (swift-metrics: nothing is recorded unless the server
/// bootstrapped a backend, so the CLI and tests pay nothing). Names follow Prometheus' style.
public enum WorkspaceMetrics {
    public static func imported(rows: Int, rejected: Int, source: String) {
        Counter(label: "kizashi_import_rows_total", dimensions: [("source", source)]).increment(by: rows)
        Counter(label: "kizashi_import_rejected_rows_total", dimensions: [("source", source)]).increment(by: rejected)
    }

    public static func events(accepted: Int, rejected: Int, queued: Int) {
        Counter(label: "kizashi_events_accepted_total").increment(by: accepted)
        Counter(label: "kizashi_events_rejected_total").increment(by: rejected)
        Counter(label: "kizashi_events_queued_total").increment(by: queued)
    }

    public static func deliveries(sent: Int, failed: Int, due: Int) {
        Counter(label: "kizashi_alert_deliveries_total", dimensions: [("outcome", "sent")]).increment(by: sent)
        Counter(label: "kizashi_alert_deliveries_total", dimensions: [("outcome", "failed")]).increment(by: failed)
        Gauge(label: "kizashi_alert_deliveries_due").record(due)
    }

    public static func alertEvaluationsWaiting(_ n: Int) {
        Gauge(label: "kizashi_alert_evaluations_claimed").record(n)
    }

    public static func readModelLoaded(seconds: Double) {
        Metrics.Timer(label: "kizashi_read_model_load_seconds").recordNanoseconds(Int64(seconds * 1e9))
    }
}

"""Helpers shared by the Python benchmark drivers (bench/after_change.py,
bench/events_during_import.py): one percentile rule and one event batch, so that both report
and send the same way."""
import json, uuid


def percentile(values, p):
    """The value at rank int(p * n) of the sorted values (clamped to the last): p50, p95, p99 as
    every table in BENCHMARKS.md takes them. NaN when there are none."""
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(p * len(s)))]


def page_view_batch(k, size, companies, prefix):
    """Batch `k` for POST /api/v1/events: `size` page views of /pricing by new anonymous visitors
    (`prefix`-k-i), each about a known company (context.groupId), the companies taken in turn
    across batches, so each batch adds activities and moves scores."""
    return json.dumps({"batch": [
        {"type": "page", "messageId": str(uuid.uuid4()), "anonymousId": f"{prefix}-{k}-{i}",
         "context": {"groupId": companies[(k * size + i) % len(companies)], "page": {"path": "/pricing"}}}
        for i in range(size)]}).encode()

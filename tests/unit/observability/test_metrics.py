"""kcp.observability.metrics: label cleaning, bounds, buckets and the exposition."""

from __future__ import annotations

import math

import pytest
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample

from kcp.observability import metrics as obs

UPSTREAM_REQUEST_BUCKETS = [
    0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3,
    4, 5, 6, 8, 10, 15, 20, 30, 45, 60,
]  # fmt: skip


def _samples(metrics: obs.Metrics, name: str) -> list[Sample]:
    text = metrics.exposition().decode()
    return [
        sample
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == name
    ]


def _labels(verb: str = "GET", **overrides: str) -> obs.RequestLabels:
    values = {
        "dry_run": "",
        "group": "",
        "version": "v1",
        "resource": "configmaps",
        "subresource": "",
        "scope": "resource",
    }
    values.update(overrides)
    return obs.RequestLabels(verb=verb, **values)


@pytest.mark.parametrize(
    ("method", "scope", "watch", "apply", "expected"),
    [
        ("GET", "resource", False, False, "GET"),
        ("HEAD", "resource", False, False, "GET"),
        ("GET", "namespace", False, False, "LIST"),
        ("GET", "cluster", False, False, "LIST"),
        ("GET", "", False, False, "GET"),
        ("GET", "namespace", True, False, "WATCH"),
        ("GET", "resource", True, False, "WATCH"),
        ("POST", "resource", False, False, "POST"),
        ("PUT", "resource", False, False, "PUT"),
        ("PATCH", "resource", False, False, "PATCH"),
        ("PATCH", "resource", False, True, "APPLY"),
        ("DELETE", "namespace", False, False, "DELETE"),
        ("OPTIONS", "", False, False, "other"),
        ("BREW", "resource", False, False, "other"),
        ("WATCHLIST", "cluster", False, False, "WATCH"),
    ],
)
def test_clean_verb_follows_upstream(
    method: str, scope: str, watch: bool, apply: bool, expected: str
) -> None:
    assert obs.clean_verb(method, scope, watch=watch, apply=apply) == expected


@pytest.mark.parametrize(
    ("resource_request", "namespace", "name", "verb", "expected"),
    [
        (True, "default", "cm", "get", "resource"),
        (True, "default", "", "create", "resource"),
        (True, "default", "", "list", "namespace"),
        (True, "", "", "list", "cluster"),
        (True, "", "ns", "get", "resource"),
        (False, "", "", "get", ""),
    ],
)
def test_clean_scope_follows_upstream(
    resource_request: bool, namespace: str, name: str, verb: str, expected: str
) -> None:
    scope = obs.clean_scope(
        is_resource_request=resource_request, namespace=namespace, name=name, verb=verb
    )
    assert scope == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [([], ""), (["All"], "All"), (["All", "All"], "All"), (["Some"], "invalid"), ([""], "invalid")],
)
def test_clean_dry_run(values: list[str], expected: str) -> None:
    assert obs.clean_dry_run(values) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", "/"),
        ("/api", "/api"),
        ("/apis/", "/apis"),
        ("/version", "/version"),
        ("/metrics", "/metrics"),
        ("/readyz", "/readyz"),
        ("/readyz/etcd", "/readyz"),
        ("/livez/ping", "/livez"),
        ("/api/v1", "/api/{version}"),
        ("/apis/apps", "/apis/{group}"),
        ("/apis/tenancy.kcp.io/v1alpha1", "/apis/{group}/{version}"),
        ("/openapi/v3/api/v1", "/openapi/v3/{groupversion}"),
        ("/clusters/team-a/api", "other"),
        ("/favicon.ico", "other"),
        ("/a/b/c/d/e", "other"),
    ],
)
def test_non_resource_paths_are_a_fixed_set(path: str, expected: str) -> None:
    assert obs.non_resource_path(path) == expected


def test_code_label_is_the_numeric_status() -> None:
    assert [obs.code_label(c) for c in (200, 201, 404, 422, 500)] == [
        "200",
        "201",
        "404",
        "422",
        "500",
    ]


def test_label_limiter_admits_known_values_past_the_limit() -> None:
    limiter = obs.LabelLimiter(2)
    assert limiter.admit(("a",))
    assert limiter.admit(("b",))
    assert not limiter.admit(("c",))
    assert limiter.admit(("a",))


def test_resources_past_the_series_cap_collapse_to_other() -> None:
    metrics = obs.Metrics(process_collectors=False)
    for i in range(obs.MAX_RESOURCE_SERIES):
        triple = ("example.com", "v1", f"r{i}")
        assert metrics.bound_resource(*triple) == triple
    assert metrics.bound_resource("example.com", "v1", "one-too-many") == ("other",) * 3
    assert metrics.bound_resource("example.com", "v1", "r0") == ("example.com", "v1", "r0")


def test_observe_request_counts_and_times_with_every_upstream_label() -> None:
    metrics = obs.Metrics(process_collectors=False)
    metrics.observe_request(_labels("POST", dry_run="All"), 201, 0.07)
    metrics.observe_request(_labels("POST", dry_run="All"), 201, 0.3)
    [total] = _samples(metrics, "apiserver_request_total")
    assert total.labels == {
        "verb": "POST",
        "dry_run": "All",
        "group": "",
        "version": "v1",
        "resource": "configmaps",
        "subresource": "",
        "scope": "resource",
        "component": "apiserver",
        "code": "201",
    }
    assert total.value == 2
    buckets = {
        s.labels["le"]: s.value
        for s in _samples(metrics, "apiserver_request_duration_seconds_bucket")
    }
    assert buckets["0.05"] == 0
    assert buckets["0.1"] == 1
    assert buckets["0.4"] == 2
    assert buckets["+Inf"] == 2


def test_histograms_have_upstream_buckets() -> None:
    metrics = obs.Metrics(process_collectors=False)
    metrics.observe_request(_labels("LIST", scope="namespace"), 200, 0.01, response_bytes=1500)
    metrics.observe_storage("range", "", "configmaps", 0.001, failed=False)

    def bounds(name: str) -> list[float]:
        return [float(s.labels["le"]) for s in _samples(metrics, name)]

    assert bounds("apiserver_request_duration_seconds_bucket") == [
        *UPSTREAM_REQUEST_BUCKETS,
        math.inf,
    ]
    assert bounds("etcd_request_duration_seconds_bucket") == [
        0.005,
        0.025,
        *UPSTREAM_REQUEST_BUCKETS,
        math.inf,
    ]
    assert bounds("apiserver_response_sizes_bucket") == [
        1e3,
        1e4,
        1e5,
        1e6,
        1e7,
        1e8,
        1e9,
        math.inf,
    ]


def test_response_sizes_only_for_reads() -> None:
    metrics = obs.Metrics(process_collectors=False)
    metrics.observe_request(_labels("GET"), 200, 0.01, response_bytes=10)
    metrics.observe_request(_labels("LIST", scope="namespace"), 200, 0.01, response_bytes=10)
    metrics.observe_request(_labels("POST"), 201, 0.01, response_bytes=10)
    counts = _samples(metrics, "apiserver_response_sizes_count")
    assert sorted(s.labels["verb"] for s in counts) == ["GET", "LIST"]
    assert all("dry_run" not in s.labels for s in counts)


def test_storage_errors_are_counted_apart() -> None:
    metrics = obs.Metrics(process_collectors=False)
    metrics.observe_storage("txn", "", "configmaps", 0.002, failed=False)
    metrics.observe_storage("txn", "", "configmaps", 0.002, failed=True)
    [requests] = _samples(metrics, "etcd_requests_total")
    [errors] = _samples(metrics, "etcd_request_errors_total")
    assert requests.labels == {"operation": "txn", "group": "", "resource": "configmaps"}
    assert (requests.value, errors.value) == (2, 1)


def test_inflight_gauges_come_from_the_source_and_remember_long_running_series() -> None:
    metrics = obs.Metrics(process_collectors=False)
    watch = _labels("WATCH", scope="namespace").values_without_dry_run()
    snapshot = obs.InflightSnapshot(read_only=3, mutating=1)
    snapshot.long_running[watch] = 2
    metrics.set_inflight_source(lambda: snapshot)
    inflight = {
        s.labels["request_kind"]: s.value
        for s in _samples(metrics, "apiserver_current_inflight_requests")
    }
    assert inflight == {"readOnly": 3, "mutating": 1}
    [long_running] = _samples(metrics, "apiserver_longrunning_requests")
    assert long_running.value == 2
    assert long_running.labels["verb"] == "WATCH"
    assert "dry_run" not in long_running.labels

    metrics.set_inflight_source(obs.InflightSnapshot)
    [long_running] = _samples(metrics, "apiserver_longrunning_requests")
    assert long_running.value == 0


def test_exposition_has_no_created_series_and_has_process_metrics() -> None:
    metrics = obs.Metrics()
    metrics.observe_request(_labels(), 200, 0.01, response_bytes=1)
    metrics.observe_storage("range", "", "configmaps", 0.001, failed=False)
    text = metrics.exposition().decode()
    assert "_created" not in text
    assert "# TYPE apiserver_request_total counter" in text
    assert "# TYPE apiserver_request_duration_seconds histogram" in text
    assert "# TYPE apiserver_current_inflight_requests gauge" in text
    assert "process_cpu_seconds_total" in text
    assert "python_info" in text


def test_servers_do_not_share_a_registry() -> None:
    first, second = obs.Metrics(process_collectors=False), obs.Metrics(process_collectors=False)
    first.observe_request(_labels(), 200, 0.01)
    assert _samples(first, "apiserver_request_total")
    assert not _samples(second, "apiserver_request_total")

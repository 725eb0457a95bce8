"""/metrics over HTTPS on both backends: kube-apiserver's series, bounded labels."""

from __future__ import annotations

import math
from typing import Any

import orjson
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample

from tests.helpers.eventually import eventually
from tests.integration.conftest import API

CM = "/api/v1/namespaces/default/configmaps"
CONFIGMAPS = {"group": "", "version": "v1", "resource": "configmaps", "component": "apiserver"}
REQUEST_BUCKETS = [
    0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3,
    4, 5, 6, 8, 10, 15, 20, 30, 45, 60, math.inf,
]  # fmt: skip


def configmap(name: str) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}}


async def scrape(api: API) -> list[Sample]:
    async with api.session.get(api.base + "/metrics") as resp:
        assert resp.status == 200
        assert resp.headers["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8"
        text = await resp.text()
    return [s for family in text_string_to_metric_families(text) for s in family.samples]


def value(samples: list[Sample], name: str, **labels: str) -> float:
    """The value of the one sample of `name` whose labels include `labels`; 0 if none."""
    found = [
        s.value
        for s in samples
        if s.name == name and all(s.labels.get(k) == v for k, v in labels.items())
    ]
    assert len(found) <= 1, f"{name} {labels} matches {len(found)} series"
    return found[0] if found else 0.0


def series(samples: list[Sample], name: str) -> list[dict[str, str]]:
    return [s.labels for s in samples if s.name == name]


async def settled(api: API) -> list[Sample]:
    """A scrape taken once the server's own controllers have finished starting up.

    The in-process controllers (namespace deletion, garbage collector) list and watch
    every resource through the API when the server starts; their series are counted
    like anyone's. Tests compare against a scrape taken after those settle.
    """
    previous: list[list[dict[str, str]]] = [[]]

    async def stable() -> tuple[bool, str]:
        current = series(await scrape(api), "apiserver_request_total")
        done = current == previous[0]
        previous[0] = current
        return done, f"{len(current)} request series, still changing"

    await eventually(stable, timeout=20, interval=0.3)
    return await scrape(api)


def delta(after: list[Sample], before: list[Sample], name: str, **labels: str) -> float:
    return value(after, name, **labels) - value(before, name, **labels)


async def test_requests_are_counted_with_upstream_labels(api: API) -> None:
    base = await settled(api)
    assert (await api.call("POST", CM, configmap("m1")))[0] == 201
    assert (await api.call("POST", f"{CM}?dryRun=All", configmap("m2")))[0] == 201
    assert (await api.call("GET", f"{CM}/m1"))[0] == 200
    assert (await api.call("GET", f"{CM}/missing"))[0] == 404
    assert (await api.call("GET", CM))[0] == 200
    assert (await api.call("GET", "/api/v1/configmaps"))[0] == 200
    patch = {"data": {"a": "b"}}
    status, _ = await api.call(
        "PATCH", f"{CM}/m1", patch, content_type="application/merge-patch+json"
    )
    assert status == 200
    assert (await api.call("DELETE", f"{CM}/m1"))[0] == 200

    samples = await scrape(api)

    def counted(name: str, **labels: str) -> float:
        return delta(samples, base, name, **labels)

    total = "apiserver_request_total"
    assert counted(total, verb="POST", dry_run="", scope="resource", code="201",
                 subresource="", **CONFIGMAPS) == 1  # fmt: skip
    assert counted(total, verb="POST", dry_run="All", code="201", **CONFIGMAPS) == 1
    assert counted(total, verb="GET", scope="resource", code="200", **CONFIGMAPS) == 1
    assert counted(total, verb="GET", scope="resource", code="404", **CONFIGMAPS) == 1
    assert counted(total, verb="LIST", scope="namespace", code="200", **CONFIGMAPS) == 1
    assert counted(total, verb="LIST", scope="cluster", code="200", **CONFIGMAPS) == 1
    assert counted(total, verb="PATCH", scope="resource", code="200", **CONFIGMAPS) == 1
    assert counted(total, verb="DELETE", scope="resource", code="200", **CONFIGMAPS) == 1
    duration = "apiserver_request_duration_seconds_count"
    assert counted(duration, verb="GET", scope="resource", **CONFIGMAPS) == 2
    assert counted("apiserver_response_sizes_count", verb="LIST", scope="namespace",
                 **CONFIGMAPS) == 1  # fmt: skip


async def test_histograms_have_upstream_buckets(api: API) -> None:
    assert (await api.call("POST", CM, configmap("b1")))[0] == 201
    samples = await scrape(api)
    request_bounds = [
        float(s["le"])
        for s in series(samples, "apiserver_request_duration_seconds_bucket")
        if s["verb"] == "POST" and s["resource"] == "configmaps"
    ]
    assert request_bounds == REQUEST_BUCKETS
    etcd_bounds = [
        float(s["le"])
        for s in series(samples, "etcd_request_duration_seconds_bucket")
        if s["operation"] == "txn" and s["resource"] == "configmaps"
    ]
    assert etcd_bounds == [0.005, 0.025, *REQUEST_BUCKETS]
    assert not any(s.name.endswith("_created") for s in samples)


async def test_storage_range_and_txn_are_timed_per_resource(api: API) -> None:
    assert (await api.call("POST", CM, configmap("s1")))[0] == 201
    assert (await api.call("GET", f"{CM}/s1"))[0] == 200
    samples = await scrape(api)
    count = "etcd_request_duration_seconds_count"
    assert value(samples, count, operation="txn", group="", resource="configmaps") >= 1
    assert value(samples, count, operation="range", group="", resource="configmaps") >= 1
    assert value(samples, "etcd_requests_total", operation="txn", resource="configmaps") >= 1
    for labels in series(samples, count):
        assert set(labels) == {"operation", "group", "resource"}


async def test_inflight_gauge_returns_to_zero(api: API) -> None:
    for i in range(5):
        assert (await api.call("POST", CM, configmap(f"i{i}")))[0] == 201
        assert (await api.call("GET", f"{CM}/i{i}"))[0] == 200

    async def settled() -> tuple[bool, str]:
        samples = await scrape(api)
        inflight = "apiserver_current_inflight_requests"
        mutating = value(samples, inflight, request_kind="mutating")
        # The scrape is itself a read-only request in flight while it is answered.
        read_only = value(samples, inflight, request_kind="readOnly")
        return (mutating, read_only) == (0, 1), f"mutating={mutating} readOnly={read_only}"

    await eventually(settled, timeout=10, interval=0.05)


async def test_a_watch_is_long_running_while_open(api: API) -> None:
    url = f"{api.base}{CM}?watch=true&timeoutSeconds=1"
    labels = {"verb": "WATCH", "scope": "namespace", **CONFIGMAPS}
    async with api.session.get(url) as watch:
        assert watch.status == 200
        samples = await scrape(api)
        assert value(samples, "apiserver_longrunning_requests", **labels) == 1
        assert "dry_run" not in series(samples, "apiserver_longrunning_requests")[0]
        await watch.read()  # the server ends the watch after timeoutSeconds

    async def closed() -> tuple[bool, str]:
        samples = await scrape(api)
        open_watches = value(samples, "apiserver_longrunning_requests", **labels)
        counted = value(samples, "apiserver_request_total", code="200", **labels)
        return (open_watches, counted) == (0, 1), f"open={open_watches} counted={counted}"

    await eventually(closed, timeout=10, interval=0.05)


async def test_clusters_namespaces_and_names_do_not_create_series(api: API) -> None:
    async def request_series() -> list[dict[str, str]]:
        samples = await scrape(api)
        return [
            *series(samples, "apiserver_request_total"),
            *series(samples, "apiserver_request_duration_seconds_count"),
            *series(samples, "etcd_requests_total"),
        ]

    await settled(api)
    # One request of each shape first, so every series that can exist does.
    assert (await api.call("POST", CM, configmap("warm")))[0] == 201
    assert (await api.call("GET", "/api/v1/namespaces/ns-warm/configmaps/x"))[0] == 404
    assert (await api.call("GET", "/clusters/warm/api/v1/namespaces/default/configmaps"))[0] == 404
    assert (await api.call("GET", "/apis/nope.example.com/v1/widgets"))[0] == 404
    before = await request_series()

    for i in range(50):
        assert (await api.call("POST", CM, configmap(f"cm-{i}")))[0] == 201
        assert (await api.call("GET", f"/api/v1/namespaces/ns-{i}/configmaps/x-{i}"))[0] == 404
        path = f"/clusters/tenant-{i}/api/v1/namespaces/default/configmaps"
        assert (await api.call("GET", path))[0] == 404
        assert (await api.call("GET", f"/apis/nope{i}.example.com/v1/widgets{i}"))[0] == 404
    after = await request_series()

    # 200 requests naming 50 clusters, namespaces, names and resources: series may
    # appear from the server's own controllers meanwhile, never one per name.
    new = [labels for labels in after if labels not in before]
    assert len(new) < 10, new
    rendered = orjson.dumps(after).decode()
    for marker in ("cm-", "ns-", "x-", "tenant-", "nope", "widgets", "default", "root"):
        assert marker not in rendered, marker

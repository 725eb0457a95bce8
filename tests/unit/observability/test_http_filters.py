"""The request-log and metrics filters around a stand-in API handler, in-process.

The handler does what kcp.endpoints.api does for these filters: parse the request
info, store `RequestAttributes` (again with the definition once the resource is
resolved), and bind cluster/verb/resource/namespace/name to the log context.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
import structlog
from aiohttp import test_utils, web
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample
from structlog.testing import capture_logs

from kcp.apimachinery.errors import NotFoundError
from kcp.endpoints.filters import metrics as metrics_filter
from kcp.endpoints.filters.errors import errors
from kcp.endpoints.filters.request_context import request_context
from kcp.endpoints.requestinfo import parse_request_info
from kcp.observability import keys
from kcp.observability.logs import get_logger
from kcp.observability.metrics import Metrics
from kcp.registry.builtin.core import CONFIGMAPS

CM = "/api/v1/namespaces/default/configmaps"


class StandIn:
    """The app under test, with a gate that holds POSTs while a test looks."""

    def __init__(self) -> None:
        self.metrics = Metrics(process_collectors=False)
        self.hold = asyncio.Event()
        self.held = asyncio.Event()
        self.hold.set()

    async def api(self, request: web.Request) -> web.StreamResponse:
        info = parse_request_info(request.method, request.path, request.query)
        request[metrics_filter.REQUEST_ATTRIBUTES] = metrics_filter.RequestAttributes(info)
        structlog.contextvars.bind_contextvars(
            **{
                keys.CLUSTER: "root",
                keys.USER: "alice",
                keys.VERB: info.verb,
                keys.RESOURCE: info.resource,
                keys.NAMESPACE: info.namespace,
                keys.NAME: info.name,
            }
        )
        if info.resource != "configmaps":
            raise NotFoundError.plain()
        request[metrics_filter.REQUEST_ATTRIBUTES] = metrics_filter.RequestAttributes(
            info, CONFIGMAPS
        )
        if request.method == "POST":
            self.held.set()
            await self.hold.wait()
            return web.json_response({"kind": "ConfigMap"}, status=201)
        if info.name == "missing":
            raise NotFoundError.plain()
        return web.json_response({"kind": "ConfigMapList" if not info.name else "ConfigMap"})

    def app(self) -> web.Application:
        app = web.Application(
            middlewares=[request_context, metrics_filter.instrument(self.metrics), errors]
        )
        app.router.add_get("/metrics", metrics_filter.metrics_handler(self.metrics))
        app.router.add_route("*", "/{path:.*}", self.api)
        return app


@pytest.fixture(autouse=True)
def default_structlog(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """structlog as if never configured: a test elsewhere may have run the CLI's
    `configure()`, whose cached info-level loggers would drop debug lines."""
    saved = structlog.get_config()
    structlog.reset_defaults()
    monkeypatch.setattr("kcp.endpoints.filters.request_context._log", get_logger("http"))
    yield
    structlog.configure(**saved)


@pytest.fixture
def stand_in() -> StandIn:
    return StandIn()


@pytest.fixture
async def client(stand_in: StandIn) -> AsyncIterator[test_utils.TestClient[Any, Any]]:
    async with test_utils.TestClient(test_utils.TestServer(stand_in.app())) as client:
        yield client


Client = test_utils.TestClient[Any, Any]


async def _scrape(client: Client) -> list[Sample]:
    async with client.get("/metrics") as resp:
        assert resp.status == 200
        text = await resp.text()
    return [s for family in text_string_to_metric_families(text) for s in family.samples]


def _value(samples: list[Sample], name: str, **labels: str) -> float | None:
    for sample in samples:
        if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
            return sample.value
    return None


async def test_request_line_carries_cluster_user_verb_resource_code_and_latency(
    client: Client,
) -> None:
    with capture_logs() as logs:
        async with client.get(f"{CM}/missing", headers={"User-Agent": "kubectl/v1.32"}) as resp:
            assert resp.status == 404
    [line] = [entry for entry in logs if entry["event"] == "request"]
    assert line[keys.CLUSTER] == "root"
    assert line[keys.USER] == "alice"
    assert line[keys.VERB] == "get"
    assert line[keys.RESOURCE] == "configmaps"
    assert line[keys.NAMESPACE] == "default"
    assert line[keys.NAME] == "missing"
    assert line[keys.STATUS] == 404
    assert isinstance(line[keys.DURATION_MS], float)
    assert line[keys.DURATION_MS] >= 0
    assert line[keys.METHOD] == "GET"
    assert line[keys.PATH] == f"{CM}/missing"
    prefix, _, counter = line[keys.REQUEST_ID].partition("-")
    assert len(prefix) == 8
    assert int(counter, 16) > 0
    assert line[keys.USER_AGENT] == "kubectl/v1.32"
    assert line["log_level"] == "info"


async def test_request_line_leaves_out_what_was_never_bound(client: Client) -> None:
    with capture_logs() as logs:
        async with client.get("/metrics", headers={"X-Request-Id": "abc"}) as resp:
            assert resp.status == 200
    [line] = [entry for entry in logs if entry["event"] == "request"]
    assert line["log_level"] == "debug"  # scrapes are polled: debug only
    assert line[keys.REQUEST_ID] == "abc"
    assert keys.CLUSTER not in line
    assert keys.VERB not in line


async def test_a_list_line_leaves_out_the_empty_name(client: Client) -> None:
    with capture_logs() as logs:
        async with client.get(CM) as resp:
            assert resp.status == 200
    [line] = [entry for entry in logs if entry["event"] == "request"]
    assert line[keys.VERB] == "list"
    assert keys.NAME not in line


async def test_requests_are_counted_with_resolved_labels(client: Client) -> None:
    for path in (f"{CM}/a", f"{CM}/missing", CM, f"{CM}?watch=1"):
        async with client.get(path) as resp:
            await resp.read()
    async with client.post(f"{CM}?dryRun=All", json={}) as resp:
        assert resp.status == 201
    async with client.get("/api/v1/namespaces/default/widgets/w") as resp:
        assert resp.status == 404
    samples = await _scrape(client)
    total = "apiserver_request_total"
    common = {"group": "", "version": "v1", "resource": "configmaps", "component": "apiserver"}
    assert _value(samples, total, verb="GET", scope="resource", code="200", **common) == 1
    assert _value(samples, total, verb="GET", scope="resource", code="404", **common) == 1
    assert _value(samples, total, verb="LIST", scope="namespace", code="200", **common) == 1
    assert _value(samples, total, verb="WATCH", scope="namespace", **common) == 1
    assert _value(samples, total, verb="POST", dry_run="All", scope="resource", **common) == 1
    # A resource the catalogue does not serve is reported as "other".
    assert _value(samples, total, verb="GET", resource="other", group="other", code="404") == 1
    size = "apiserver_response_sizes_count"
    assert _value(samples, size, verb="GET", resource="configmaps") == 2
    assert _value(samples, size, verb="POST") is None


async def test_inflight_gauges_count_requests_being_served(
    client: Client, stand_in: StandIn
) -> None:
    stand_in.hold.clear()
    stand_in.held.clear()
    post = asyncio.create_task(client.post(CM, json={}))
    try:
        await asyncio.wait_for(stand_in.held.wait(), 5)
        samples = await _scrape(client)
        inflight = "apiserver_current_inflight_requests"
        assert _value(samples, inflight, request_kind="mutating") == 1
        assert _value(samples, inflight, request_kind="readOnly") == 1  # the scrape itself
    finally:
        stand_in.hold.set()
        resp = await post
        resp.release()
    samples = await _scrape(client)
    assert _value(samples, "apiserver_current_inflight_requests", request_kind="mutating") == 0


async def test_non_resource_paths_and_unknown_methods_stay_bounded(client: Client) -> None:
    for i in range(20):
        async with client.get(f"/not-a-path-{i}") as resp:
            await resp.read()
        async with client.request("OPTIONS", f"/api/v1/namespaces/ns-{i}/configmaps/c-{i}") as resp:
            await resp.read()
    samples = await _scrape(client)
    series = [s.labels for s in samples if s.name == "apiserver_request_total"]
    assert len(series) == 2, series
    assert {s["verb"] for s in series} == {"GET", "other"}
    assert {s["subresource"] for s in series if s["verb"] == "GET"} == {"other"}


def test_request_ids_are_unique() -> None:
    from kcp.endpoints.filters.request_context import _next_request_id

    ids = {_next_request_id() for _ in range(1000)}
    assert len(ids) == 1000

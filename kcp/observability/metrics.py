"""Prometheus metrics with kube-apiserver's names, label names and buckets.

What this is: one `Metrics` object per server holding a private `CollectorRegistry`,
the metric families kube-apiserver exports for requests and storage, the label
cleaning that keeps every label bounded, and the text exposition that `/metrics`
serves. The HTTP filter (kcp.endpoints.filters.metrics) and the storage decorator
(kcp.storage.instrumented) feed it; neither defines a metric of its own.

What it is not: an HTTP layer (aiohttp is barred here by import-linter), nor a
global registry. A registry per server keeps in-process test servers apart and lets
a library user embed several servers; kube-apiserver's legacyregistry is global
because a Go binary runs one apiserver.

Mirrors k8s.io/apiserver pkg/endpoints/metrics/metrics.go (CleanScope,
CanonicalVerb, cleanVerb, cleanDryRun) and pkg/storage/etcd3/metrics/metrics.go:

    apiserver_request_total               counter    verb dry_run group version resource
                                                     subresource scope component code
    apiserver_request_duration_seconds    histogram  verb dry_run group version resource
                                                     subresource scope component
    apiserver_response_sizes              histogram  verb group version resource
                                                     subresource scope component
    apiserver_current_inflight_requests   gauge      request_kind (readOnly | mutating)
    apiserver_longrunning_requests        gauge      verb group version resource
                                                     subresource scope component
    etcd_request_duration_seconds         histogram  operation group resource
    etcd_requests_total                   counter    operation group resource
    etcd_request_errors_total             counter    operation group resource

plus prometheus_client's process_*, python_gc_* and python_info collectors.

Cardinality is the rule that matters most in a multi-tenant server: no label ever
carries a logical cluster, a namespace or an object name. Verbs outside upstream's
list become "other"; resources the catalogue does not serve become "other"; and
even served resources (every workspace can add CRDs) are capped at
`MAX_RESOURCE_SERIES` distinct values per family, after which they read "other".
"""

from __future__ import annotations

import threading
from collections import Counter as Tally
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from prometheus_client import (
    CollectorRegistry,
    Counter,
    GCCollector,
    Histogram,
    PlatformCollector,
    ProcessCollector,
)
from prometheus_client.exposition import generate_latest
from prometheus_client.metrics_core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

__all__ = [
    "COMPONENT_APISERVER",
    "CONTENT_TYPE",
    "ETCD_REQUEST_DURATION_BUCKETS",
    "MAX_RESOURCE_SERIES",
    "MUTATING_KIND",
    "OTHER",
    "READ_ONLY_KIND",
    "REQUEST_DURATION_BUCKETS",
    "RESPONSE_SIZE_BUCKETS",
    "InflightSnapshot",
    "LabelLimiter",
    "Metrics",
    "RequestLabels",
    "clean_dry_run",
    "clean_scope",
    "clean_verb",
    "code_label",
    "non_resource_path",
]

# The text format kube-apiserver answers with by default (Prometheus 0.0.4).
CONTENT_TYPE: Final = "text/plain; version=0.0.4; charset=utf-8"

COMPONENT_APISERVER: Final = "apiserver"
# Upstream's OtherRequestMethod, used here for every value outside a bounded set.
OTHER: Final = "other"
READ_ONLY_KIND: Final = "readOnly"
MUTATING_KIND: Final = "mutating"

# apiserver_request_duration_seconds: upstream's SLO buckets, verbatim.
REQUEST_DURATION_BUCKETS: Final = (
    0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0,
    4.0, 5.0, 6.0, 8.0, 10.0, 15.0, 20.0, 30.0, 45.0, 60.0,
)  # fmt: skip
# apiserver_response_sizes: ExponentialBuckets(1000, 10.0, 7), 1 kB to 1 GB.
RESPONSE_SIZE_BUCKETS: Final = tuple(1000.0 * 10.0**i for i in range(7))
# etcd_request_duration_seconds: the request buckets with 5 ms and 25 ms in front.
ETCD_REQUEST_DURATION_BUCKETS: Final = (0.005, 0.025, *REQUEST_DURATION_BUCKETS)

# Distinct (group, version, resource) values one family may carry. The built-in
# types are about sixty; this leaves room for a few hundred CRDs across all
# workspaces before further ones collapse into "other" rather than growing without
# bound (every series costs the scraper memory for as long as it is retained).
MAX_RESOURCE_SERIES: Final = 500

# Upstream's validRequestMethods: anything else is reported as "other".
_VALID_VERBS: Final = frozenset(
    {
        "APPLY",
        "CONNECT",
        "CREATE",
        "DELETE",
        "DELETECOLLECTION",
        "GET",
        "LIST",
        "PATCH",
        "POST",
        "PROXY",
        "PUT",
        "UPDATE",
        "WATCH",
        "WATCHLIST",
    }
)
_DRY_RUN_ALL: Final = "All"
# Non-resource paths reported as themselves; any other is "other". Named health
# checks (/readyz/etcd) report as their endpoint.
_NON_RESOURCE_PATHS: Final = frozenset(
    {"/", "/api", "/apis", "/version", "/metrics", "/openapi/v2", "/openapi/v3"}
)
_HEALTH_ENDPOINTS: Final = frozenset({"livez", "readyz", "healthz"})

_REQUEST_LABELS: Final = (
    "verb",
    "dry_run",
    "group",
    "version",
    "resource",
    "subresource",
    "scope",
    "component",
)
_SIZE_LABELS: Final = tuple(name for name in _REQUEST_LABELS if name != "dry_run")
_STORAGE_LABELS: Final = ("operation", "group", "resource")


@dataclass(frozen=True, slots=True)
class RequestLabels:
    """The label values of one request, already cleaned and bounded."""

    verb: str
    dry_run: str
    group: str
    version: str
    resource: str
    subresource: str
    scope: str
    component: str = COMPONENT_APISERVER

    def values(self) -> tuple[str, ...]:
        """Values in the order of apiserver_request_duration_seconds' labels."""
        return (
            self.verb,
            self.dry_run,
            self.group,
            self.version,
            self.resource,
            self.subresource,
            self.scope,
            self.component,
        )

    def values_without_dry_run(self) -> tuple[str, ...]:
        """Values for the families that have no dry_run label (sizes, long-running)."""
        return (
            self.verb,
            self.group,
            self.version,
            self.resource,
            self.subresource,
            self.scope,
            self.component,
        )


def clean_scope(*, is_resource_request: bool, namespace: str, name: str, verb: str) -> str:
    """Upstream's CleanScope: "resource", "namespace", "cluster", or "" for non-resource."""
    if name or verb == "create":
        return "resource"
    if namespace:
        return "namespace"
    if is_resource_request:
        return "cluster"
    return ""


def clean_verb(method: str, scope: str, *, watch: bool = False, apply: bool = False) -> str:
    """The reported verb: the HTTP method, with GET split into GET/LIST/WATCH.

    Upstream's CanonicalVerb + CleanVerb + cleanVerb: GET and HEAD are LIST unless
    they address one object (or are non-resource), a watch is WATCH, a PATCH with
    an apply content type is APPLY, and anything unknown is "other".
    """
    verb = method.upper()
    if verb in ("GET", "HEAD"):
        verb = "LIST" if scope not in ("resource", "") else "GET"
    if watch:
        verb = "WATCH"
    elif verb == "PATCH" and apply:
        verb = "APPLY"
    if verb == "WATCHLIST":
        verb = "WATCH"
    return verb if verb in _VALID_VERBS else OTHER


def clean_dry_run(values: Sequence[str]) -> str:
    """Upstream's cleanDryRun: "" when absent, "invalid" when not all "All"."""
    if not values:
        return ""
    if any(value != _DRY_RUN_ALL for value in values):
        return "invalid"
    return _DRY_RUN_ALL


def code_label(status: int) -> str:
    """The numeric HTTP status as its decimal string, as upstream's codeToString."""
    return str(status)


def non_resource_path(path: str) -> str:
    """A bounded stand-in for a non-resource path (upstream puts the path in
    `subresource`; its routes are fixed, ours accept any path, so collapse them)."""
    trimmed = path.rstrip("/") or "/"
    if trimmed in _NON_RESOURCE_PATHS:
        return trimmed
    parts = trimmed.strip("/").split("/")
    if parts[0] in _HEALTH_ENDPOINTS:
        return "/" + parts[0]
    if parts[0] == "api" and len(parts) == 2:
        return "/api/{version}"
    if parts[0] == "apis" and len(parts) == 2:
        return "/apis/{group}"
    if parts[0] == "apis" and len(parts) == 3:
        return "/apis/{group}/{version}"
    if parts[:2] == ["openapi", "v3"]:
        return "/openapi/v3/{groupversion}"
    return OTHER


class LabelLimiter:
    """Admits the first `limit` distinct label tuples; later newcomers are refused.

    Refused values are reported as "other" by the caller, so a family's series
    count has a ceiling whatever tenants create. Thread-safe: the storage decorator
    may be driven from worker threads in future backends.
    """

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._seen: set[tuple[str, ...]] = set()
        self._lock = threading.Lock()

    def admit(self, value: tuple[str, ...]) -> bool:
        if value in self._seen:
            return True
        with self._lock:
            if len(self._seen) >= self._limit:
                return False
            self._seen.add(value)
            return True


@dataclass(slots=True)
class InflightSnapshot:
    """Requests being served now, as counted by the HTTP filter at scrape time.

    Long-running requests (watches) are counted only in `long_running`, as
    upstream's max-in-flight filter exempts them from the in-flight limit.
    """

    read_only: int = 0
    mutating: int = 0
    # Keyed by `RequestLabels.values_without_dry_run()`, the gauge's label values.
    long_running: Tally[tuple[str, ...]] = field(default_factory=Tally)


InflightSource = Callable[[], InflightSnapshot]


class _InflightCollector(Collector):
    """Reads the in-flight gauges from the HTTP filter's live requests on scrape.

    Counting at scrape time lets a watch be labelled with the resource the API
    handler resolved, which the filter does not know when the request starts. Label
    sets of long-running requests, once seen, keep reporting 0 afterwards, as
    upstream's gauges do (they are bounded like every request label).
    """

    def __init__(self) -> None:
        self.source: InflightSource = InflightSnapshot
        self._seen_long_running: set[tuple[str, ...]] = set()

    def collect(self) -> Iterable[Metric]:
        snapshot = self.source()
        inflight = GaugeMetricFamily(
            "apiserver_current_inflight_requests",
            "Number of requests being served by this apiserver per request kind "
            "(long-running requests excluded).",
            labels=["request_kind"],
        )
        inflight.add_metric([READ_ONLY_KIND], snapshot.read_only)
        inflight.add_metric([MUTATING_KIND], snapshot.mutating)
        yield inflight

        long_running = GaugeMetricFamily(
            "apiserver_longrunning_requests",
            "Gauge of all active long-running apiserver requests broken out by verb, "
            "group, version, resource, scope and component.",
            labels=list(_SIZE_LABELS),
        )
        self._seen_long_running.update(snapshot.long_running)
        for values in sorted(self._seen_long_running):
            long_running.add_metric(list(values), snapshot.long_running[values])
        yield long_running


class _WithoutCreated(Collector):
    """The registry without prometheus_client's `_created` samples.

    kube-apiserver exposes none, and dropping them here avoids flipping
    prometheus_client's process-wide `disable_created_metrics()` switch.
    """

    def __init__(self, registry: CollectorRegistry) -> None:
        self._registry = registry

    def collect(self) -> Iterable[Metric]:
        for family in self._registry.collect():
            created = family.name + "_created"
            family.samples = [s for s in family.samples if s.name != created]
            yield family


class Metrics:
    """Every metric one server exports, in its own registry."""

    def __init__(self, *, process_collectors: bool = True) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        registry = self.registry
        self.request_total = Counter(
            "apiserver_request_total",
            "Counter of apiserver requests broken out for each verb, dry run value, "
            "group, version, resource, scope, component, and HTTP response code.",
            [*_REQUEST_LABELS, "code"],
            registry=registry,
        )
        self.request_duration = Histogram(
            "apiserver_request_duration_seconds",
            "Response latency distribution in seconds for each verb, dry run value, "
            "group, version, resource, subresource, scope and component.",
            _REQUEST_LABELS,
            buckets=REQUEST_DURATION_BUCKETS,
            registry=registry,
        )
        self.response_sizes = Histogram(
            "apiserver_response_sizes",
            "Response size distribution in bytes for each group, version, verb, "
            "resource, subresource, scope and component.",
            _SIZE_LABELS,
            buckets=RESPONSE_SIZE_BUCKETS,
            registry=registry,
        )
        self.etcd_request_duration = Histogram(
            "etcd_request_duration_seconds",
            "Etcd request latency in seconds for each operation and object type.",
            _STORAGE_LABELS,
            buckets=ETCD_REQUEST_DURATION_BUCKETS,
            registry=registry,
        )
        self.etcd_requests = Counter(
            "etcd_requests_total",
            "Etcd request counts for each operation and object type.",
            _STORAGE_LABELS,
            registry=registry,
        )
        self.etcd_request_errors = Counter(
            "etcd_request_errors_total",
            "Etcd failed request counts for each operation and object type.",
            _STORAGE_LABELS,
            registry=registry,
        )
        self._inflight = _InflightCollector()
        registry.register(self._inflight)
        if process_collectors:
            ProcessCollector(registry=registry)
            PlatformCollector(registry=registry)
            GCCollector(registry=registry)
        self._request_resources = LabelLimiter(MAX_RESOURCE_SERIES)
        self._storage_resources = LabelLimiter(MAX_RESOURCE_SERIES)
        self._exposed = _WithoutCreated(registry)

    # -- requests ---------------------------------------------------------------

    def bound_resource(self, group: str, version: str, resource: str) -> tuple[str, str, str]:
        """A served (group, version, resource), or ("other",)*3 past the series cap."""
        triple = (group, version, resource)
        if self._request_resources.admit(triple):
            return triple
        return (OTHER, OTHER, OTHER)

    def observe_request(
        self,
        labels: RequestLabels,
        code: int,
        seconds: float,
        response_bytes: int | None = None,
    ) -> None:
        """Record one finished request; sizes only for GET and LIST, as upstream."""
        values = labels.values()
        self.request_total.labels(*values, code_label(code)).inc()
        self.request_duration.labels(*values).observe(seconds)
        if response_bytes is not None and labels.verb in ("GET", "LIST"):
            self.response_sizes.labels(*labels.values_without_dry_run()).observe(response_bytes)

    def set_inflight_source(self, source: InflightSource) -> None:
        """Where the in-flight and long-running gauges are read from at scrape time."""
        self._inflight.source = source

    # -- storage ----------------------------------------------------------------

    def observe_storage(
        self, operation: str, group: str, resource: str, seconds: float, *, failed: bool
    ) -> None:
        """Record one storage call: its latency, its count, and whether it failed."""
        if not self._storage_resources.admit((group, resource)):
            group, resource = OTHER, OTHER
        self.etcd_request_duration.labels(operation, group, resource).observe(seconds)
        self.etcd_requests.labels(operation, group, resource).inc()
        if failed:
            self.etcd_request_errors.labels(operation, group, resource).inc()

    # -- exposition -------------------------------------------------------------

    def exposition(self) -> bytes:
        """Every family in the Prometheus text format (0.0.4)."""
        return generate_latest(self._exposed)

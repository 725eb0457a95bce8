"""The metrics filter: every request counted and timed under kube-apiserver's labels.

It sits after request_context and before errors, so it sees each request's final
status code (errors has already rendered exceptions as Status responses) and its
time in the handlers. What the request addresses comes from the API handler: once
it has parsed the URL and looked the resource up in the catalogue, it stores a
`RequestAttributes` under `REQUEST_ATTRIBUTES`, and this filter turns that into
bounded labels (kcp.observability.metrics does the cleaning). A request the API
handler never saw (a health probe, /metrics itself, a path of an unknown cluster)
is labelled as a non-resource request of a fixed path, or "other".

The in-flight gauges are counted when scraped, from the requests this filter is
serving at that moment, so a watch is labelled with the resource it was resolved
to even though that is learnt after the request started. As upstream, watches
count as long-running and not as in-flight, and a scrape counts itself as one
read-only request in flight.

Mirrors k8s.io/apiserver pkg/endpoints/metrics (MonitorRequest, RecordLongRunning)
and pkg/server/filters/maxinflight.go (readOnly versus mutating).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Final

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from kcp.endpoints.handlers.resource import APPLY_PATCH_TYPES
from kcp.endpoints.requestinfo import RequestInfo
from kcp.observability import metrics as obs
from kcp.registry.resource import ResourceDefinition

__all__ = [
    "REQUEST_ATTRIBUTES",
    "RequestAttributes",
    "instrument",
    "metrics_handler",
    "request_labels",
]

_READ_ONLY_METHODS: Final = frozenset({"GET", "HEAD"})


@dataclass(frozen=True, slots=True)
class RequestAttributes:
    """What the API handler learnt about a request.

    `definition` is the catalogue entry the request resolved to, None while (or
    if) the resource is not served; only served resources name themselves in
    labels.
    """

    info: RequestInfo
    definition: ResourceDefinition | None = None


REQUEST_ATTRIBUTES: Final = web.RequestKey("request_attributes", RequestAttributes)


def request_labels(request: web.Request, metrics: obs.Metrics) -> obs.RequestLabels:
    """The bounded label values of `request`, from what the API handler stored."""
    attributes = request.get(REQUEST_ATTRIBUTES)
    dry_run = obs.clean_dry_run(request.query.getall("dryRun", []))
    if attributes is None or not attributes.info.is_resource_request:
        path = request.path if attributes is None else attributes.info.path
        return obs.RequestLabels(
            verb=obs.clean_verb(request.method, ""),
            dry_run=dry_run,
            group="",
            version="",
            resource="",
            subresource=obs.non_resource_path(path),
            scope="",
        )
    info, definition = attributes.info, attributes.definition
    scope = obs.clean_scope(
        is_resource_request=True, namespace=info.namespace, name=info.name, verb=info.verb
    )
    verb = obs.clean_verb(
        request.method,
        scope,
        watch=info.verb == "watch",
        apply=request.method == "PATCH" and request.content_type in APPLY_PATCH_TYPES,
    )
    if definition is None:
        group = version = resource = obs.OTHER
        subresource = obs.OTHER if info.subresource else ""
    else:
        group, version, resource = metrics.bound_resource(
            definition.group, definition.version, definition.resource
        )
        subresource = info.subresource
        if subresource and subresource not in definition.subresources:
            subresource = obs.OTHER
    return obs.RequestLabels(
        verb=verb,
        dry_run=dry_run,
        group=group,
        version=version,
        resource=resource,
        subresource=subresource,
        scope=scope,
    )


def instrument(metrics: obs.Metrics) -> Middleware:
    """The filter for one server, recording into `metrics`."""
    live: dict[int, web.Request] = {}

    def snapshot() -> obs.InflightSnapshot:
        counted = obs.InflightSnapshot()
        for request in live.values():
            labels = request_labels(request, metrics)
            if labels.verb == "WATCH":
                counted.long_running[labels.values_without_dry_run()] += 1
            elif request.method in _READ_ONLY_METHODS:
                counted.read_only += 1
            else:
                counted.mutating += 1
        return counted

    metrics.set_inflight_source(snapshot)

    @web.middleware
    async def metrics_filter(request: web.Request, handler: Handler) -> web.StreamResponse:
        token = id(request)
        live[token] = request
        started = time.perf_counter()
        try:
            response = await handler(request)
        except web.HTTPException as exc:
            # Redirects and the like, which the errors filter lets through.
            metrics.observe_request(
                request_labels(request, metrics), exc.status, time.perf_counter() - started
            )
            raise
        except (asyncio.CancelledError, ConnectionResetError):
            # The client went away: no status was sent, so nothing is counted.
            raise
        finally:
            del live[token]
        size = response.content_length
        metrics.observe_request(
            request_labels(request, metrics),
            response.status,
            time.perf_counter() - started,
            response.body_length if size is None else size,
        )
        return response

    return metrics_filter


def metrics_handler(metrics: obs.Metrics) -> Handler:
    """GET /metrics: the Prometheus text exposition of `metrics`."""

    async def serve_metrics(_request: web.Request) -> web.StreamResponse:
        return web.Response(body=metrics.exposition(), headers={"Content-Type": obs.CONTENT_TYPE})

    return serve_metrics

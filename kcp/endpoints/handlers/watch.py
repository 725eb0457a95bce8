"""WATCH over HTTP: a chunked stream of `{"type": ..., "object": ...}` lines.

Served straight from a storage watch of the request's scope for now (the watch cache
takes its place with its own issue). resourceVersion "" or "0" first sends the
current objects as ADDED, then changes; N sends the changes after N. Selector
transitions follow upstream's watch filter: an object that starts matching arrives
as ADDED, one that stops as DELETED. A resourceVersion older than the compacted
history is an in-stream ERROR event with a 410 Expired Status, as client-go expects.
"""

from __future__ import annotations

import asyncio
import contextlib

import orjson
from aiohttp import web

from kcp.apimachinery.errors import APIError, ExpiredError, InternalError
from kcp.apimachinery.resource_version import parse_resource_version
from kcp.apimachinery.unstructured import Object
from kcp.endpoints import negotiation, queryparams
from kcp.endpoints.handlers.resource import ResourceRequest, definition_table, partial_metadata
from kcp.endpoints.negotiation import OutputFormat
from kcp.registry.lister import matches, scope_prefix
from kcp.registry.options import ListOptions
from kcp.storage import codec
from kcp.storage.errors import CompactedError, StorageError
from kcp.storage.interface import Event, EventType, prefix_end

__all__ = ["handle_watch"]

# Upstream picks a random timeout in [MinRequestTimeout, 2x) = [30 min, 60 min).
DEFAULT_WATCH_SECONDS = 1800


def _event(kind: str, obj: Object, req: ResourceRequest, fmt: OutputFormat) -> bytes:
    if fmt.table:
        obj = definition_table(req.definition, [obj])
    elif fmt.partial_metadata:
        obj = partial_metadata(obj)
    return orjson.dumps({"type": kind, "object": obj}) + b"\n"


def _translate(
    req: ResourceRequest, options: ListOptions, event: Event
) -> tuple[str, Object] | None:
    """The watch event a storage event becomes for this watcher, if any."""
    store = req.store
    new = None
    if event.type is EventType.PUT:
        new = store._with_type(codec.decode(event.kv))
    old = None
    if event.prev_kv is not None:
        old = store._with_type(codec.decode(event.prev_kv))
    new_matches = new is not None and matches(store, new, options)
    old_matches = old is not None and matches(store, old, options)
    if new is not None and new_matches:
        return ("MODIFIED" if old_matches else "ADDED"), new
    if old is not None and old_matches:
        old["metadata"]["resourceVersion"] = str(event.kv.mod_revision)
        return "DELETED", old
    return None


async def handle_watch(req: ResourceRequest) -> web.StreamResponse:
    options = queryparams.list_options(req.request.query, req.definition)
    fmt = negotiation.negotiate_output(req.request, table_allowed=True)
    timeout = options.timeout_seconds or DEFAULT_WATCH_SECONDS
    requested = parse_resource_version(options.resource_version)
    prefix = scope_prefix(req.store, req.ctx)

    response = web.StreamResponse(headers={"Content-Type": "application/json"})
    response.enable_chunked_encoding()
    await response.prepare(req.request)

    async def stream() -> None:
        start = requested + 1
        if requested == 0:
            listed = await req.store.list(
                req.ctx,
                ListOptions(
                    label_selector=options.label_selector, field_selector=options.field_selector
                ),
            )
            for item in listed["items"]:
                await response.write(_event("ADDED", item, req, fmt))
            start = int(listed["metadata"]["resourceVersion"]) + 1
        async with req.store.storage.watch(
            prefix, prefix_end(prefix), start_revision=start, prev_kv=True
        ) as watch:
            async for batch in watch:
                for event in batch.events:
                    translated = _translate(req, options, event)
                    if translated is not None:
                        await response.write(_event(*translated, req, fmt))

    streaming = asyncio.ensure_future(stream())
    stopping = asyncio.ensure_future(req.shutdown.wait())
    try:
        await asyncio.wait(
            {streaming, stopping}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
        )
    finally:
        for task in (streaming, stopping):
            task.cancel()
        await asyncio.gather(streaming, stopping, return_exceptions=True)
    failure = None if streaming.cancelled() else streaming.exception()
    if isinstance(failure, ConnectionResetError):
        return response
    if failure is not None:
        await _write_error(response, _as_api_error(failure, requested))
    with contextlib.suppress(ConnectionResetError):
        await response.write_eof()
    return response


def _as_api_error(failure: BaseException, requested: int) -> APIError:
    """The Status an ended watch reports in its ERROR event; bugs propagate."""
    if isinstance(failure, CompactedError):
        return ExpiredError(f"too old resource version: {requested} ({failure.compact_revision})")
    if isinstance(failure, APIError):
        return failure
    if isinstance(failure, StorageError):
        return InternalError(f"watch failed: {failure}")
    raise failure


async def _write_error(response: web.StreamResponse, err: APIError) -> None:
    with contextlib.suppress(ConnectionResetError):
        await response.write(orjson.dumps({"type": "ERROR", "object": err.status}) + b"\n")

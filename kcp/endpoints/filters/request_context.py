"""The first filter: a request id, fresh log context, and one log line per request.

structlog's contextvars are cleared and `request_id`, `method` and `path` bound, so
every line logged while serving the request carries them; later filters and the API
handler bind the cluster, user, verb, resource, namespace and name as they learn
them. When the request ends, one "request" line is logged with the status code and
the latency, and with those request fields copied from the log context explicitly:
the line stands on its own even under a processor chain without
`merge_contextvars` (structlog's `capture_logs` in tests, a foreign formatter).

Mirrors the role of k8s.io/apiserver pkg/server/httplog (one line per request with
verb, URI, latency, user agent and response code), in structured form.
"""

from __future__ import annotations

import asyncio
import itertools
import secrets
import time
from typing import Any, Final

import structlog
from aiohttp import web
from aiohttp.typedefs import Handler

from kcp.observability import keys
from kcp.observability.logs import get_logger

__all__ = ["request_context"]

_log = get_logger("http")

# Request ids: a random per-process prefix and a counter. uuid4 per request cost a
# getrandom() call on the hot path; uniqueness within and across processes is kept.
_ID_PREFIX = secrets.token_hex(4)
_ID_COUNTER = itertools.count(1)


def _next_request_id() -> str:
    return f"{_ID_PREFIX}-{next(_ID_COUNTER):x}"


# Logged for requests whose client disconnected first (nginx's convention).
CLIENT_CLOSED_REQUEST: Final = 499
# Probes and scrapes are polled every few seconds; log them only at debug.
_QUIET_PREFIXES: Final = ("/livez", "/readyz", "/healthz", "/metrics")

# Fields the request line takes from the log context when bound and not empty.
_CONTEXT_FIELDS: Final = (
    keys.REQUEST_ID,
    keys.METHOD,
    keys.PATH,
    keys.CLUSTER,
    keys.USER,
    keys.VERB,
    keys.RESOURCE,
    keys.NAMESPACE,
    keys.NAME,
)


def _request_fields(status: int, elapsed_ms: float, user_agent: str) -> dict[str, Any]:
    bound = structlog.contextvars.get_contextvars()
    fields = {key: bound[key] for key in _CONTEXT_FIELDS if bound.get(key) not in (None, "")}
    fields[keys.STATUS] = status
    fields[keys.DURATION_MS] = elapsed_ms
    if user_agent:
        fields[keys.USER_AGENT] = user_agent
    return fields


@web.middleware
async def request_context(request: web.Request, handler: Handler) -> web.StreamResponse:
    structlog.contextvars.clear_contextvars()
    request_id = request.headers.get("X-Request-Id") or _next_request_id()
    structlog.contextvars.bind_contextvars(
        **{keys.REQUEST_ID: request_id, keys.METHOD: request.method, keys.PATH: request.path}
    )
    started = time.perf_counter()
    status = 500
    try:
        response = await handler(request)
        status = response.status
        return response
    except web.HTTPException as exc:
        status = exc.status
        raise
    except (asyncio.CancelledError, ConnectionResetError):
        # The client went away before an answer: nginx's 499, not a server error.
        status = CLIENT_CLOSED_REQUEST
        raise
    finally:
        elapsed_ms = round((time.perf_counter() - started) * 1000, 3)
        log = _log.debug if request.path.startswith(_QUIET_PREFIXES) else _log.info
        log("request", **_request_fields(status, elapsed_ms, request.headers.get("User-Agent", "")))

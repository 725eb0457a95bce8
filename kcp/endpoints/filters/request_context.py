"""The first filter: a request id, fresh log context, and one log line per request.

structlog's contextvars are cleared and `request_id`, `method` and `path` bound, so
every line logged while serving the request carries them; later filters bind the
cluster, user and verb as they learn them.
"""

from __future__ import annotations

import time
import uuid

import structlog
from aiohttp import web
from aiohttp.typedefs import Handler

from kcp.observability import keys
from kcp.observability.logs import get_logger

__all__ = ["request_context"]

_log = get_logger("http")

# Probes are polled every few seconds by load balancers; log them only at debug.
_QUIET_PREFIXES = ("/livez", "/readyz", "/healthz")


@web.middleware
async def request_context(request: web.Request, handler: Handler) -> web.StreamResponse:
    structlog.contextvars.clear_contextvars()
    request_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex
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
    finally:
        elapsed_ms = round((time.perf_counter() - started) * 1000, 3)
        log = _log.debug if request.path.startswith(_QUIET_PREFIXES) else _log.info
        log("request", **{keys.STATUS: status, keys.DURATION_MS: elapsed_ms})

"""The one renderer of errors: every APIError becomes a `kind: Status` JSON response.

Nothing else in the server writes an error body. Anything that is not an APIError
reaching the edge is a bug: it is logged with its traceback and answered as a 500
InternalError Status (never a traceback on the wire).
"""

from __future__ import annotations

import orjson
from aiohttp import web

from kcp.apimachinery.errors import APIError, InternalError, Status

__all__ = ["render", "render_status", "success_status"]


def render_status(status: Status, code: int, headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(
        body=orjson.dumps(status),
        status=code,
        content_type="application/json",
        headers=headers,
    )


def render(err: APIError) -> web.Response:
    headers = {}
    details = err.status.get("details") or {}
    retry = details.get("retryAfterSeconds")
    if retry:
        headers["Retry-After"] = str(retry)
    return render_status(err.status, err.code, headers)


def internal(why: str) -> web.Response:
    return render(InternalError(why))


def success_status(details: dict[str, object]) -> Status:
    """The Status a DELETE answers with when it does not return the object."""
    return {
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Success",
        "details": details,  # type: ignore[typeddict-item]
    }

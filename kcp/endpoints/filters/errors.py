"""The error filter: the only place an exception becomes an HTTP response.

APIErrors render as their Status. aiohttp's own HTTP exceptions (a body over the
size limit, an unroutable path) become the matching Status too, so a client never
sees aiohttp's text pages. Anything else is a bug: logged with its traceback and
answered as a 500 InternalError Status without the details.
"""

from __future__ import annotations

import asyncio

from aiohttp import web
from aiohttp.typedefs import Handler

from kcp.apimachinery.errors import (
    APIError,
    BadRequestError,
    InternalError,
    NotFoundError,
    RequestEntityTooLargeError,
)
from kcp.endpoints.limits import MAX_REQUEST_BODY_BYTES
from kcp.endpoints.status import render
from kcp.observability.logs import get_logger

__all__ = ["errors"]

_log = get_logger("http")


def _from_http(exc: web.HTTPException) -> APIError:
    if isinstance(exc, web.HTTPRequestEntityTooLarge):
        return RequestEntityTooLargeError(MAX_REQUEST_BODY_BYTES)
    if isinstance(exc, web.HTTPNotFound):
        return NotFoundError.plain()
    if exc.status < 500:
        err = BadRequestError(exc.reason)
        err.code = exc.status
        return err
    return InternalError(exc.reason)


@web.middleware
async def errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except APIError as err:
        return render(err)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        return render(_from_http(exc))
    except (asyncio.CancelledError, ConnectionResetError):
        raise
    except Exception:  # noqa: BLE001 - the edge turns every bug into a 500 Status
        _log.exception("unhandled error while serving the request")
        return render(InternalError("an unexpected error occurred; see the server log"))

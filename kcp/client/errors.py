"""Typed errors rebuilt from the Status bodies the server answers with.

A client sees the same `APIError` subclasses the server raised (by Status reason),
with the server's message and details, so `except NotFoundError` works on both sides
of the wire (kopf's errors.py does the same).
"""

from __future__ import annotations

from kcp.apimachinery import errors
from kcp.apimachinery.unstructured import JSON

__all__ = ["error_from_status"]

_BY_REASON: dict[str, type[errors.APIError]] = {
    cls.reason: cls
    for cls in (
        errors.BadRequestError,
        errors.UnauthorizedError,
        errors.ForbiddenError,
        errors.NotFoundError,
        errors.MethodNotSupportedError,
        errors.NotAcceptableError,
        errors.AlreadyExistsError,
        errors.ConflictError,
        errors.ExpiredError,
        errors.GoneError,
        errors.RequestEntityTooLargeError,
        errors.UnsupportedMediaTypeError,
        errors.InvalidError,
        errors.TooManyRequestsError,
        errors.InternalError,
        errors.ServerTimeoutError,
        errors.ServiceUnavailableError,
        errors.RequestTimeoutError,
    )
}


def error_from_status(code: int, body: JSON) -> errors.APIError:
    """The APIError a response carried; a non-Status error body becomes a generic one."""
    if isinstance(body, dict) and body.get("kind") == "Status":
        cls = _BY_REASON.get(str(body.get("reason", "")), errors.APIError)
        err = cls.__new__(cls)
        errors.APIError.__init__(err, str(body.get("message", "")), body.get("details") or None)
    else:
        err = errors.APIError.__new__(errors.APIError)
        errors.APIError.__init__(err, f"unexpected response {code}: {str(body)[:200]}")
    err.code = code
    if cls_reason := (body.get("reason") if isinstance(body, dict) else None):
        err.reason = str(cls_reason)
    return err

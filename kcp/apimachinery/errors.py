"""API errors: each one a `Status` with an upstream reason, raised below the HTTP edge.

Every failure a client can see is one of these. They are raised anywhere under
`kcp.endpoints` and rendered into a `kind: Status` body exactly once, at the edge.
Constructors take what upstream's constructors take (k8s.io/apimachinery
pkg/api/errors/errors.go: `NewNotFound(qualifiedResource, name)` and friends), so
messages and `details` match a real kube-apiserver byte for byte.

    APIError (carries .status, a Status dict, and .code)
    ├── BadRequestError               400 BadRequest
    ├── UnauthorizedError             401 Unauthorized
    ├── ForbiddenError                403 Forbidden
    ├── NotFoundError                 404 NotFound
    ├── MethodNotSupportedError       405 MethodNotAllowed
    ├── NotAcceptableError            406 NotAcceptable
    ├── AlreadyExistsError            409 AlreadyExists
    ├── ConflictError                 409 Conflict
    ├── ExpiredError                  410 Expired
    ├── GoneError                     410 Gone
    ├── RequestEntityTooLargeError    413 RequestEntityTooLarge
    ├── UnsupportedMediaTypeError     415 UnsupportedMediaType
    ├── InvalidError                  422 Invalid (with field causes)
    ├── TooManyRequestsError          429 TooManyRequests
    ├── InternalError                 500 InternalError
    ├── ServerTimeoutError            500 ServerTimeout
    ├── ServiceUnavailableError       503 ServiceUnavailable
    └── RequestTimeoutError           504 Timeout
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

__all__ = [
    "OPTIMISTIC_LOCK_MESSAGE",
    "APIError",
    "AlreadyExistsError",
    "BadRequestError",
    "ConflictError",
    "ExpiredError",
    "FieldError",
    "ForbiddenError",
    "GoneError",
    "GroupKind",
    "GroupResource",
    "InternalError",
    "InvalidError",
    "MethodNotSupportedError",
    "NotAcceptableError",
    "NotFoundError",
    "RequestEntityTooLargeError",
    "RequestTimeoutError",
    "ServerTimeoutError",
    "ServiceUnavailableError",
    "Status",
    "StatusCause",
    "StatusDetails",
    "TooManyRequestsError",
    "UnauthorizedError",
    "UnsupportedMediaTypeError",
]

# The message of a Conflict caused by a stale resourceVersion (registry/generic/registry).
OPTIMISTIC_LOCK_MESSAGE = (
    "the object has been modified; please apply your changes to the latest version and try again"
)


@dataclass(frozen=True, slots=True)
class GroupResource:
    group: str
    resource: str

    def __str__(self) -> str:
        return f"{self.resource}.{self.group}" if self.group else self.resource


@dataclass(frozen=True, slots=True)
class GroupKind:
    group: str
    kind: str

    def __str__(self) -> str:
        return f"{self.kind}.{self.group}" if self.group else self.kind


class StatusCause(TypedDict, total=False):
    reason: str
    message: str
    field: str


class StatusDetails(TypedDict, total=False):
    name: str
    group: str
    kind: str
    uid: str
    causes: list[StatusCause]
    retryAfterSeconds: int


class Status(TypedDict, total=False):
    kind: str
    apiVersion: str
    metadata: dict[str, Any]
    status: str
    message: str
    reason: str
    details: StatusDetails
    code: int


# field.ErrorType values: the cause reason and the words of the message.
_FIELD_ERROR_WORDS = {
    "FieldValueNotFound": "Not found",
    "FieldValueRequired": "Required value",
    "FieldValueDuplicate": "Duplicate value",
    "FieldValueInvalid": "Invalid value",
    "FieldValueNotSupported": "Unsupported value",
    "FieldValueForbidden": "Forbidden",
    "FieldValueTooLong": "Too long",
    "FieldValueTooMany": "Too many",
    "InternalError": "Internal error",
    "FieldValueTypeInvalid": "Invalid value",
}

_NO_VALUE = object()


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem with one field (k8s.io/apimachinery pkg/util/validation/field.Error).

    `type` is the cause reason (`FieldValueInvalid`, `FieldValueRequired`, ...);
    `bad_value` is shown in the message when given.
    """

    type: str
    field: str
    detail: str = ""
    bad_value: object = _NO_VALUE

    @classmethod
    def required(cls, field: str, detail: str = "") -> FieldError:
        return cls("FieldValueRequired", field, detail)

    @classmethod
    def invalid(cls, field: str, value: object, detail: str) -> FieldError:
        return cls("FieldValueInvalid", field, detail, value)

    @classmethod
    def forbidden(cls, field: str, detail: str) -> FieldError:
        return cls("FieldValueForbidden", field, detail)

    @classmethod
    def not_supported(cls, field: str, value: object, valid: Sequence[str]) -> FieldError:
        quoted = ", ".join(f'"{v}"' for v in valid)
        return cls("FieldValueNotSupported", field, f"supported values: {quoted}", value)

    @classmethod
    def duplicate(cls, field: str, value: object) -> FieldError:
        return cls("FieldValueDuplicate", field, "", value)

    @classmethod
    def too_long(cls, field: str, value: object, limit: int) -> FieldError:
        return cls("FieldValueTooLong", field, f"may not be more than {limit} bytes", value)

    def body(self) -> str:
        """The message without the field path, as StatusCause.message carries it."""
        words = _FIELD_ERROR_WORDS.get(self.type, self.type)
        if self.type in ("FieldValueRequired", "FieldValueForbidden", "FieldValueTooLong") or (
            self.bad_value is _NO_VALUE
        ):
            text = words
        else:
            text = f"{words}: {_render_value(self.bad_value)}"
        return f"{text}: {self.detail}" if self.detail else text

    def __str__(self) -> str:
        return f"{self.field}: {self.body()}" if self.field else self.body()

    def cause(self) -> StatusCause:
        return {"reason": self.type, "message": self.body(), "field": self.field}


def _render_value(value: object) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return str(value)
    return repr(value)


class APIError(Exception):
    """An error with a Kubernetes `Status`; the edge renders `.status` with `.code`."""

    reason = "Unknown"
    code = 500

    def __init__(self, message: str, details: StatusDetails | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    @property
    def status(self) -> Status:
        status: Status = {
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": self.message,
            "reason": self.reason,
            "code": self.code,
        }
        if self.details:
            status["details"] = self.details
        return status


def _resource_details(qualified: GroupResource, name: str) -> StatusDetails:
    details: StatusDetails = {}
    if name:
        details["name"] = name
    if qualified.group:
        details["group"] = qualified.group
    details["kind"] = qualified.resource
    return details


class BadRequestError(APIError):
    reason, code = "BadRequest", 400


class UnauthorizedError(APIError):
    reason, code = "Unauthorized", 401

    def __init__(self, message: str = "Unauthorized") -> None:
        super().__init__(message)


class ForbiddenError(APIError):
    reason, code = "Forbidden", 403

    def __init__(
        self,
        qualified: GroupResource,
        name: str,
        why: str,
        causes: Sequence[StatusCause] = (),
    ) -> None:
        target = f'{qualified} "{name}"' if name else str(qualified)
        details = _resource_details(qualified, name)
        if causes:
            details["causes"] = list(causes)
        super().__init__(f"{target} is forbidden: {why}", details)


class NotFoundError(APIError):
    reason, code = "NotFound", 404

    def __init__(self, qualified: GroupResource, name: str) -> None:
        super().__init__(f'{qualified} "{name}" not found', _resource_details(qualified, name))

    @classmethod
    def plain(cls, message: str = "the server could not find the requested resource") -> APIError:
        """A 404 with no resource attached (unknown paths and resources)."""
        err = APIError.__new__(cls)
        APIError.__init__(err, message, {})
        return err


class MethodNotSupportedError(APIError):
    reason, code = "MethodNotAllowed", 405

    def __init__(self, qualified: GroupResource, action: str) -> None:
        super().__init__(
            f'{action} is not supported on resources of kind "{qualified}"',
            _resource_details(qualified, ""),
        )


class NotAcceptableError(APIError):
    reason, code = "NotAcceptable", 406

    def __init__(self, accepted: Sequence[str]) -> None:
        super().__init__("only the following media types are accepted: " + ", ".join(accepted))


class AlreadyExistsError(APIError):
    reason, code = "AlreadyExists", 409

    def __init__(self, qualified: GroupResource, name: str) -> None:
        super().__init__(f'{qualified} "{name}" already exists', _resource_details(qualified, name))


class ConflictError(APIError):
    reason, code = "Conflict", 409

    def __init__(self, qualified: GroupResource, name: str, why: str) -> None:
        super().__init__(
            f'Operation cannot be fulfilled on {qualified} "{name}": {why}',
            _resource_details(qualified, name),
        )


class ExpiredError(APIError):
    """410 with reason Expired: a resourceVersion or continue token is too old."""

    reason, code = "Expired", 410


class GoneError(APIError):
    reason, code = "Gone", 410


class RequestEntityTooLargeError(APIError):
    reason, code = "RequestEntityTooLarge", 413

    def __init__(self, limit: int) -> None:
        super().__init__(f"Request entity too large: limit is {limit}")


class UnsupportedMediaTypeError(APIError):
    reason, code = "UnsupportedMediaType", 415

    def __init__(self, content_type: str, accepted: Sequence[str]) -> None:
        super().__init__(
            f"the body of the request was in an unknown format - accepted media types "
            f"include: {', '.join(accepted)}"
            if content_type
            else "the body of the request was in an unknown format"
        )
        self.content_type = content_type


class InvalidError(APIError):
    reason, code = "Invalid", 422

    def __init__(self, qualified: GroupKind, name: str, errors: Sequence[FieldError]) -> None:
        if len(errors) == 1:
            summary = str(errors[0])
        else:
            summary = "[" + ", ".join(str(e) for e in errors) + "]"
        details: StatusDetails = {}
        if name:
            details["name"] = name
        if qualified.group:
            details["group"] = qualified.group
        details["kind"] = qualified.kind
        details["causes"] = [e.cause() for e in errors]
        super().__init__(f'{qualified} "{name}" is invalid: {summary}', details)
        self.errors = tuple(errors)


class TooManyRequestsError(APIError):
    reason, code = "TooManyRequests", 429


class InternalError(APIError):
    reason, code = "InternalError", 500

    def __init__(self, why: str) -> None:
        super().__init__(f"Internal error occurred: {why}", {"causes": [{"message": why}]})


class ServerTimeoutError(APIError):
    reason, code = "ServerTimeout", 500


class ServiceUnavailableError(APIError):
    reason, code = "ServiceUnavailable", 503


class RequestTimeoutError(APIError):
    reason, code = "Timeout", 504

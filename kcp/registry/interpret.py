"""Storage errors interpreted as API errors, with the resource and name they concern.

Mirrors k8s.io/apiserver pkg/storage/errors/storage.go. Verb-specific meanings
(KeyExists on create is AlreadyExists; a revision mismatch on update is a Conflict)
are decided where the verb is known, in the Store; this maps what is left.
"""

from __future__ import annotations

from kcp.apimachinery.errors import (
    APIError,
    ExpiredError,
    InternalError,
    RequestEntityTooLargeError,
    RequestTimeoutError,
    ServiceUnavailableError,
)
from kcp.registry.resource import ResourceDefinition
from kcp.storage.errors import (
    CompactedError,
    FutureRevisionError,
    StorageError,
    StorageUnavailableError,
    ValueTooLargeError,
)

__all__ = ["storage_error", "too_large_resource_version"]


def too_large_resource_version(requested: int, current: int) -> APIError:
    return RequestTimeoutError(
        f"Too large resource version: {requested}, current: {current}",
        {
            "causes": [
                {"reason": "ResourceVersionTooLarge", "message": "Too large resource version"}
            ],
            "retryAfterSeconds": 1,
        },
    )


def storage_error(err: StorageError, definition: ResourceDefinition, name: str) -> APIError:
    if isinstance(err, CompactedError):
        return ExpiredError(
            f"too old resource version: {err.requested_revision} ({err.compact_revision})"
        )
    if isinstance(err, FutureRevisionError):
        return too_large_resource_version(err.requested_revision, err.current_revision)
    if isinstance(err, ValueTooLargeError):
        return RequestEntityTooLargeError(err.limit)
    if isinstance(err, StorageUnavailableError):
        return ServiceUnavailableError("the server is currently unable to handle the request")
    return InternalError(f"storage failed on {definition.group_resource} {name!r}: {err}")

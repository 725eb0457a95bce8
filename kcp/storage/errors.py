"""Storage errors: what can go wrong at the revisioned key-value contract.

These know keys and revisions only, nothing of Kubernetes resources or HTTP. The
registry interprets them per verb (a `KeyExistsError` on create becomes an
AlreadyExists API error, a `RevisionMismatchError` on update a Conflict, a
`CompactedError` on list or watch an Expired/Gone), mirroring
k8s.io/apiserver pkg/storage/errors.go. Every backend raises exactly these types.

    StorageError
    ├── KeyExistsError            create-if-absent found the key present
    ├── KeyNotFoundError          update/delete-if-unchanged found no key
    ├── RevisionMismatchError     update/delete-if-unchanged found another mod_revision
    ├── CompactedError            read or watch below the compacted revision
    ├── FutureRevisionError       read or watch above the current revision
    ├── ValueTooLargeError        a request over the backend's size limit
    ├── StorageUnavailableError   the backend cannot be reached or timed out
    ├── StorageClosedError        the backend was closed by its owner
    └── InvalidRequestError       a malformed request (empty key, bad range, negative limit)
"""

from __future__ import annotations

__all__ = [
    "CompactedError",
    "FutureRevisionError",
    "InvalidRequestError",
    "KeyExistsError",
    "KeyNotFoundError",
    "RevisionMismatchError",
    "StorageClosedError",
    "StorageError",
    "StorageUnavailableError",
    "ValueTooLargeError",
]


class StorageError(Exception):
    """Base of every error the storage contract raises."""


class KeyExistsError(StorageError):
    """A create-if-absent found the key already present."""

    def __init__(self, key: str, mod_revision: int) -> None:
        super().__init__(f"key exists: {key!r} (mod_revision {mod_revision})")
        self.key = key
        self.mod_revision = mod_revision


class KeyNotFoundError(StorageError):
    """An update- or delete-if-unchanged found no live key."""

    def __init__(self, key: str) -> None:
        super().__init__(f"key not found: {key!r}")
        self.key = key


class RevisionMismatchError(StorageError):
    """An update- or delete-if-unchanged found the key at another mod_revision.

    `actual_mod_revision` is the key's current mod_revision, so a caller can tell a
    stale write from a missing key and re-read cheaply.
    """

    def __init__(self, key: str, expected_mod_revision: int, actual_mod_revision: int) -> None:
        super().__init__(
            f"revision mismatch on {key!r}: expected mod_revision {expected_mod_revision}, "
            f"found {actual_mod_revision}"
        )
        self.key = key
        self.expected_mod_revision = expected_mod_revision
        self.actual_mod_revision = actual_mod_revision


class CompactedError(StorageError):
    """The requested revision is older than the compacted revision.

    `compact_revision` is the oldest revision still readable: a caller that relists
    starts there or later.
    """

    def __init__(self, requested_revision: int, compact_revision: int) -> None:
        super().__init__(
            f"required revision {requested_revision} has been compacted "
            f"(oldest available revision is {compact_revision})"
        )
        self.requested_revision = requested_revision
        self.compact_revision = compact_revision


class FutureRevisionError(StorageError):
    """The requested revision is newer than the store's current revision."""

    def __init__(self, requested_revision: int, current_revision: int) -> None:
        super().__init__(
            f"required revision {requested_revision} is a future revision "
            f"(current revision is {current_revision})"
        )
        self.requested_revision = requested_revision
        self.current_revision = current_revision


class ValueTooLargeError(StorageError):
    """A write exceeded the backend's request size limit (etcd: 1.5 MiB by default)."""

    def __init__(self, key: str, size: int, limit: int) -> None:
        super().__init__(f"request for {key!r} is {size} bytes, over the limit of {limit} bytes")
        self.key = key
        self.size = size
        self.limit = limit


class StorageUnavailableError(StorageError):
    """The backend could not be reached, or did not answer in time.

    The outcome of a write that raised this is unknown: it may or may not have been
    applied. Callers re-read before retrying a conditional write.
    """


class StorageClosedError(StorageError):
    """The backend was closed; no further calls are served."""


class InvalidRequestError(StorageError):
    """The request itself is malformed (empty key, inverted range, negative limit)."""

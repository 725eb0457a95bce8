"""The storage contract: a revisioned key-value store with etcd v3's semantics.

Everything above `kcp.storage` talks to storage through `Storage`, and two backends
fulfil it: `kcp.storage.etcd` (a real etcd v3 cluster over gRPC) and
`kcp.storage.embedded` (SQLite in one process). One conformance suite,
tests/storage/test_contract_*.py, holds both to the rules written here; where a rule
below says "as etcd", the suite checks the embedded store against what a real etcd
does. The shape follows k8s.io/apiserver pkg/storage/interfaces.go in spirit, but
stays one level lower (keys and bytes, not objects), as etcd's own KV/Watch API is.

The rules:

* **Keys** are non-empty `str`s compared by their UTF-8 bytes, which for `str` is code
  point order. Values are `bytes`.
* **Revision.** One global revision counts committed writes. It starts at 1 for an
  empty store and grows by exactly one per transaction that changes at least one key;
  a transaction that changes nothing (a failed compare with read-only ops, a delete of
  an absent key) leaves it unchanged. All keys written by one transaction share its
  revision as their `mod_revision`.
* **KeyValue.** `create_revision` is the revision that created the key's current
  incarnation, `mod_revision` the revision of its last change, `version` the number of
  changes since creation (1 after create). A deleted and recreated key starts over.
* **range(key, end)** reads one key (`end is None`), or every key in `[key, end)`;
  `end == RANGE_ALL` means every key >= `key`. Results are sorted by key. `limit > 0`
  caps the number of kvs; `count` is always the number of keys in the whole range and
  `more` says whether keys beyond the limit exist. `revision > 0` reads the store as it
  was at that revision (`CompactedError` if compacted, `FutureRevisionError` if above
  the current revision). `keys_only` returns empty values; `count_only` returns no kvs.
  `RangeResult.revision` is the store's current revision when the read was served
  (etcd's header revision), even when reading at an older revision.
* **txn(compares, success, failure)** evaluates every compare against the current
  state; if all hold it applies `success`, else `failure`, atomically. A compare on an
  absent key sees 0 for every revision target and version. Each op yields one result,
  in order: `Get` the kv at read time; `Put(prev_kv=True)` and `Delete` the kv before
  the op (None if absent); `Put(prev_kv=False)` None. `TxnResult.revision` is the
  store revision after the transaction.
* **watch(key, end, start_revision=...)** streams every change in the range with
  revision >= `start_revision`, in revision order, without gaps or duplicates, grouped
  in `WatchResponse`s (events of one revision are never split across responses).
  `start_revision == 0` means "changes after the revision current when the watch was
  established" (on `__aenter__`). A `start_revision` below the compacted revision
  raises `CompactedError` from iteration (a watch from exactly the compacted revision
  works, as etcd); so does a watcher that fell behind a compaction. As etcd, a delete
  at exactly the compacted revision is not replayed (etcd #19179). A DELETE event's
  `kv` has the deleted key, an empty value and the delete's revision as
  `mod_revision` (create_revision and version 0, as etcd); `prev_kv`, when asked for,
  is the kv before the change. With `progress_notify`, the
  stream also yields empty responses carrying the store revision; `request_progress()`
  asks for one now. Backends reconnect their watches by themselves and resume after
  the last revision delivered; a consumer never sees a gap or a duplicate.
* **compact(revision)** discards history older than `revision`. Afterwards reads and
  watches at revisions below it raise `CompactedError`; the current state is kept.
  Compacting at or below the already compacted revision raises `CompactedError`;
  above the current revision `FutureRevisionError`.
* **Errors** are the types in `kcp.storage.errors`, and nothing else: a backend that
  cannot be reached raises `StorageUnavailableError` promptly rather than hanging; a
  write above `max_request_bytes` raises `ValueTooLargeError`.
"""

from __future__ import annotations

import enum
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import NamedTuple, Protocol, Self

__all__ = [
    "DEFAULT_MAX_REQUEST_BYTES",
    "RANGE_ALL",
    "Compare",
    "CompareOp",
    "CompareTarget",
    "Delete",
    "Event",
    "EventType",
    "Get",
    "KeyValue",
    "Put",
    "RangeResult",
    "Storage",
    "TxnOp",
    "TxnResult",
    "WatchResponse",
    "WatchStream",
    "prefix_end",
]

# etcd's default --max-request-bytes. The embedded store enforces the same bound so a
# value that fits one backend fits the other.
DEFAULT_MAX_REQUEST_BYTES = 1536 * 1024

# As etcd's range_end "\0": the range extends to the end of the keyspace.
RANGE_ALL = "\0"


def prefix_end(prefix: str) -> str:
    """The exclusive end of the range of keys that start with `prefix`.

    The last code point that can be incremented is incremented and the rest dropped,
    as etcd's clientv3.GetPrefixRangeEnd does for bytes. An empty prefix, or one made
    only of the highest code point, ranges over the whole keyspace (`RANGE_ALL`).
    """
    chars = list(prefix)
    while chars:
        last = ord(chars[-1])
        if last < 0x10FFFF:
            nxt = last + 1
            # Surrogates are not valid in UTF-8; step over them.
            if 0xD800 <= nxt <= 0xDFFF:
                nxt = 0xE000
            chars[-1] = chr(nxt)
            return "".join(chars)
        chars.pop()
    return RANGE_ALL


class KeyValue(NamedTuple):
    """One key as stored at one revision.

    A NamedTuple rather than a frozen dataclass: lists build thousands of these per
    call, and a tuple is about four times cheaper to construct.
    """

    key: str
    value: bytes
    create_revision: int
    mod_revision: int
    version: int


@dataclass(frozen=True, slots=True)
class RangeResult:
    """The answer to `Storage.range`."""

    kvs: tuple[KeyValue, ...]
    count: int
    more: bool
    revision: int


class CompareTarget(enum.Enum):
    """Which number of a key a `Compare` looks at."""

    MOD = "mod_revision"
    CREATE = "create_revision"
    VERSION = "version"


class CompareOp(enum.Enum):
    EQUAL = "="
    NOT_EQUAL = "!="
    LESS = "<"
    GREATER = ">"


@dataclass(frozen=True, slots=True)
class Compare:
    """A condition on one key: `target(key) op value`. Absent keys read as 0."""

    key: str
    target: CompareTarget
    op: CompareOp
    value: int

    @classmethod
    def absent(cls, key: str) -> Compare:
        return cls(key, CompareTarget.CREATE, CompareOp.EQUAL, 0)

    @classmethod
    def unchanged(cls, key: str, mod_revision: int) -> Compare:
        return cls(key, CompareTarget.MOD, CompareOp.EQUAL, mod_revision)

    def holds_for(self, kv: KeyValue | None) -> bool:
        """Evaluate this compare against a key's current state (None: absent)."""
        if kv is None:
            actual = 0
        elif self.target is CompareTarget.MOD:
            actual = kv.mod_revision
        elif self.target is CompareTarget.CREATE:
            actual = kv.create_revision
        else:
            actual = kv.version
        if self.op is CompareOp.EQUAL:
            return actual == self.value
        if self.op is CompareOp.NOT_EQUAL:
            return actual != self.value
        if self.op is CompareOp.LESS:
            return actual < self.value
        return actual > self.value


@dataclass(frozen=True, slots=True)
class Put:
    key: str
    value: bytes
    prev_kv: bool = False


@dataclass(frozen=True, slots=True)
class Delete:
    """Delete one key (absent keys are no change)."""

    key: str


@dataclass(frozen=True, slots=True)
class Get:
    key: str


TxnOp = Put | Delete | Get


@dataclass(frozen=True, slots=True)
class TxnResult:
    succeeded: bool
    revision: int
    results: tuple[KeyValue | None, ...]


class EventType(enum.Enum):
    PUT = "PUT"
    DELETE = "DELETE"


@dataclass(frozen=True, slots=True)
class Event:
    type: EventType
    kv: KeyValue
    prev_kv: KeyValue | None = None


@dataclass(frozen=True, slots=True)
class WatchResponse:
    """A batch of events in revision order, or a progress notification.

    For a progress notification `events` is empty and `revision` is the store revision
    the backend reported. For a batch, `revision` is the highest `mod_revision` in it.
    """

    events: tuple[Event, ...]
    revision: int

    @property
    def is_progress_notify(self) -> bool:
        return not self.events


class WatchStream(Protocol):
    """An established watch: an async context manager and an async iterator.

    ``async with storage.watch(...) as stream: async for resp in stream: ...``
    Leaving the block, or `close()`, cancels the watch; iteration then ends.
    """

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def __aiter__(self) -> AsyncIterator[WatchResponse]: ...

    async def request_progress(self) -> None:
        """Ask for a progress notification on this stream."""
        ...

    async def close(self) -> None: ...


class Storage(Protocol):
    """The revisioned key-value contract; see the module docstring for its rules."""

    @property
    def max_request_bytes(self) -> int:
        """The largest key plus value a single write may carry."""
        ...

    async def current_revision(self) -> int:
        """The store's current revision. Raises StorageUnavailableError when unreachable."""
        ...

    async def range(
        self,
        key: str,
        end: str | None = None,
        *,
        revision: int = 0,
        limit: int = 0,
        keys_only: bool = False,
        count_only: bool = False,
    ) -> RangeResult:
        """Read one key or a range; raises CompactedError, FutureRevisionError."""
        ...

    async def txn(
        self,
        compares: Sequence[Compare],
        success: Sequence[TxnOp],
        failure: Sequence[TxnOp] = (),
    ) -> TxnResult:
        """Apply `success` if every compare holds, else `failure`, atomically.

        Raises ValueTooLargeError for an oversized write and StorageUnavailableError
        when the outcome is unknown.
        """
        ...

    def watch(
        self,
        key: str,
        end: str | None = None,
        *,
        start_revision: int = 0,
        prev_kv: bool = False,
        progress_notify: bool = False,
    ) -> WatchStream:
        """A watch of one key or a range, established on `__aenter__`."""
        ...

    async def compact(self, revision: int) -> None:
        """Discard history older than `revision`."""
        ...

    async def close(self) -> None:
        """Release connections and files and end open watches.

        Idempotent; every other call afterwards raises StorageClosedError.
        """
        ...

"""A `Storage` decorator that times every call into etcd_request_duration_seconds.

What it is: a wrapper around any backend that records, per call, the latency, the
count and the failures in `kcp.observability.metrics.Metrics`, labelled with the
operation (the contract's method: range, txn, watch, compact, current_revision)
and the group and resource read from the key. It changes no result and no error,
and watch streams pass through: only establishing a watch (`__aenter__`) is timed,
its events go from the backend to the consumer untouched.

What it is not: a cache or a retry layer; nothing here alters semantics, so the
contract suite's rules hold through it unchanged.

Mirrors k8s.io/apiserver pkg/storage/etcd3/metrics RecordEtcdRequest, whose labels
are (operation, group, resource). Keys follow kcp.storage.keys' layout,
`/<group or "core">/<resource>/...`; a key outside it (a whole-keyspace range, a
compaction) is labelled with empty group and resource. Logical clusters,
namespaces and names, which come after the resource in a key, never reach a label.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Final, Self

from kcp.observability.metrics import Metrics
from kcp.storage.interface import (
    Compare,
    RangeResult,
    Storage,
    TxnOp,
    TxnResult,
    WatchResponse,
    WatchStream,
)

__all__ = ["InstrumentedStorage", "group_resource"]

# The first key segment of the core ("") group in kcp.storage.keys.
_CORE_SEGMENT: Final = "core"


def group_resource(key: str) -> tuple[str, str]:
    """(group, resource) of a key or key prefix; ("", "") if it has no such shape."""
    parts = key.split("/", 3)
    if len(parts) < 3 or parts[0] or not parts[1] or not parts[2]:
        return ("", "")
    group = "" if parts[1] == _CORE_SEGMENT else parts[1]
    return (group, parts[2])


def _txn_key(
    compares: Sequence[Compare], success: Sequence[TxnOp], failure: Sequence[TxnOp]
) -> str:
    """The key a transaction is about: its first op's, else its first compare's."""
    ops = (*success, *failure)
    if ops:
        return ops[0].key
    return compares[0].key if compares else ""


class InstrumentedStorage:
    """Wraps a `Storage`, recording every call's latency and outcome in `metrics`."""

    def __init__(self, inner: Storage, metrics: Metrics) -> None:
        self.inner = inner
        self._metrics = metrics

    def _observe(self, operation: str, key: str, started: float, *, failed: bool) -> None:
        group, resource = group_resource(key)
        elapsed = time.perf_counter() - started
        self._metrics.observe_storage(operation, group, resource, elapsed, failed=failed)

    @property
    def max_request_bytes(self) -> int:
        return self.inner.max_request_bytes

    async def current_revision(self) -> int:
        started = time.perf_counter()
        try:
            revision = await self.inner.current_revision()
        except Exception:
            self._observe("current_revision", "", started, failed=True)
            raise
        self._observe("current_revision", "", started, failed=False)
        return revision

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
        started = time.perf_counter()
        try:
            result = await self.inner.range(
                key,
                end,
                revision=revision,
                limit=limit,
                keys_only=keys_only,
                count_only=count_only,
            )
        except Exception:
            self._observe("range", key, started, failed=True)
            raise
        self._observe("range", key, started, failed=False)
        return result

    async def txn(
        self,
        compares: Sequence[Compare],
        success: Sequence[TxnOp],
        failure: Sequence[TxnOp] = (),
    ) -> TxnResult:
        key = _txn_key(compares, success, failure)
        started = time.perf_counter()
        try:
            result = await self.inner.txn(compares, success, failure)
        except Exception:
            self._observe("txn", key, started, failed=True)
            raise
        # A failed compare is an answer, not an error (etcd reports it the same way).
        self._observe("txn", key, started, failed=False)
        return result

    def watch(
        self,
        key: str,
        end: str | None = None,
        *,
        start_revision: int = 0,
        prev_kv: bool = False,
        progress_notify: bool = False,
    ) -> WatchStream:
        started = time.perf_counter()
        try:
            stream = self.inner.watch(
                key,
                end,
                start_revision=start_revision,
                prev_kv=prev_kv,
                progress_notify=progress_notify,
            )
        except Exception:
            self._observe("watch", key, started, failed=True)
            raise
        return _TimedWatch(stream, self, key)

    async def compact(self, revision: int) -> None:
        started = time.perf_counter()
        try:
            await self.inner.compact(revision)
        except Exception:
            self._observe("compact", "", started, failed=True)
            raise
        self._observe("compact", "", started, failed=False)

    async def close(self) -> None:
        await self.inner.close()


class _TimedWatch:
    """A watch stream whose establishment is timed; iteration is the backend's own."""

    def __init__(self, inner: WatchStream, storage: InstrumentedStorage, key: str) -> None:
        self._inner = inner
        self._storage = storage
        self._key = key

    async def __aenter__(self) -> Self:
        started = time.perf_counter()
        try:
            await self._inner.__aenter__()
        except Exception:
            self._storage._observe("watch", self._key, started, failed=True)
            raise
        self._storage._observe("watch", self._key, started, failed=False)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._inner.__aexit__(exc_type, exc, tb)

    def __aiter__(self) -> AsyncIterator[WatchResponse]:
        return self._inner.__aiter__()

    async def request_progress(self) -> None:
        await self._inner.request_progress()

    async def close(self) -> None:
        await self._inner.close()


if TYPE_CHECKING:
    _conforms: type[Storage] = InstrumentedStorage
    _stream_conforms: type[WatchStream] = _TimedWatch

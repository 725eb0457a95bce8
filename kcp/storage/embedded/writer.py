"""The writer thread: every transaction and compaction, in order, with group commit.

One thread owns the only writing connection, so transactions are serialised without
locks and each sees the state the previous one left. The loop puts requests on a
queue; the thread takes whatever has piled up (up to a bound) and applies it as one
SQLite transaction and one fsync, a *group commit*: each transaction still gets its
own compare evaluation and its own revision, in queue order, and only the durable
write is shared. Under load a group grows while the previous one is fsyncing, so the
fsync cost is spread over many writers without any timer; alone, a write pays one
fsync and no wait.

After a group commits, one callback on the loop first announces it (the new revision
and the group's events, which synced watchers take without reading SQLite), then
settles each caller's future. A caller that sees its revision R therefore finds
`current_revision() >= R`, and a watcher caught up to R-1 already has R's events.

Compaction requests go through the same queue, so they are ordered with writes; the
garbage they leave is then deleted in bounded chunks (kcp.storage.embedded.statemachine)
whenever the queue is empty, and after each group while there is a backlog, so a
large compaction never stalls writers.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import queue
import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from kcp.storage.embedded import schema, statemachine, threads
from kcp.storage.errors import CompactedError, FutureRevisionError, StorageUnavailableError
from kcp.storage.interface import Compare, Event, TxnOp, TxnResult

__all__ = ["Commit", "Writer"]

# A group is cut at this many transactions or bytes of values, whichever comes first:
# enough to amortise one fsync over a burst, small enough that the first writer of a
# group does not wait long for the last one to be applied.
MAX_GROUP_TXNS = 256
MAX_GROUP_BYTES = 16 * 1024 * 1024

_Settle = Callable[[], None]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Commit:
    """What the writer announces to the loop after each unit of work.

    `events` are those of revisions `before + 1 .. head`, in order, with `prev_kv`
    always filled (watchers that did not ask for it drop it).
    """

    before: int
    head: int
    compacted: int
    events: tuple[Event, ...]


@dataclass(frozen=True, slots=True)
class _Txn:
    compares: Sequence[Compare]
    success: Sequence[TxnOp]
    failure: Sequence[TxnOp]
    size: int
    future: asyncio.Future[TxnResult]


@dataclass(frozen=True, slots=True)
class _Compact:
    revision: int
    future: asyncio.Future[None]


_Request = _Txn | _Compact | None  # None stops the thread


class Writer:
    """The writing thread of one store; see the module docstring."""

    def __init__(
        self,
        path: Path,
        *,
        synchronous: schema.Synchronous,
        loop: asyncio.AbstractEventLoop,
        on_commit: Callable[[Commit], None],
    ) -> None:
        self._path = path
        self._synchronous: schema.Synchronous = synchronous
        self._loop = loop
        self._on_commit = on_commit
        self._queue: queue.SimpleQueue[_Request] = queue.SimpleQueue()
        self._ready: asyncio.Future[schema.StoredState] = loop.create_future()
        self._stopped: asyncio.Future[None] = loop.create_future()
        self._broken: StorageUnavailableError | None = None
        self._thread = threading.Thread(target=self._run, name="kcp-embedded-writer", daemon=True)
        # Owned by the thread once it runs.
        self._conn: sqlite3.Connection | None = None
        self._head = 0
        self._compacted = 0
        self._physical = 0

    async def start(self) -> schema.StoredState:
        self._thread.start()
        try:
            return await self._ready
        except BaseException:
            await self.stop()
            raise

    def txn(
        self,
        compares: Sequence[Compare],
        success: Sequence[TxnOp],
        failure: Sequence[TxnOp],
        size: int,
    ) -> asyncio.Future[TxnResult]:
        fut: asyncio.Future[TxnResult] = self._loop.create_future()
        # Copies: the caller's lists may change while the request waits in the queue.
        self._submit(_Txn(tuple(compares), tuple(success), tuple(failure), size, fut))
        return fut

    def compact(self, revision: int) -> asyncio.Future[None]:
        fut: asyncio.Future[None] = self._loop.create_future()
        self._submit(_Compact(revision, fut))
        return fut

    async def stop(self) -> None:
        """Apply what is queued, then close the connection and join the thread."""
        if self._thread.ident is None:
            return
        self._queue.put(None)
        await self._stopped
        self._thread.join()

    def _submit(self, request: _Txn | _Compact) -> None:
        if self._broken is not None:
            raise StorageUnavailableError(str(self._broken)) from self._broken
        self._queue.put(request)
        # The thread sets _broken before it drains the queue; looking again after the
        # put means a request is failed either by that drain or by this one.
        if self._is_broken():
            self._fail_queued(on_loop=True)

    def _is_broken(self) -> bool:
        return self._broken is not None

    # Everything below runs on the writer thread.

    def _run(self) -> None:
        try:
            try:
                self._conn = schema.connect(self._path, synchronous=self._synchronous)
                state = schema.initialize(self._conn)
                schema.fsync_directory(self._path.parent)
            except (sqlite3.Error, OSError) as err:
                threads.fail_later(self._loop, self._ready, threads.unavailable("open", err))
                return
            self._head, self._compacted, self._physical = (
                state.revision,
                state.compacted,
                state.physical,
            )
            threads.resolve_later(self._loop, self._ready, state)
            try:
                self._serve()
            except BaseException as err:
                self._broken = threads.unavailable("writer", err)
                self._fail_queued(on_loop=False)
                raise
        finally:
            if self._conn is not None:
                self._conn.close()
            threads.resolve_later(self._loop, self._stopped, None)

    def _serve(self) -> None:
        while True:
            if self._physical < self._compacted:
                try:
                    first = self._queue.get_nowait()
                except queue.Empty:
                    self._compact_chunk()
                    continue
            else:
                first = self._queue.get()
            batch = [first]
            size = first.size if isinstance(first, _Txn) else 0
            while len(batch) < MAX_GROUP_TXNS and size < MAX_GROUP_BYTES:
                try:
                    request = self._queue.get_nowait()
                except queue.Empty:
                    break
                batch.append(request)
                size += request.size if isinstance(request, _Txn) else 0
            group: list[_Txn] = []
            stop = False
            for request in batch:
                if request is None:
                    stop = True
                elif isinstance(request, _Txn):
                    group.append(request)
                else:
                    self._commit_group(group)
                    group = []
                    self._compact(request)
            self._commit_group(group)
            if stop:
                return
            if self._physical < self._compacted:
                self._compact_chunk()  # keep compacting under a steady load too

    def _announce(self, commit: Commit, settlements: list[_Settle]) -> None:
        with contextlib.suppress(RuntimeError):  # the loop is closed: nobody is waiting
            self._loop.call_soon_threadsafe(self._deliver, commit, settlements)

    def _deliver(self, commit: Commit, settlements: list[_Settle]) -> None:
        """On the loop: announce first, then wake the callers."""
        try:
            self._on_commit(commit)
        finally:
            for settle in settlements:
                settle()

    def _commit_group(self, group: list[_Txn]) -> None:
        if not group:
            return
        assert self._conn is not None
        conn = self._conn
        before = head = self._head
        events: list[Event] = []
        settlements: list[_Settle] = []
        try:
            conn.execute("BEGIN IMMEDIATE")
            for txn in group:
                result, changes = statemachine.apply(
                    conn, txn.compares, txn.success, txn.failure, head + 1
                )
                if changes:
                    head += 1
                    events.extend(changes)
                settlements.append(functools.partial(threads.settle_result, txn.future, result))
            conn.execute("COMMIT")
        except sqlite3.Error as err:
            with contextlib.suppress(sqlite3.Error):
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
            if len(group) > 1:
                # Nothing of the group was applied: try each alone, so that one bad
                # transaction does not fail the others.
                for txn in group:
                    self._commit_group([txn])
                return
            failure = functools.partial(
                threads.settle_error, group[0].future, threads.unavailable("txn", err)
            )
            self._announce(Commit(before, before, self._compacted, ()), [failure])
            return
        self._head = head
        self._announce(Commit(before, head, self._compacted, tuple(events)), settlements)

    def _compact(self, request: _Compact) -> None:
        assert self._conn is not None
        head = self._head
        error: Exception | None = None
        if request.revision <= self._compacted:
            error = CompactedError(request.revision, self._compacted)
        elif request.revision > head:
            error = FutureRevisionError(request.revision, head)
        else:
            try:
                statemachine.record_compaction(self._conn, request.revision, head)
            except sqlite3.Error as err:
                error = threads.unavailable("compact", err)
            else:
                self._compacted = request.revision
        settle: _Settle = (
            functools.partial(threads.settle_result, request.future, None)
            if error is None
            else functools.partial(threads.settle_error, request.future, error)
        )
        self._announce(Commit(head, head, self._compacted, ()), [settle])

    def _compact_chunk(self) -> None:
        assert self._conn is not None
        self._physical = statemachine.compact_chunk(self._conn, self._physical, self._compacted)

    def _fail_queued(self, *, on_loop: bool) -> None:
        error = self._broken or StorageUnavailableError("embedded store writer stopped")
        while True:
            try:
                request = self._queue.get_nowait()
            except queue.Empty:
                return
            if isinstance(request, _Txn):
                self._fail(request.future, error, on_loop=on_loop)
            if isinstance(request, _Compact):
                self._fail(request.future, error, on_loop=on_loop)

    def _fail(self, fut: asyncio.Future[T], error: BaseException, *, on_loop: bool) -> None:
        if on_loop:
            threads.settle_error(fut, error)
        else:
            threads.fail_later(self._loop, fut, error)

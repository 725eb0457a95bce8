"""`EmbeddedStorage`: the storage contract on SQLite, in-process, for one process.

The zero-setup default of `kcp start`, in the spirit of k3s on kine/SQLite, but with
etcd v3's semantics exactly (kcp/storage/interface.py): one global revision, atomic
compare-and-swap transactions, ranges at past revisions, watches from any retained
revision, compaction. It is not a cache in front of anything: the SQLite database
under `directory` is the data, and a write is acknowledged only once it is durable.

How it is put together:

* `schema`: the tables (a log of changes plus the set of live keys) and revisions;
* `statemachine`: one transaction, or one step of compaction, in SQL;
* `writer`: one thread applying transactions in order, with group commit;
* `threads`: reader threads, and settling asyncio futures from threads;
* `reads`: ranges and watch batches, each from one SQLite snapshot;
* `watch`: watch streams (synced from commit announcements, unsynced from the log);
* `keyspace`: request checks, done on the loop before anything is queued;
* `lock`: one process per directory.

Nothing here blocks the event loop on SQLite or the disk, except `open`, which creates
the directory and takes its lock.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kcp.storage.embedded import keyspace, reads, schema
from kcp.storage.embedded.lock import DirectoryLock
from kcp.storage.embedded.threads import ReaderPool
from kcp.storage.embedded.watch import DEFAULT_PROGRESS_INTERVAL, EmbeddedWatch, WatchHub
from kcp.storage.embedded.writer import Writer
from kcp.storage.errors import InvalidRequestError, StorageClosedError, StorageUnavailableError
from kcp.storage.interface import (
    DEFAULT_MAX_REQUEST_BYTES,
    Compare,
    RangeResult,
    Storage,
    TxnOp,
    TxnResult,
)

__all__ = ["EmbeddedStorage"]

# Reads run on their own threads, concurrently with each other and with the writer.
# SQLite releases the GIL while it works, so two readers already overlap well.
DEFAULT_READERS = 2


class EmbeddedStorage:
    """The embedded backend of `kcp.storage.interface.Storage`. Open with `open()`."""

    def __init__(
        self,
        directory: Path,
        lock: DirectoryLock,
        writer: Writer,
        readers: ReaderPool,
        hub: WatchHub,
        max_request_bytes: int,
    ) -> None:
        self.directory = directory
        self._lock = lock
        self._writer = writer
        self._readers = readers
        self._hub = hub
        self._max_request_bytes = max_request_bytes
        self._closed = False

    @classmethod
    async def open(
        cls,
        directory: Path,
        *,
        max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES,
        synchronous: schema.Synchronous = "FULL",
        readers: int = DEFAULT_READERS,
        progress_interval: float = DEFAULT_PROGRESS_INTERVAL,
    ) -> EmbeddedStorage:
        """Open (creating if needed) the store in `directory`.

        Raises StorageUnavailableError if another process has it open, or if the
        database cannot be opened.
        """
        if readers < 1 or max_request_bytes < 1 or progress_interval <= 0:
            raise InvalidRequestError(
                "readers, max_request_bytes and progress_interval must be positive"
            )
        try:
            directory.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240 - once, at open
        except OSError as err:
            raise StorageUnavailableError(f"cannot create {directory}: {err}") from err
        lock = DirectoryLock(directory)
        lock.acquire()
        loop = asyncio.get_running_loop()
        path = directory / schema.DATABASE_FILE
        pool = ReaderPool(path, readers, loop)
        hub = WatchHub(pool, schema.FIRST_REVISION, 0, progress_interval)
        writer = Writer(path, synchronous=synchronous, loop=loop, on_commit=hub.on_commit)
        try:
            state = await writer.start()
            try:
                await pool.start()
            except BaseException:
                await writer.stop()
                raise
        except BaseException:
            lock.release()
            raise
        hub.revision, hub.compacted = state.revision, state.compacted
        return cls(directory, lock, writer, pool, hub, max_request_bytes)

    @property
    def max_request_bytes(self) -> int:
        return self._max_request_bytes

    async def current_revision(self) -> int:
        self._check_open()
        return self._hub.revision

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
        self._check_open()
        span = keyspace.span(key, end)
        if limit < 0:
            raise InvalidRequestError(f"limit must not be negative, got {limit}")
        if revision < 0:
            raise InvalidRequestError(f"revision must not be negative, got {revision}")
        read = functools.partial(
            reads.read_range,
            span=span,
            head=self._hub.revision,
            revision=revision,
            limit=limit,
            keys_only=keys_only,
            count_only=count_only,
        )
        return await self._readers.submit(read)

    async def txn(
        self,
        compares: Sequence[Compare],
        success: Sequence[TxnOp],
        failure: Sequence[TxnOp] = (),
    ) -> TxnResult:
        self._check_open()
        size = keyspace.check_txn(compares, success, failure, self._max_request_bytes)
        return await self._writer.txn(compares, success, failure, size)

    def watch(
        self,
        key: str,
        end: str | None = None,
        *,
        start_revision: int = 0,
        prev_kv: bool = False,
        progress_notify: bool = False,
    ) -> EmbeddedWatch:
        self._check_open()
        span = keyspace.span(key, end)
        if start_revision < 0:
            raise InvalidRequestError(f"start revision must not be negative, got {start_revision}")
        return EmbeddedWatch(
            self._hub,
            span,
            start_revision=start_revision,
            prev_kv=prev_kv,
            progress_notify=progress_notify,
        )

    async def compact(self, revision: int) -> None:
        self._check_open()
        if revision <= 0:
            raise InvalidRequestError(f"cannot compact at revision {revision}")
        await self._writer.compact(revision)

    async def close(self) -> None:
        """End every watch, apply the queued writes, then stop the threads and unlock."""
        if self._closed:
            return
        self._closed = True
        self._hub.close()
        try:
            await self._writer.stop()
            await self._readers.stop()
        finally:
            self._lock.release()

    def _check_open(self) -> None:
        if self._closed:
            raise StorageClosedError("embedded store is closed")


if TYPE_CHECKING:
    _conforms: type[Storage] = EmbeddedStorage

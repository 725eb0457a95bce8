"""The bridge between the event loop and the SQLite threads.

SQLite calls block (a commit waits for fsync), so none runs on the event loop. Each
connection lives on one thread of its own, and the loop hands work over through a
`queue.SimpleQueue`. Answers come back as asyncio futures settled with
`loop.call_soon_threadsafe`, so awaiting a read or a write never blocks the loop and
costs no executor. A future whose awaiter was cancelled is simply not settled.

`ReaderPool` is the read side: a few threads with one read-only connection each,
taking jobs from one queue. In WAL mode readers never wait for the writer, nor it for
them. The write side, with its group commit, is `kcp.storage.embedded.writer`.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from kcp.storage.embedded import schema
from kcp.storage.errors import StorageError, StorageUnavailableError

__all__ = [
    "ReaderPool",
    "fail_later",
    "resolve_later",
    "settle_error",
    "settle_result",
    "unavailable",
]

T = TypeVar("T")

_Job = Callable[[sqlite3.Connection], None]


def resolve_later(loop: asyncio.AbstractEventLoop, fut: asyncio.Future[T], result: T) -> None:
    """From a worker thread: give `fut` its result on the loop."""
    with contextlib.suppress(RuntimeError):  # a closed loop: nobody is left to answer
        loop.call_soon_threadsafe(settle_result, fut, result)


def fail_later(
    loop: asyncio.AbstractEventLoop, fut: asyncio.Future[T], error: BaseException
) -> None:
    """From a worker thread: give `fut` its exception on the loop."""
    with contextlib.suppress(RuntimeError):  # a closed loop: nobody is left to answer
        loop.call_soon_threadsafe(settle_error, fut, error)


def unavailable(what: str, err: BaseException) -> StorageUnavailableError:
    """A SQLite failure as the contract's error, with its cause chained."""
    error = StorageUnavailableError(f"embedded store: {what} failed: {err}")
    error.__cause__ = err
    return error


def settle_result(fut: asyncio.Future[T], result: T) -> None:
    """On the loop: give `fut` its result unless its awaiter gave up."""
    if not fut.done():
        fut.set_result(result)


def settle_error(fut: asyncio.Future[T], error: BaseException) -> None:
    """On the loop: give `fut` its exception unless its awaiter gave up."""
    if not fut.done():
        fut.set_exception(error)


class ReaderPool:
    """`size` reader threads, each with its own read-only connection."""

    def __init__(self, path: Path, size: int, loop: asyncio.AbstractEventLoop) -> None:
        self._path = path
        self._loop = loop
        self._queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._started = [loop.create_future() for _ in range(size)]
        self._stopped = [loop.create_future() for _ in range(size)]
        self._threads = [
            threading.Thread(
                target=self._run, args=(i,), name=f"kcp-embedded-reader-{i}", daemon=True
            )
            for i in range(size)
        ]

    async def start(self) -> None:
        for thread in self._threads:
            thread.start()
        try:
            for started in self._started:
                await started
        except BaseException:
            await self.stop()
            raise

    def submit(self, fn: Callable[[sqlite3.Connection], T]) -> asyncio.Future[T]:
        """Run `fn` with a reader's connection; its StorageErrors reach the awaiter as-is."""
        loop = self._loop
        fut: asyncio.Future[T] = loop.create_future()

        def job(conn: sqlite3.Connection) -> None:
            if fut.done():  # cancelled while queued
                return
            try:
                result = fn(conn)
            except StorageError as err:
                fail_later(loop, fut, err)
            except sqlite3.Error as err:
                fail_later(loop, fut, unavailable("read", err))
            except Exception as err:  # noqa: BLE001 - handed to the awaiting caller
                fail_later(loop, fut, err)
            else:
                resolve_later(loop, fut, result)

        self._queue.put(job)
        return fut

    async def stop(self) -> None:
        """Finish the queued reads, then close every connection and join the threads."""
        for _ in self._threads:
            self._queue.put(None)
        for stopped, thread in zip(self._stopped, self._threads, strict=True):
            if thread.ident is not None:  # started
                await stopped
                thread.join()

    def _run(self, index: int) -> None:
        try:
            conn = schema.connect(self._path, synchronous="OFF", readonly=True)
        except sqlite3.Error as err:
            fail_later(self._loop, self._started[index], unavailable("open", err))
            resolve_later(self._loop, self._stopped[index], None)
            return
        resolve_later(self._loop, self._started[index], None)
        try:
            while (job := self._queue.get()) is not None:
                job(conn)
        finally:
            conn.close()
            resolve_later(self._loop, self._stopped[index], None)

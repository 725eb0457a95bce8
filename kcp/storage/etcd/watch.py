"""A watch on etcd: one bidirectional gRPC stream per `WatchStream`, resumed by itself.

The stream is established on `__aenter__` (the `created` answer has arrived) and read
inline by `__anext__`; there is no background task of ours, so gRPC's flow control is
the only buffer, and closing cancels the call and settles gRPC's own task for it
(kcp.storage.etcd.streams).

The resume rule. `_next` is the lowest revision not yet delivered: the start revision
(for `start_revision=0`, the `created` answer's header revision + 1), then the last
delivered *event* revision + 1. When the stream breaks (etcd restarted, connection
lost, the watch canceled by the server), it is created again from `_next`, with
bounded back-off, on whichever endpoint answers; events below `_next` are dropped,
so the consumer sees no duplicate, and nothing at or above it was delivered, so it
sees no gap. Progress notifications never move `_next`: etcd before 3.4.25/3.5.8
answers a progress request out of band (watch id -1), and the answer can overtake
events still on their way, above all for a watcher catching up (etcd issue #15220),
so a progress revision does not prove that every event up to it was delivered.
They are passed on (never going backwards) but not trusted for resuming: on such an
etcd a consumer may see a progress revision before events at or below it, but never
loses one. A stream that cannot be re-established for
`watch_reconnect_timeout` raises StorageUnavailableError; a compaction past `_next`
raises CompactedError. Events of one revision are never split: etcd sends a
revision's events together, and `fragment` answers are joined before delivery.
"""

from __future__ import annotations

import asyncio
import random
from types import TracebackType
from typing import Self

import grpc

from kcp.storage.errors import (
    CompactedError,
    InvalidRequestError,
    StorageClosedError,
    StorageUnavailableError,
)
from kcp.storage.etcd import errors
from kcp.storage.etcd._proto import etcd_pb2 as pb
from kcp.storage.etcd.channels import READ_ATTEMPTS, Member, Members
from kcp.storage.etcd.codec import Keys
from kcp.storage.etcd.streams import WatchCall, open_call, settle, status_task
from kcp.storage.interface import WatchResponse

__all__ = ["EtcdWatchStream"]

# Re-establishing a broken watch: first pause, doubling up to the cap, with jitter.
RECONNECT_PAUSE = 0.1
MAX_RECONNECT_PAUSE = 2.0
# etcd's watch id for a progress answer that belongs to no single watcher (3.4).
BROADCAST_WATCH_ID = -1


class EtcdWatchStream:
    """`kcp.storage.interface.WatchStream` over etcd's Watch service."""

    def __init__(
        self,
        members: Members,
        keys: Keys,
        key: str,
        end: str | None,
        *,
        start_revision: int,
        prev_kv: bool,
        progress_notify: bool,
        request_timeout: float,
        reconnect_timeout: float,
    ) -> None:
        if start_revision < 0:
            raise InvalidRequestError(f"negative start revision {start_revision}")
        self._members = members
        self._keys = keys
        self._key, self._end = keys.range(key, end)
        self._prev_kv = prev_kv
        self._progress_notify = progress_notify
        self._request_timeout = request_timeout
        self._reconnect_timeout = reconnect_timeout
        self._next = start_revision
        self._delivered = 0
        self._call: WatchCall | None = None
        # Whether `_call` has its watch created (before that, writes would race the
        # create request).
        self._ready = False
        self._watch_id = 0
        self._fragments: list[pb.Event] = []
        self._write_lock = asyncio.Lock()
        self._progress_wanted = False
        self._closed = asyncio.Event()
        self._storage_closed = False
        self._entered = False
        self._status_tasks: list[asyncio.Task[object]] = []

    async def __aenter__(self) -> Self:
        if self._members.closed:
            raise StorageClosedError("the etcd client is closed")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._request_timeout
        # Like a read: each endpoint at least once, a few times in all.
        attempts = max(READ_ATTEMPTS, self._members.count)
        attempt = 0
        while True:
            member = self._members.pick()
            try:
                await self._create(member, deadline)
            except grpc.aio.AioRpcError as err:
                self._members.failed(member)
                attempt += 1
                if not errors.retryable(err) or attempt >= attempts or loop.time() >= deadline:
                    raise errors.translate(err) from err
                if attempt % self._members.count == 0:
                    await asyncio.sleep(min(RECONNECT_PAUSE, max(0, deadline - loop.time())))
                continue
            except TimeoutError as err:
                raise StorageUnavailableError(
                    f"etcd did not establish a watch within {self._request_timeout}s"
                ) from err
            break
        self._entered = True
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> WatchResponse:
        if not self._entered:
            raise RuntimeError("iterate a watch inside `async with`")
        while True:
            if self._closed.is_set():
                if self._storage_closed:
                    raise StorageClosedError("the etcd client was closed under this watch")
                raise StopAsyncIteration
            try:
                received = await self._receive()
            except asyncio.CancelledError:
                task = asyncio.current_task()
                if self._closed.is_set() and (task is None or not task.cancelling()):
                    continue  # close() canceled the call under us, not our caller
                raise
            if received is not None:
                response = self._handle(*received)
                if response is not None:
                    return response

    async def request_progress(self) -> None:
        """Ask etcd for a progress notification; sent after a reconnect if need be."""
        if self._closed.is_set():
            return
        async with self._write_lock:
            call = self._call
            if call is None or not self._ready or call.done():
                self._progress_wanted = True
                return
            try:
                await call.write(pb.WatchRequest(progress_request=pb.WatchProgressRequest()))
            except (grpc.aio.AioRpcError, asyncio.InvalidStateError):
                self._progress_wanted = True

    async def close(self) -> None:
        self._closed.set()
        self._ready = False
        call, self._call = self._call, None
        if call is not None:
            call.cancel()
        await settle(self._status_tasks)

    async def storage_closed(self) -> None:
        """The client is closing: end iteration with StorageClosedError."""
        if not self._closed.is_set():
            self._storage_closed = True
        await self.close()

    # The stream's life: create, read, drop, re-create.

    async def _create(self, member: Member, deadline: float) -> None:
        """Open a stream on `member` and create the watch from `_next` by `deadline`."""
        call, before = open_call(member)
        self._call = call
        self._status_tasks = [task for task in self._status_tasks if not task.done()]
        try:
            async with asyncio.timeout_at(deadline):
                create = pb.WatchCreateRequest(
                    key=self._key,
                    range_end=self._end,
                    start_revision=self._next,
                    progress_notify=self._progress_notify,
                    prev_kv=self._prev_kv,
                    fragment=True,
                )
                try:
                    async with self._write_lock:
                        await call.write(pb.WatchRequest(create_request=create))
                finally:
                    if (task := status_task(before)) is not None:
                        self._status_tasks.append(task)
                created = await call.read()
            if not isinstance(created, pb.WatchResponse) or not created.created:
                raise StorageUnavailableError(f"etcd answered a watch create with {created!r}")
            if created.canceled:
                raise InvalidRequestError(f"etcd refused the watch: {created.cancel_reason}")
        except BaseException:
            self._drop(call)
            raise
        self._watch_id = created.watch_id
        self._ready = True
        if self._next == 0:
            # Changes after the revision current when the watch was established.
            self._next = created.header.revision + 1
        self._fragments.clear()
        if self._progress_wanted:
            self._progress_wanted = False
            await self.request_progress()

    async def _receive(self) -> tuple[WatchCall, pb.WatchResponse] | None:
        """The next answer on the stream, or None after (re-)establishing it."""
        call = self._call
        if call is None:
            await self._reconnect()
            return None
        try:
            message = await call.read()
        except grpc.aio.AioRpcError:
            # The connection broke or etcd went away: resume from _next.
            self._drop(call)
            return None
        if not isinstance(message, pb.WatchResponse):  # EOF: the server ended it
            self._drop(call)
            return None
        return call, message

    async def _reconnect(self) -> None:
        """Re-create the watch from `_next`, retrying until `reconnect_timeout`."""
        loop = asyncio.get_running_loop()
        give_up = loop.time() + self._reconnect_timeout
        pause = RECONNECT_PAUSE
        last = "no attempt"
        while not self._closed.is_set():
            member = self._members.pick()
            try:
                await self._create(member, loop.time() + self._request_timeout)
            except grpc.aio.AioRpcError as err:
                self._members.failed(member)
                last = errors.describe(err)
            except TimeoutError:
                self._members.failed(member)
                last = f"no answer within {self._request_timeout}s"
            except StorageUnavailableError as err:
                last = str(err)
            else:
                return
            if loop.time() >= give_up:
                raise StorageUnavailableError(
                    f"watch could not be re-established for {self._reconnect_timeout}s "
                    f"(resuming at revision {self._next}): {last}"
                )
            await self._sleep(pause * random.uniform(0.8, 1.2))  # noqa: S311 - jitter
            pause = min(pause * 2, MAX_RECONNECT_PAUSE)

    async def _sleep(self, seconds: float) -> None:
        """Sleep, waking early if the stream is closed."""
        try:
            async with asyncio.timeout(seconds):
                await self._closed.wait()
        except TimeoutError:
            pass

    def _drop(self, call: WatchCall) -> None:
        call.cancel()
        if self._call is call:
            self._call = None
            self._ready = False
        self._fragments.clear()

    def _handle(self, call: WatchCall, message: pb.WatchResponse) -> WatchResponse | None:
        """What one etcd answer means to the consumer (None: nothing to deliver yet)."""
        if message.watch_id not in (self._watch_id, BROADCAST_WATCH_ID):
            return None
        if message.compact_revision:
            self._drop(call)
            self._closed.set()
            raise CompactedError(self._next, message.compact_revision)
        if message.canceled:
            # Canceled by the server for another reason ("no leader", ...): resume.
            self._drop(call)
            return None
        if message.created:
            return None
        if message.fragment:
            self._fragments.extend(message.events)
            return None
        events = [*self._fragments, *message.events]
        self._fragments.clear()
        if not events:
            revision = message.header.revision
            if revision < self._delivered:
                return None
            self._delivered = revision
            return WatchResponse((), revision)
        fresh = tuple(
            self._keys.event(e, prev_kv=self._prev_kv)
            for e in events
            if e.kv.mod_revision >= self._next
        )
        if not fresh:
            return None
        revision = max(e.kv.mod_revision for e in fresh)
        self._next = revision + 1
        self._delivered = max(self._delivered, revision)
        return WatchResponse(fresh, revision)

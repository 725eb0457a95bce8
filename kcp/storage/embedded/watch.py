"""Watches of the embedded store: etcd's synced and unsynced watchers, in one process.

Each stream keeps `_next`, the first revision it has not yet taken, and a small
buffer of events taken but not yet delivered.

* **Synced**: when a commit announces revisions `before+1 .. head` and the stream's
  `_next` lies in that window (it has taken everything before), the stream copies the
  matching events from the announcement into its buffer and moves `_next` past
  `head`. No SQLite read, no copy of values (events are shared, immutable).
* **Unsynced**: a stream that starts in the past, or whose buffer is full (a slow
  consumer), stops taking announcements and instead reads the log from `_next` in
  bounded batches on a reader thread, until it has caught up and syncs again. So a
  slow consumer holds at most one buffer's worth of memory and never slows a writer.

A stream never splits one revision across responses. A progress notification,
`WatchResponse((), R)`, is only sent once the stream has delivered every event up to
the current revision R, so it proves completeness, as the watch cache needs; it is
sent on `request_progress()`, and with `progress_notify` after `progress_interval`
seconds without any response, as etcd does. A stream whose `_next` falls below the
compacted revision before it has read it raises `CompactedError` from iteration.
"""

from __future__ import annotations

import asyncio
import collections
import enum
import functools
from types import TracebackType
from typing import Self

from kcp.storage.embedded import reads
from kcp.storage.embedded.keyspace import Span
from kcp.storage.embedded.threads import ReaderPool
from kcp.storage.embedded.writer import Commit
from kcp.storage.errors import CompactedError, InvalidRequestError, StorageClosedError
from kcp.storage.interface import Event, WatchResponse

__all__ = ["EmbeddedWatch", "WatchHub"]

# A response carries at most this many events (more only to finish a revision).
MAX_RESPONSE_EVENTS = 1000
# A stream buffers at most this many events or bytes of values before it stops
# taking announcements and falls back to reading the log: the memory a slow
# consumer may cost.
MAX_BUFFER_EVENTS = 4096
MAX_BUFFER_BYTES = 8 * 1024 * 1024
# One read of the log, when catching up.
READ_BATCH_EVENTS = 1000
READ_BATCH_BYTES = 4 * 1024 * 1024
# etcd sends progress notifications to idle watchers every 10 minutes by default;
# the watch cache wants them far more often, so we default to seconds.
DEFAULT_PROGRESS_INTERVAL = 5.0


class WatchHub:
    """The loop-side state watches need: announced revisions and the open streams."""

    def __init__(
        self, readers: ReaderPool, revision: int, compacted: int, progress_interval: float
    ) -> None:
        self.readers = readers
        self.revision = revision
        self.compacted = compacted
        self.progress_interval = progress_interval
        self.closed = False
        self.streams: set[EmbeddedWatch] = set()

    def on_commit(self, commit: Commit) -> None:
        self.revision = commit.head
        self.compacted = commit.compacted
        for stream in self.streams:
            stream.announce(commit)

    def close(self) -> None:
        self.closed = True
        for stream in list(self.streams):
            stream.end()


class _State(enum.Enum):
    NEW = "new"
    OPEN = "open"
    CLOSED = "closed"


class EmbeddedWatch:
    """One watch stream; see the module docstring. Implements `WatchStream`."""

    def __init__(
        self,
        hub: WatchHub,
        span: Span,
        *,
        start_revision: int,
        prev_kv: bool,
        progress_notify: bool,
    ) -> None:
        self._hub = hub
        self._span = span
        self._start = start_revision
        self._prev_kv = prev_kv
        self._progress_notify = progress_notify
        self._state = _State.NEW
        self._next = 0
        self._buffer: collections.deque[Event] = collections.deque()
        self._buffer_bytes = 0
        self._wakeup = asyncio.Event()
        self._progress_requested = False
        self._last_sent = 0.0

    async def __aenter__(self) -> Self:
        if self._hub.closed:
            raise StorageClosedError("embedded store is closed")
        if self._state is not _State.NEW:
            raise InvalidRequestError("a watch stream is established only once")
        self._next = self._start or self._hub.revision + 1
        self._last_sent = asyncio.get_running_loop().time()
        self._state = _State.OPEN
        self._hub.streams.add(self)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.end()

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> WatchResponse:
        if self._state is _State.NEW:
            raise InvalidRequestError("watch stream not established: use `async with`")
        hub = self._hub
        while True:
            if self._state is _State.CLOSED:
                raise StopAsyncIteration
            if self._buffer:
                return self._take()
            if self._next <= hub.revision:
                await self._read(hub.revision)
                continue
            if self._progress_requested or (
                self._progress_notify and self._idle() >= hub.progress_interval
            ):
                self._progress_requested = False
                self._last_sent = asyncio.get_running_loop().time()
                return WatchResponse((), hub.revision)
            await self._wait()

    async def request_progress(self) -> None:
        self._progress_requested = True
        self._wakeup.set()

    async def close(self) -> None:
        self.end()

    def end(self) -> None:
        """Cancel the watch: iteration ends and the buffer is dropped."""
        if self._state is _State.CLOSED:
            return
        self._state = _State.CLOSED
        self._hub.streams.discard(self)
        self._buffer.clear()
        self._buffer_bytes = 0
        self._wakeup.set()

    def announce(self, commit: Commit) -> None:
        """A commit happened: take its events if synced, else wake up to read the log."""
        if self._next > commit.head:
            return  # already past it (a start revision in the future)
        if self._next <= commit.before:
            self._wakeup.set()  # unsynced: the reader loop catches up from the log
            return
        taken = [
            event
            for event in commit.events
            if event.kv.mod_revision >= self._next and self._span.contains(event.kv.key)
        ]
        if not self._prev_kv:
            taken = [Event(e.type, e.kv) if e.prev_kv is not None else e for e in taken]
        size = sum(_size(event) for event in taken)
        if (
            len(self._buffer) + len(taken) > MAX_BUFFER_EVENTS
            or self._buffer_bytes + size > MAX_BUFFER_BYTES
        ):
            self._wakeup.set()  # too far behind: stop taking, read the log later
            return
        self._buffer.extend(taken)
        self._buffer_bytes += size
        self._next = commit.head + 1
        if taken:
            self._wakeup.set()

    def _take(self) -> WatchResponse:
        buffer = self._buffer
        events = [buffer.popleft()]
        revision = events[0].kv.mod_revision
        while buffer and (
            len(events) < MAX_RESPONSE_EVENTS or buffer[0].kv.mod_revision == revision
        ):
            event = buffer.popleft()
            revision = event.kv.mod_revision
            events.append(event)
        self._buffer_bytes -= sum(_size(event) for event in events)
        self._last_sent = asyncio.get_running_loop().time()
        return WatchResponse(tuple(events), revision)

    async def _read(self, head: int) -> None:
        """Unsynced: read the next batch of the log, up to `head`, into the buffer."""
        hub = self._hub
        if self._next < hub.compacted:
            self.end()
            raise CompactedError(self._next, hub.compacted)
        read = functools.partial(
            reads.read_events,
            span=self._span,
            after=self._next - 1,
            through=head,
            prev_kv=self._prev_kv,
            max_events=READ_BATCH_EVENTS,
            max_bytes=READ_BATCH_BYTES,
        )
        try:
            events, through = await hub.readers.submit(read)
        except CompactedError:
            self.end()
            raise
        if self._state is _State.CLOSED:
            return
        self._buffer.extend(events)
        self._buffer_bytes += sum(_size(event) for event in events)
        self._next = through + 1

    def _idle(self) -> float:
        return asyncio.get_running_loop().time() - self._last_sent

    async def _wait(self) -> None:
        self._wakeup.clear()
        timeout = None
        if self._progress_notify:
            timeout = max(0.0, self._hub.progress_interval - self._idle())
        try:
            async with asyncio.timeout(timeout):
                await self._wakeup.wait()
        except TimeoutError:
            pass  # time for a progress notification


def _size(event: Event) -> int:
    prev = event.prev_kv
    return len(event.kv.value) + (len(prev.value) if prev is not None else 0)

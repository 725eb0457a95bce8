"""`WatchReader`: read a watch stream response by response, each wait bounded.

A storage watch is an async iterator; a test that reads "the next three events" or
"until revision R" must not hang when the backend fails to deliver. `WatchReader`
holds the stream's one iterator (asking `aiter()` again could start a second
generator) and turns a missing response into an `AssertionError` naming what was
read so far. A timeout is only ever a failure: after one the stream's iterator may
have been cancelled and is not read again.

Every response read goes to `responses`, and to an optional `on_response` callback,
which is how a `tests.helpers.history.WatchLog` records a stream.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

from kcp.storage.interface import Event, WatchResponse, WatchStream

# Long enough for a loaded CI machine to deliver one response, short enough that a
# missing event fails the test well inside its own timeout.
DEFAULT_WAIT = 5.0


class WatchReader:
    """Bounded reads from one watch stream."""

    def __init__(
        self,
        stream: WatchStream,
        *,
        wait: float = DEFAULT_WAIT,
        on_response: Callable[[WatchResponse], None] | None = None,
    ) -> None:
        self._iterator: AsyncIterator[WatchResponse] = aiter(stream)
        self._wait = wait
        self._on_response = on_response
        self.responses: list[WatchResponse] = []

    @property
    def events(self) -> list[Event]:
        """Every event read so far, in order."""
        return [event for resp in self.responses for event in resp.events]

    @property
    def last_revision(self) -> int:
        """The highest revision read, from events or progress notifications (0: none)."""
        return max((resp.revision for resp in self.responses), default=0)

    async def next(self, wait: float | None = None) -> WatchResponse:
        """The next response; AssertionError if none comes in time or the stream ends."""
        wait = self._wait if wait is None else wait
        try:
            async with asyncio.timeout(wait):
                resp = await anext(self._iterator)
        except TimeoutError as err:
            raise AssertionError(
                f"no watch response within {wait}s; read so far: {self._summary()}"
            ) from err
        except StopAsyncIteration as err:
            raise AssertionError(
                f"watch ended unexpectedly; read so far: {self._summary()}"
            ) from err
        self.responses.append(resp)
        if self._on_response is not None:
            self._on_response(resp)
        return resp

    async def read_events(self, count: int, wait: float | None = None) -> list[Event]:
        """Read until at least `count` more events arrived; return all events read."""
        got: list[Event] = []
        while len(got) < count:
            resp = await self.next(wait)
            got.extend(resp.events)
        return got

    async def read_until_revision(self, revision: int, wait: float | None = None) -> list[Event]:
        """Read until an event at `revision` or later arrived; return the events read."""
        got: list[Event] = []
        while not got or got[-1].kv.mod_revision < revision:
            resp = await self.next(wait)
            got.extend(resp.events)
        return got

    async def read_until_progress(self, wait: float | None = None) -> WatchResponse:
        """Read until a progress notification arrives, and return it."""
        while True:
            resp = await self.next(wait)
            if resp.is_progress_notify:
                return resp

    def _summary(self) -> str:
        shown = [(e.type.value, e.kv.key, e.kv.mod_revision) for e in self.events[-10:]]
        return f"{len(self.responses)} responses, last events {shown}"

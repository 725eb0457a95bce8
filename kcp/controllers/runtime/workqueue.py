"""A work queue with client-go's guarantees: a key is never processed twice at once,
a key added while it is processed is processed again afterwards, and failures are
retried with per-key exponential back-off.
"""

from __future__ import annotations

import asyncio
from collections.abc import Hashable
from typing import Generic, TypeVar

__all__ = ["QueueShutDownError", "WorkQueue"]

K = TypeVar("K", bound=Hashable)

# Back-off per key after failures: 5 ms doubling to 30 s (client-go's default limiter
# goes to 1000 s; our controllers reconcile local state and should retry sooner).
BASE_DELAY = 0.005
MAX_DELAY = 30.0


class QueueShutDownError(Exception):
    """The queue was shut down; workers should return."""


class WorkQueue(Generic[K]):
    def __init__(self) -> None:
        self._ready: asyncio.Queue[K] = asyncio.Queue()
        self._queued: set[K] = set()
        self._processing: set[K] = set()
        self._dirty: set[K] = set()
        self._failures: dict[K, int] = {}
        self._timers: set[asyncio.TimerHandle] = set()
        self._shut_down = False

    def add(self, key: K) -> None:
        if self._shut_down:
            return
        if key in self._processing:
            self._dirty.add(key)
        elif key not in self._queued:
            self._queued.add(key)
            self._ready.put_nowait(key)

    def add_after(self, key: K, delay: float) -> None:
        loop = asyncio.get_running_loop()
        handle: asyncio.TimerHandle | None = None

        def fire() -> None:
            if handle is not None:
                self._timers.discard(handle)
            self.add(key)

        handle = loop.call_later(delay, fire)
        self._timers.add(handle)

    def add_rate_limited(self, key: K) -> None:
        failures = self._failures.get(key, 0)
        self._failures[key] = failures + 1
        self.add_after(key, min(BASE_DELAY * 2**failures, MAX_DELAY))

    def forget(self, key: K) -> None:
        self._failures.pop(key, None)

    async def get(self) -> K:
        if self._shut_down:
            raise QueueShutDownError
        key = await self._ready.get()
        if self._shut_down:
            raise QueueShutDownError
        self._queued.discard(key)
        self._processing.add(key)
        return key

    def done(self, key: K) -> None:
        self._processing.discard(key)
        if key in self._dirty:
            self._dirty.discard(key)
            self.add(key)

    def shutdown(self) -> None:
        self._shut_down = True
        for handle in self._timers:
            handle.cancel()
        self._timers.clear()

"""`eventually`: wait, with a bound, for a condition that becomes true asynchronously.

Tests never sleep to synchronise. They state what they wait for as a check that
returns `(ok, reason)` and give it a deadline; on timeout the last reason is reported,
as kcp's test/e2e/framework `Eventually` does. This module asserts nothing itself:
it raises `AssertionError` only when the deadline passes.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

Check = Callable[[], Awaitable[tuple[bool, str]]]


async def eventually(
    check: Check,
    *,
    timeout: float = 5.0,  # noqa: ASYNC109 - a polling deadline, as the style guide names it
    interval: float = 0.01,
) -> None:
    """Call `check` until it returns `(True, _)`; fail with its last reason after `timeout`.

    The interval only paces the polling; nothing relies on it for ordering.
    """
    deadline = time.monotonic() + timeout
    while True:
        ok, reason = await check()
        if ok:
            return
        if time.monotonic() >= deadline:
            raise AssertionError(f"not true after {timeout}s: {reason}")
        await asyncio.sleep(interval)

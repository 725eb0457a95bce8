"""The in-process controllers: started once the server listens, stopped before it drains.

Controllers reach the API through `kcp.client` over loopback TLS, so their requests
take the same path as anyone's. They run in one task group owned here; stopping
cancels them before the listener closes, so their long-running watches never hold
up the shutdown of in-flight requests.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl

from kcp.client.rest import RestClient
from kcp.controllers.garbagecollector.controller import GarbageCollector
from kcp.controllers.namespace.deletion import NamespaceDeletionController
from kcp.observability.logs import get_logger

__all__ = ["Controllers"]

_log = get_logger("controllers")


class Controllers:
    def __init__(self, base_url: str, ca_file: str) -> None:
        self._client = RestClient(
            base_url,
            ssl_context=ssl.create_default_context(cafile=ca_file),
            user_agent="kcp-controllers",
        )
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="kcp-controllers")

    async def _run(self) -> None:
        async with asyncio.TaskGroup() as tasks:
            tasks.create_task(NamespaceDeletionController(self._client).run())
            tasks.create_task(GarbageCollector(self._client).run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            if not self._task.cancelled() and self._task.exception() is not None:
                _log.error("controllers ended with an error", error=str(self._task.exception()))
            self._task = None
        await self._client.close()

"""An informer: list, then watch from the list's resourceVersion, forever.

Keeps the current objects by key and calls `on_change(key)` for every add, update
and delete. A watch that ends is resumed from the last resourceVersion seen; one that
fails with 410 Expired (history compacted) relists, reporting deletions that
happened meanwhile, as client-go's reflector does.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from kcp.apimachinery.errors import APIError, ExpiredError
from kcp.apimachinery.unstructured import Object
from kcp.client.rest import RestClient
from kcp.observability.logs import get_logger

__all__ = ["Informer", "ObjectKey", "object_key"]

_log = get_logger("informer")

# Pause after an unexpected watch failure before trying again.
RETRY_DELAY = 1.0
CLUSTER_ANNOTATION = "kcp.io/cluster"


@dataclass(frozen=True, slots=True)
class ObjectKey:
    cluster: str
    namespace: str
    name: str


def object_key(obj: Object) -> ObjectKey:
    meta = obj.get("metadata", {})
    annotations = meta.get("annotations") or {}
    return ObjectKey(
        str(annotations.get(CLUSTER_ANNOTATION, "")),
        str(meta.get("namespace", "")),
        str(meta.get("name", "")),
    )


class Informer:
    def __init__(
        self, client: RestClient, path: str, on_change: Callable[[ObjectKey], None]
    ) -> None:
        self.client = client
        self.path = path
        self.on_change = on_change
        self.store: dict[ObjectKey, Object] = {}
        self.synced = asyncio.Event()

    async def run(self) -> None:
        resource_version = ""
        while True:
            try:
                if not resource_version:
                    resource_version = await self._list()
                async for kind, obj in self.client.watch(
                    self.path, resourceVersion=resource_version, allowWatchBookmarks="true"
                ):
                    resource_version = obj.get("metadata", {}).get(
                        "resourceVersion", resource_version
                    )
                    if kind == "BOOKMARK":
                        continue
                    key = object_key(obj)
                    if kind == "DELETED":
                        self.store.pop(key, None)
                    else:
                        self.store[key] = obj
                    self.on_change(key)
            except ExpiredError:
                resource_version = ""
            except (APIError, OSError) as err:
                _log.warning("watch failed; retrying", path=self.path, error=str(err))
                await asyncio.sleep(RETRY_DELAY)

    async def _list(self) -> str:
        listed = await self.client.get(self.path)
        fresh = {object_key(item): item for item in listed.get("items", [])}
        gone = set(self.store) - set(fresh)
        self.store = fresh
        for key in [*fresh, *gone]:
            self.on_change(key)
        self.synced.set()
        return str(listed.get("metadata", {}).get("resourceVersion", ""))

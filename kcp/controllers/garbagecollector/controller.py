"""The garbage collector controller: informers, the graph, and the reconcile of one object."""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Callable
from typing import Any

from kcp.apimachinery.errors import APIError, NotFoundError
from kcp.apimachinery.unstructured import Object
from kcp.client.rest import RestClient
from kcp.controllers.garbagecollector.graph import (
    FOREGROUND_FINALIZER,
    ORPHAN_FINALIZER,
    Graph,
    Ref,
    Resource,
    owner_refs,
    ref_group,
)
from kcp.controllers.runtime.informer import Informer, ObjectKey
from kcp.controllers.runtime.workqueue import QueueShutDownError, WorkQueue
from kcp.observability.logs import get_logger

__all__ = ["CONTROLLER_NAME", "GarbageCollector"]

CONTROLLER_NAME = "kcp-garbage-collector"
AGGREGATED = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"
DISCOVERY_CLUSTER = "root"
JSON_PATCH = "application/json-patch+json"
# Pause between failed discoveries at start.
DISCOVERY_RETRY_DELAY = 1.0
WORKERS = 4
# How long to wait for one informer's first list before starting without it.
SYNC_TIMEOUT = 10.0

_log = get_logger(CONTROLLER_NAME)


class Owner(enum.Enum):
    SOLID = "solid"
    DANGLING = "dangling"
    WAITING = "waiting"  # being deleted in the foreground: waits on its dependents


def _finalizers(obj: Object) -> list[str]:
    return [str(f) for f in obj.get("metadata", {}).get("finalizers") or []]


def _deleting(obj: Object) -> bool:
    return bool(obj.get("metadata", {}).get("deletionTimestamp"))


def _deleting_dependents(obj: Object) -> bool:
    return _deleting(obj) and FOREGROUND_FINALIZER in _finalizers(obj)


class GarbageCollector:
    def __init__(self, client: RestClient) -> None:
        self.client = client
        self.queue: WorkQueue[Ref] = WorkQueue()
        self.graph = Graph()
        self.informers: dict[Resource, Informer] = {}
        self.kinds: dict[tuple[str, str], Resource] = {}  # (group, kind) -> resource

    async def run(self) -> None:
        resources = await self._discover_until_found()
        for resource in resources:
            path = f"/clusters/*{resource.api_path}/{resource.resource}"
            self.informers[resource] = Informer(self.client, path, self._handler(resource))
            self.kinds[(resource.group, resource.kind)] = resource
        try:
            async with asyncio.TaskGroup() as tasks:
                # One informer at a time: storage watches opened in the same instant
                # leave the etcd backend unable to tell their gRPC status tasks apart
                # (kcp/storage/etcd/streams.py status_task), and those then outlive a
                # shutdown. Acting before the informers have listed would take owners
                # merely not listed yet for absent ones; deletions are confirmed with
                # a live GET of the owner, so an informer that cannot list is not
                # waited for forever.
                for informer in self.informers.values():
                    tasks.create_task(informer.run())
                    try:
                        async with asyncio.timeout(SYNC_TIMEOUT):
                            await informer.synced.wait()
                    except TimeoutError:
                        _log.warning("informer not synced; going on", path=informer.path)
                _log.info("garbage collector synced", resources=len(self.informers))
                for _ in range(WORKERS):
                    tasks.create_task(self._worker())
        finally:
            self.queue.shutdown()

    def _handler(self, resource: Resource) -> Callable[[ObjectKey], None]:
        def on_change(key: ObjectKey) -> None:
            ref = Ref(resource, key)
            for affected in self.graph.observe(ref, self.informers[resource].store.get(key)):
                self.queue.add(affected)

        return on_change

    async def _discover_until_found(self) -> list[Resource]:
        while True:
            try:
                return await self._deletable_resources()
            except (APIError, OSError) as err:
                _log.warning("discovery failed; retrying", error=str(err))
                await asyncio.sleep(DISCOVERY_RETRY_DELAY)

    async def _deletable_resources(self) -> list[Resource]:
        found: list[Resource] = []
        for root in ("/api", "/apis"):
            path = f"/clusters/{DISCOVERY_CLUSTER}{root}"
            discovery = await self.client.request("GET", path, accept=AGGREGATED)
            for group in discovery.get("items", []):
                group_name = str(group.get("metadata", {}).get("name", ""))
                versions = group.get("versions") or []
                if not versions:
                    continue
                version = versions[0]  # the preferred one
                api_path = (
                    f"/apis/{group_name}/{version['version']}"
                    if group_name
                    else f"/api/{version['version']}"
                )
                for res in version.get("resources", []):
                    verbs = set(res.get("verbs", []))
                    if not {"delete", "list", "watch"} <= verbs:
                        continue
                    kind = str((res.get("responseKind") or {}).get("kind", ""))
                    found.append(
                        Resource(
                            api_path,
                            str(res["resource"]),
                            group_name,
                            kind,
                            res.get("scope") == "Namespaced",
                        )
                    )
        return found

    async def _worker(self) -> None:
        while True:
            try:
                ref = await self.queue.get()
            except QueueShutDownError:
                return
            try:
                await self.reconcile(ref)
            except (APIError, OSError) as err:
                _log.warning("garbage collection failed", ref=str(ref.key), error=str(err))
                self.queue.add_rate_limited(ref)
            else:
                self.queue.forget(ref)
            finally:
                self.queue.done(ref)

    def _cached(self, ref: Ref) -> Object | None:
        informer = self.informers.get(ref.resource)
        return informer.store.get(ref.key) if informer is not None else None

    async def reconcile(self, ref: Ref) -> None:
        obj = self._cached(ref)
        if obj is None or not ref.key.cluster:
            return
        if _deleting(obj):
            finalizers = _finalizers(obj)
            if ORPHAN_FINALIZER in finalizers:
                await self._orphan_dependents(ref, obj)
            elif FOREGROUND_FINALIZER in finalizers:
                await self._process_deleting_dependents(ref, obj)
            return
        refs = owner_refs(obj)
        if not refs:
            return
        classes = {str(r["uid"]): await self._classify(ref, r) for r in refs}
        solid = [uid for uid, c in classes.items() if c is Owner.SOLID]
        waiting = [uid for uid, c in classes.items() if c is Owner.WAITING]
        if solid:
            if len(solid) < len(classes):
                await self._remove_owner_refs(ref, obj, set(classes) - set(solid))
            return
        uid = str(obj["metadata"].get("uid", ""))
        if waiting and self.graph.dependents(ref, uid):
            policy = "Foreground"
        elif ORPHAN_FINALIZER in _finalizers(obj):
            policy = "Orphan"
        elif FOREGROUND_FINALIZER in _finalizers(obj):
            policy = "Foreground"
        else:
            policy = "Background"
        await self._delete(ref, obj, policy)

    async def _classify(self, dependent: Ref, owner_ref: dict[str, Any]) -> Owner:
        resource = self.kinds.get((ref_group(owner_ref), str(owner_ref.get("kind", ""))))
        if resource is None:
            # Upstream cannot map it either and retries; so do we, with back-off.
            raise NotFoundError.plain(f"no resource for owner kind {owner_ref.get('kind')!r}")
        namespace = dependent.key.namespace if resource.namespaced else ""
        if resource.namespaced and not namespace:
            return Owner.DANGLING  # a cluster-scoped object cannot have a namespaced owner
        key = ObjectKey(dependent.key.cluster, namespace, str(owner_ref.get("name", "")))
        owner = self._cached(Ref(resource, key))
        if owner is None or owner.get("metadata", {}).get("uid") != owner_ref["uid"]:
            # The owner's informer may lag the dependent's: ask the server.
            try:
                owner = await self.client.get(resource.object_path(key))
            except NotFoundError:
                return Owner.DANGLING
            if owner.get("metadata", {}).get("uid") != owner_ref["uid"]:
                return Owner.DANGLING
        return Owner.WAITING if _deleting_dependents(owner) else Owner.SOLID

    async def _orphan_dependents(self, owner: Ref, obj: Object) -> None:
        uid = str(obj["metadata"].get("uid", ""))
        for dependent in self.graph.dependents(owner, uid):
            dep = self._cached(dependent)
            if dep is not None:
                await self._remove_owner_refs(dependent, dep, {uid})
        await self._remove_finalizer(owner, obj, ORPHAN_FINALIZER)

    async def _process_deleting_dependents(self, owner: Ref, obj: Object) -> None:
        uid = str(obj["metadata"].get("uid", ""))
        blocking = []
        for dependent in self.graph.dependents(owner, uid):
            dep = self._cached(dependent)
            if dep is None:
                continue
            if any(
                r["uid"] == uid and r.get("blockOwnerDeletion") is True for r in owner_refs(dep)
            ):
                blocking.append(dependent)
                if not _deleting_dependents(dep):
                    self.queue.add(dependent)
        if not blocking:
            await self._remove_finalizer(owner, obj, FOREGROUND_FINALIZER)

    async def _delete(self, ref: Ref, obj: Object, policy: str) -> None:
        options = {
            "kind": "DeleteOptions",
            "apiVersion": "v1",
            "propagationPolicy": policy,
            "preconditions": {"uid": obj["metadata"].get("uid", "")},
        }
        try:
            await self.client.delete(ref.resource.object_path(ref.key), options)
        except NotFoundError:
            return
        _log.info("garbage collected", ref=str(ref.key), resource=ref.resource.resource)

    async def _remove_owner_refs(self, ref: Ref, obj: Object, uids: set[str]) -> None:
        refs = obj["metadata"].get("ownerReferences") or []
        remaining = [r for r in refs if not (isinstance(r, dict) and r.get("uid") in uids)]
        if len(remaining) == len(refs):
            return
        await self._patch_metadata(ref, obj, "ownerReferences", remaining)

    async def _remove_finalizer(self, ref: Ref, obj: Object, finalizer: str) -> None:
        remaining = [f for f in _finalizers(obj) if f != finalizer]
        await self._patch_metadata(ref, obj, "finalizers", remaining)

    async def _patch_metadata(self, ref: Ref, obj: Object, field: str, value: list[Any]) -> None:
        """Set (or remove, when empty) one metadata list, if the object is unchanged."""
        rv = obj["metadata"].get("resourceVersion", "")
        path = f"/metadata/{field}"
        change = (
            {"op": "replace", "path": path, "value": value}
            if value
            else {"op": "remove", "path": path}
        )
        ops = [{"op": "test", "path": "/metadata/resourceVersion", "value": rv}, change]
        try:
            await self.client.patch(ref.resource.object_path(ref.key), ops, JSON_PATCH)
        except NotFoundError:
            return

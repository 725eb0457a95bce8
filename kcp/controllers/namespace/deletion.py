"""The namespace deletion controller: empty a terminating namespace, then let it go.

Mirrors kube-controller-manager's namespace controller
(pkg/controller/namespace/deletion/namespaced_resources_deleter.go), for every
logical cluster at once through a wildcard watch of namespaces. Steps, per namespace
that has a deletionTimestamp and still carries the `kubernetes` finalizer:

1. discover the namespaced resources its logical cluster serves (aggregated
   discovery of `/api` and `/apis`);
2. delete every collection of them in the namespace;
3. list them again: anything left (objects waiting on their own finalizers) means
   try again later, with back-off;
4. once empty, remove `kubernetes` from `spec.finalizers` through `/finalize`; with
   no finalizer left, that write completes the namespace's deletion.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from kcp.apimachinery.errors import APIError, ConflictError, NotFoundError
from kcp.apimachinery.unstructured import Object
from kcp.client.rest import RestClient
from kcp.controllers.runtime.informer import Informer, ObjectKey
from kcp.controllers.runtime.workqueue import QueueShutDownError, WorkQueue
from kcp.observability.logs import get_logger

__all__ = ["CONTROLLER_NAME", "NamespaceDeletionController"]

CONTROLLER_NAME = "kcp-namespace-deletion"
FINALIZER = "kubernetes"
AGGREGATED = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"
# How long to wait before looking again at a namespace whose content is not gone yet.
CONTENT_REMAINING_DELAY = 2.0
WORKERS = 2

_log = get_logger(CONTROLLER_NAME)


@dataclass(frozen=True, slots=True)
class NamespacedResource:
    api_path: str  # "/api/v1" or "/apis/<group>/<version>"
    resource: str


class NamespaceDeletionController:
    def __init__(self, client: RestClient) -> None:
        self.client = client
        self.queue: WorkQueue[ObjectKey] = WorkQueue()
        self.informer = Informer(client, "/clusters/*/api/v1/namespaces", self.queue.add)

    async def run(self) -> None:
        try:
            async with asyncio.TaskGroup() as tasks:
                tasks.create_task(self.informer.run())
                for _ in range(WORKERS):
                    tasks.create_task(self._worker())
        finally:
            self.queue.shutdown()

    async def _worker(self) -> None:
        while True:
            try:
                key = await self.queue.get()
            except QueueShutDownError:
                return
            try:
                done = await self.reconcile(key)
            except (APIError, OSError) as err:
                _log.warning("reconcile failed", key=str(key), error=str(err))
                self.queue.add_rate_limited(key)
            else:
                if done:
                    self.queue.forget(key)
                else:
                    self.queue.add_after(key, CONTENT_REMAINING_DELAY)
            finally:
                self.queue.done(key)

    async def reconcile(self, key: ObjectKey) -> bool:
        """Advance one namespace's deletion; True when nothing is left to do for now."""
        namespace = self.informer.store.get(key)
        if namespace is None or not key.cluster:
            return True
        meta = namespace.get("metadata", {})
        finalizers = (namespace.get("spec") or {}).get("finalizers") or []
        if not meta.get("deletionTimestamp") or FINALIZER not in finalizers:
            return True
        cluster_path = f"/clusters/{key.cluster}"
        remaining = 0
        for resource in await self._namespaced_resources(cluster_path):
            remaining += await self._delete_content(cluster_path, resource, key.name)
        if remaining:
            _log.info("namespace content remaining", key=str(key), remaining=remaining)
            return False
        await self._finalize(cluster_path, namespace, [f for f in finalizers if f != FINALIZER])
        return True

    async def _namespaced_resources(self, cluster_path: str) -> list[NamespacedResource]:
        found: list[NamespacedResource] = []
        for root in ("/api", "/apis"):
            discovery = await self.client.request("GET", cluster_path + root, accept=AGGREGATED)
            for group in discovery.get("items", []):
                group_name = group.get("metadata", {}).get("name", "")
                for version in group.get("versions", []):
                    api_path = (
                        f"/apis/{group_name}/{version['version']}"
                        if group_name
                        else f"/api/{version['version']}"
                    )
                    for res in version.get("resources", []):
                        verbs = res.get("verbs", [])
                        if res.get("scope") == "Namespaced" and "deletecollection" in verbs:
                            found.append(NamespacedResource(api_path, res["resource"]))
        return found

    async def _delete_content(
        self, cluster_path: str, resource: NamespacedResource, ns: str
    ) -> int:
        path = f"{cluster_path}{resource.api_path}/namespaces/{ns}/{resource.resource}"
        try:
            await self.client.delete(path)
            listed = await self.client.get(path)
        except NotFoundError:
            return 0
        return len(listed.get("items", []))

    async def _finalize(self, cluster_path: str, namespace: Object, finalizers: list[str]) -> None:
        name = namespace["metadata"]["name"]
        body = {**namespace, "spec": {**(namespace.get("spec") or {}), "finalizers": finalizers}}
        try:
            await self.client.update(f"{cluster_path}/api/v1/namespaces/{name}/finalize", body)
        except (NotFoundError, ConflictError):
            return  # gone already, or changed: the informer brings the new state back
        _log.info("namespace finalized", cluster=cluster_path, namespace=name)

"""The ownership graph: objects by (cluster, uid), dependents by (cluster, owner uid).

Pure bookkeeping over the informers' objects, no I/O. A node is a `Ref` (resource and
key); `observe` is called with a ref's current object (None once deleted) and returns
the refs whose reconcile may have changed: the object, its dependents and its owners.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kcp.apimachinery.unstructured import Object
from kcp.controllers.runtime.informer import ObjectKey

__all__ = ["FOREGROUND_FINALIZER", "ORPHAN_FINALIZER", "Graph", "Ref", "Resource", "owner_refs"]

ORPHAN_FINALIZER = "orphan"
FOREGROUND_FINALIZER = "foregroundDeletion"

UID = tuple[str, str]  # (cluster, uid)


@dataclass(frozen=True, slots=True)
class Resource:
    api_path: str  # "/api/v1" or "/apis/<group>/<version>"
    resource: str
    group: str
    kind: str
    namespaced: bool

    def object_path(self, key: ObjectKey) -> str:
        base = f"/clusters/{key.cluster}{self.api_path}"
        if self.namespaced:
            return f"{base}/namespaces/{key.namespace}/{self.resource}/{key.name}"
        return f"{base}/{self.resource}/{key.name}"


@dataclass(frozen=True, slots=True)
class Ref:
    resource: Resource
    key: ObjectKey


def owner_refs(obj: Object) -> list[dict[str, Any]]:
    refs = obj.get("metadata", {}).get("ownerReferences") or []
    return [r for r in refs if isinstance(r, dict) and r.get("uid")]


def ref_group(owner_ref: dict[str, Any]) -> str:
    api_version = str(owner_ref.get("apiVersion", ""))
    return api_version.rpartition("/")[0] if "/" in api_version else ""


class Graph:
    def __init__(self) -> None:
        self._nodes: dict[UID, Ref] = {}
        self._dependents: dict[UID, set[Ref]] = {}
        self._seen: dict[Ref, tuple[str, tuple[str, ...]]] = {}

    def node(self, cluster: str, uid: str) -> Ref | None:
        return self._nodes.get((cluster, uid))

    def dependents(self, owner: Ref, uid: str) -> list[Ref]:
        """The dependents naming `uid` that may reference `owner`: same cluster, and
        same namespace unless the owner is cluster-scoped."""
        found = self._dependents.get((owner.key.cluster, uid), set())
        if not owner.resource.namespaced:
            return list(found)
        return [d for d in found if d.key.namespace == owner.key.namespace]

    def observe(self, ref: Ref, obj: Object | None) -> set[Ref]:
        affected: set[Ref] = {ref}
        cluster = ref.key.cluster
        old = self._seen.pop(ref, None)
        if old is not None:
            uid, owners = old
            if self._nodes.get((cluster, uid)) == ref:
                del self._nodes[(cluster, uid)]
            affected.update(self._dependents.get((cluster, uid), ()))
            self._unlink(ref, cluster, owners)
            affected.update(self._owner_nodes(cluster, owners))
        if obj is not None:
            uid = str(obj.get("metadata", {}).get("uid", ""))
            owners = tuple(str(r["uid"]) for r in owner_refs(obj))
            self._seen[ref] = (uid, owners)
            if uid:
                self._nodes[(cluster, uid)] = ref
                affected.update(self._dependents.get((cluster, uid), ()))
            for owner in owners:
                self._dependents.setdefault((cluster, owner), set()).add(ref)
            affected.update(self._owner_nodes(cluster, owners))
        return affected

    def _unlink(self, ref: Ref, cluster: str, owners: Iterable[str]) -> None:
        for owner in owners:
            deps = self._dependents.get((cluster, owner))
            if deps is not None:
                deps.discard(ref)
                if not deps:
                    del self._dependents[(cluster, owner)]

    def _owner_nodes(self, cluster: str, owners: Iterable[str]) -> list[Ref]:
        return [n for o in owners if (n := self._nodes.get((cluster, o))) is not None]

"""What every start makes sure exists before serving: the `default` namespace in root.

Idempotent: an object that already exists is left as it is, so restarts and several
replicas over one etcd are safe.
"""

from __future__ import annotations

from kcp.admission.namespace_lifecycle import GetNamespace
from kcp.apimachinery.errors import AlreadyExistsError, NotFoundError
from kcp.apimachinery.request import RequestContext, UserInfo
from kcp.apimachinery.unstructured import Object
from kcp.logicalcluster import ROOT, LogicalClusterName
from kcp.registry.builtin.core import NAMESPACES
from kcp.registry.store import Store
from kcp.storage.interface import Storage

__all__ = ["BOOTSTRAP_USER", "ensure_root_namespaces", "namespace_getter"]

BOOTSTRAP_USER = UserInfo("system:kcp:bootstrap", groups=("system:masters",))
ROOT_NAMESPACES = ("default",)


async def ensure_root_namespaces(storage: Storage) -> None:
    store = Store(NAMESPACES, storage)
    ctx = RequestContext(cluster=ROOT, user=BOOTSTRAP_USER)
    for name in ROOT_NAMESPACES:
        try:
            await store.create(ctx, {"metadata": {"name": name}})
        except AlreadyExistsError:
            continue


def namespace_getter(storage: Storage) -> GetNamespace:
    """The namespace lookup NamespaceLifecycle admission uses: storage, as the system."""
    store = Store(NAMESPACES, storage)

    async def get_namespace(cluster: LogicalClusterName, name: str) -> Object | None:
        try:
            return await store.get(RequestContext(cluster=cluster, user=BOOTSTRAP_USER), name)
        except NotFoundError:
            return None

    return get_namespace

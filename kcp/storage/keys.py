"""The key layout: where each object lives in the keyspace.

Resource first, then logical cluster, so one watch of a resource's prefix feeds the
cache for every workspace, a wildcard list is one range, and deleting a workspace
deletes one prefix per resource:

    /<group or "core">/<resource>/<logical-cluster>/<namespace>/<name>    namespaced
    /<group or "core">/<resource>/<logical-cluster>/<name>                cluster-scoped

These keys are relative to the backend: the etcd backend puts `--etcd-prefix`
(default `/registry`) in front, so etcd holds `/registry/core/configmaps/root/default/x`
as kube-apiserver would. APIExport-bound resources add an identity segment after the
resource; they arrive with the APIs work. Every segment is validated upstream of
here: names never contain `/`, so a prefix ending in `/` cannot capture a neighbour.
"""

from __future__ import annotations

from dataclasses import dataclass

from kcp.logicalcluster import LogicalClusterName

__all__ = ["ObjectLocation", "ResourceKeys"]


@dataclass(frozen=True, slots=True)
class ObjectLocation:
    """Where a key sits: its logical cluster, namespace (None if cluster-scoped), name."""

    cluster: LogicalClusterName
    namespace: str | None
    name: str


@dataclass(frozen=True, slots=True)
class ResourceKeys:
    """Keys of one resource (group + resource), namespaced or cluster-scoped."""

    group: str
    resource: str
    namespaced: bool

    @property
    def prefix(self) -> str:
        """Every object of this resource, in every logical cluster."""
        return f"/{self.group or 'core'}/{self.resource}/"

    def cluster_prefix(self, cluster: LogicalClusterName) -> str:
        return f"{self.prefix}{cluster.value}/"

    def namespace_prefix(self, cluster: LogicalClusterName, namespace: str) -> str:
        return f"{self.cluster_prefix(cluster)}{namespace}/"

    def object_key(self, cluster: LogicalClusterName, namespace: str | None, name: str) -> str:
        if self.namespaced:
            if not namespace:
                raise ValueError(f"{self.resource} is namespaced: a namespace is required")
            return f"{self.namespace_prefix(cluster, namespace)}{name}"
        return f"{self.cluster_prefix(cluster)}{name}"

    def locate(self, key: str) -> ObjectLocation:
        """Split a key of this resource back into cluster, namespace and name."""
        if not key.startswith(self.prefix):
            raise ValueError(f"key {key!r} is not under {self.prefix!r}")
        parts = key[len(self.prefix) :].split("/")
        if self.namespaced and len(parts) == 3:
            return ObjectLocation(LogicalClusterName(parts[0]), parts[1], parts[2])
        if not self.namespaced and len(parts) == 2:
            return ObjectLocation(LogicalClusterName(parts[0]), None, parts[1])
        raise ValueError(f"key {key!r} does not have this resource's shape")

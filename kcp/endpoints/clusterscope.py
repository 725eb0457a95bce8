"""`/clusters/<name>/...` -> the logical cluster a request is for, and the rest of its path.

Requests without the prefix address `root` (kubeconfig's `base` context, and
`kubectl get --raw /api/...`). kubectl percent-encodes `*` as `%2A`; aiohttp hands us
the decoded path, so `/clusters/*` matches either way. Workspace paths
(`root:org:team`) resolve through Workspace objects once workspaces are served; until
then a name must be a logical cluster name, and any other well-formed path is 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from kcp.apimachinery.errors import BadRequestError, NotFoundError
from kcp.logicalcluster import ROOT, LogicalClusterName, WorkspacePath

__all__ = ["ClusterScope", "resolve_cluster_scope"]

_PREFIX = "/clusters/"


@dataclass(frozen=True, slots=True)
class ClusterScope:
    cluster: LogicalClusterName
    path: str  # the request path with the cluster prefix removed
    prefix: str  # what was removed ("" for bare paths)


def resolve_cluster_scope(path: str, known: frozenset[LogicalClusterName]) -> ClusterScope:
    if not path.startswith(_PREFIX):
        return ClusterScope(ROOT, path, "")
    rest = path[len(_PREFIX) :]
    name, slash, tail = rest.partition("/")
    if not name:
        raise NotFoundError.plain()
    if name == "*":
        return ClusterScope(LogicalClusterName("*"), slash + tail, _PREFIX + name)
    if not LogicalClusterName.is_valid(name) and not WorkspacePath.is_valid(name):
        raise BadRequestError(f"invalid cluster name or path {name!r}")
    if not LogicalClusterName.is_valid(name) or LogicalClusterName(name) not in known:
        raise NotFoundError.plain()
    return ClusterScope(LogicalClusterName(name), slash + tail, _PREFIX + name)

from __future__ import annotations

import pytest

from kcp.apimachinery.errors import BadRequestError, NotFoundError
from kcp.endpoints.clusterscope import resolve_cluster_scope
from kcp.logicalcluster import ROOT, LogicalClusterName

KNOWN = frozenset({ROOT})


def test_bare_paths_address_root() -> None:
    scope = resolve_cluster_scope("/api/v1/namespaces", KNOWN)
    assert (scope.cluster, scope.path, scope.prefix) == (ROOT, "/api/v1/namespaces", "")


def test_prefixed_paths_strip_the_prefix() -> None:
    scope = resolve_cluster_scope("/clusters/root/api/v1", KNOWN)
    assert (scope.cluster, scope.path, scope.prefix) == (ROOT, "/api/v1", "/clusters/root")


def test_wildcard_is_recognised() -> None:
    scope = resolve_cluster_scope("/clusters/*/api/v1/configmaps", KNOWN)
    assert scope.cluster == LogicalClusterName("*")
    assert scope.cluster.is_wildcard


@pytest.mark.parametrize("path", ["/clusters/unknown/api", "/clusters/root:org/api", "/clusters/"])
def test_unknown_clusters_are_404(path: str) -> None:
    with pytest.raises(NotFoundError):
        resolve_cluster_scope(path, KNOWN)


@pytest.mark.parametrize(
    "path", ["/clusters/Bad_Name/api", "/clusters/root::x/api", "/clusters/-a/api"]
)
def test_invalid_names_are_400(path: str) -> None:
    with pytest.raises(BadRequestError):
        resolve_cluster_scope(path, KNOWN)

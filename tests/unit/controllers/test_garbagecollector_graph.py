"""The garbage collector's ownership graph: identity is (cluster, uid), never uid alone."""

from __future__ import annotations

from typing import Any

from kcp.controllers.garbagecollector.graph import Graph, Ref, Resource
from kcp.controllers.runtime.informer import ObjectKey

CONFIGMAPS = Resource("/api/v1", "configmaps", "", "ConfigMap", namespaced=True)
NAMESPACES = Resource("/api/v1", "namespaces", "", "Namespace", namespaced=False)


def _obj(uid: str, *owners: str) -> dict[str, Any]:
    meta: dict[str, Any] = {"uid": uid}
    if owners:
        meta["ownerReferences"] = [{"uid": o, "kind": "ConfigMap", "name": "o"} for o in owners]
    return {"metadata": meta}


def _ref(cluster: str, namespace: str, name: str, resource: Resource = CONFIGMAPS) -> Ref:
    return Ref(resource, ObjectKey(cluster, namespace, name))


def test_dependents_are_found_by_cluster_and_namespace() -> None:
    graph = Graph()
    owner, dep = _ref("a", "ns", "owner"), _ref("a", "ns", "dep")
    elsewhere, other_cluster = _ref("a", "other", "dep"), _ref("b", "ns", "dep")
    graph.observe(owner, _obj("u1"))
    for ref in (dep, elsewhere, other_cluster):
        graph.observe(ref, _obj(f"d-{ref.key.cluster}-{ref.key.namespace}", "u1"))
    assert graph.dependents(owner, "u1") == [dep]
    assert graph.node("a", "u1") == owner
    assert graph.node("b", "u1") is None


def test_cluster_scoped_owners_have_dependents_in_every_namespace_of_their_cluster() -> None:
    graph = Graph()
    owner = _ref("a", "", "ns1", NAMESPACES)
    deps = {_ref("a", "x", "d"), _ref("a", "y", "d")}
    graph.observe(owner, _obj("u1"))
    for ref in deps:
        graph.observe(ref, _obj(f"d-{ref.key.namespace}", "u1"))
    graph.observe(_ref("b", "x", "d"), _obj("d-b", "u1"))
    assert set(graph.dependents(owner, "u1")) == deps


def test_changes_reach_the_object_its_dependents_and_its_owners() -> None:
    graph = Graph()
    owner, dep = _ref("a", "ns", "owner"), _ref("a", "ns", "dep")
    graph.observe(owner, _obj("u1"))
    assert graph.observe(dep, _obj("u2", "u1")) == {dep, owner}
    assert graph.observe(owner, None) == {owner, dep}
    assert graph.node("a", "u1") is None
    # The dependent's reference is still indexed until the dependent itself changes.
    assert graph.observe(dep, _obj("u2")) == {dep}
    assert graph.dependents(owner, "u1") == []

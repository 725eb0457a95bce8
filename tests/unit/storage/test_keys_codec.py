from __future__ import annotations

import pytest

from kcp.logicalcluster import ROOT, LogicalClusterName
from kcp.storage import codec
from kcp.storage.interface import KeyValue
from kcp.storage.keys import ObjectLocation, ResourceKeys

CONFIGMAPS = ResourceKeys("", "configmaps", namespaced=True)
ROLES = ResourceKeys("rbac.authorization.k8s.io", "clusterroles", namespaced=False)


def test_layout_is_resource_then_cluster_then_namespace() -> None:
    assert CONFIGMAPS.object_key(ROOT, "default", "x") == "/core/configmaps/root/default/x"
    assert (
        ROLES.object_key(ROOT, None, "admin")
        == "/rbac.authorization.k8s.io/clusterroles/root/admin"
    )


def test_cluster_prefixes_do_not_capture_neighbours() -> None:
    a = CONFIGMAPS.cluster_prefix(LogicalClusterName("abc"))
    b = CONFIGMAPS.object_key(LogicalClusterName("abcd"), "ns", "x")
    assert not b.startswith(a)


def test_locate_inverts_object_key() -> None:
    key = CONFIGMAPS.object_key(LogicalClusterName("system:admin"), "ns", "x")
    assert CONFIGMAPS.locate(key) == ObjectLocation(LogicalClusterName("system:admin"), "ns", "x")


def test_namespaced_keys_need_a_namespace() -> None:
    with pytest.raises(ValueError, match="namespace is required"):
        CONFIGMAPS.object_key(ROOT, None, "x")


def test_codec_strips_and_restores_resource_version() -> None:
    stored = codec.encode({"metadata": {"name": "x", "resourceVersion": "9"}, "data": {}})
    assert b"resourceVersion" not in stored
    obj = codec.decode(KeyValue("/k", stored, 1, 42, 1))
    assert obj["metadata"]["resourceVersion"] == "42"


@pytest.mark.parametrize("value", [b"not json", b"[1]", b'{"metadata": 5}'])
def test_codec_reports_corrupt_values(value: bytes) -> None:
    with pytest.raises(codec.CorruptValueError):
        codec.decode(KeyValue("/k", value, 1, 1, 1))

"""kr8s (httpx; trailing-slash discovery, get-by-LIST) against `kcp start`."""

from __future__ import annotations

import uuid

import kr8s
import pytest
from kr8s.objects import ConfigMap, Namespace, Role

from tests.helpers.kcpserver import KcpProcess

NS = "default"


@pytest.fixture(scope="module")
def api(kcp: KcpProcess) -> kr8s.Api:
    return kr8s.api(kubeconfig=str(kcp.kubeconfig))


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def test_api_keeps_the_cluster_path(api: kr8s.Api, kcp: KcpProcess) -> None:
    assert api.auth.server == f"https://127.0.0.1:{kcp.port}/clusters/root"


def test_version_with_trailing_slash(api: kr8s.Api) -> None:
    version = api.version()
    assert version["major"] == "1"
    assert version["gitVersion"].startswith("v1.")


def test_api_resources(api: kr8s.Api) -> None:
    resources = {(r["name"], r.get("version", "")) for r in api.api_resources()}
    names = {name for name, _ in resources}
    assert {"configmaps", "secrets", "namespaces", "roles", "leases"} <= names


def test_configmap_create_get_patch_delete(api: kr8s.Api) -> None:
    name = unique("kr8s")
    cm = ConfigMap(
        {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {"name": name, "namespace": NS, "labels": {"via": "kr8s"}},
            "data": {"a": "1"},
        },
        api=api,
    )
    cm.create()
    assert cm.metadata.uid
    assert cm.exists()

    # `get` by name is a LIST with a duplicated `metadata.name=` field selector.
    got = ConfigMap.get(name, namespace=NS, api=api)
    assert got.name == name
    assert got.raw["data"] == {"a": "1"}
    assert got.metadata.uid == cm.metadata.uid

    cm.patch({"data": {"b": "2"}})
    assert cm.raw["data"] == {"a": "1", "b": "2"}
    cm.patch([{"op": "replace", "path": "/data/a", "value": "9"}], type="json")
    assert cm.raw["data"] == {"a": "9", "b": "2"}
    cm.label(tier="web")
    assert ConfigMap.get(name, namespace=NS, api=api).labels == {"via": "kr8s", "tier": "web"}

    cm.delete()
    assert not cm.exists()
    # kr8s retries a missing object until `timeout`; one retry is enough here.
    with pytest.raises(kr8s.NotFoundError):
        ConfigMap.get(name, namespace=NS, api=api, timeout=0)


def test_get_by_label_selector_and_pages(api: kr8s.Api) -> None:
    group = unique("kr8sgrp")
    names = sorted(f"{group}-{i}" for i in range(3))
    for name in names:
        ConfigMap(
            {"metadata": {"name": name, "namespace": NS, "labels": {"group": group}}}, api=api
        ).create()
    listed = api.get("configmaps", namespace=NS, label_selector={"group": group})
    assert sorted(cm.name for cm in listed) == names
    by_field = api.get("configmaps", namespace=NS, field_selector={"metadata.name": names[1]})
    assert [cm.name for cm in by_field] == [names[1]]
    for name in names:
        ConfigMap.get(name, namespace=NS, api=api).delete()


def test_duplicate_create_raises(api: kr8s.Api) -> None:
    name = unique("kr8sdup")
    body = {"metadata": {"name": name, "namespace": NS}, "data": {"k": "v"}}
    ConfigMap(body, api=api).create()
    with pytest.raises(kr8s.ServerError) as exc:
        ConfigMap(body, api=api).create()
    assert exc.value.status is not None
    assert exc.value.status["reason"] == "AlreadyExists"
    assert exc.value.response is not None
    assert exc.value.response.status_code == 409
    ConfigMap.get(name, namespace=NS, api=api).delete()


def test_cluster_scoped_and_rbac(api: kr8s.Api) -> None:
    names = {ns.name for ns in api.get("namespaces")}
    assert "default" in names
    assert Namespace.get("default", api=api).raw["status"]["phase"] == "Active"
    name = unique("kr8srole")
    role = Role(
        {
            "metadata": {"name": name, "namespace": NS},
            "rules": [{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get"]}],
        },
        api=api,
    )
    role.create()
    assert Role.get(name, namespace=NS, api=api).raw["rules"][0]["verbs"] == ["get"]
    role.delete()

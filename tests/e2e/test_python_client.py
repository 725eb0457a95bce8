"""The official Python `kubernetes` client (typed, watch and dynamic) against `kcp start`."""

from __future__ import annotations

import base64
import json
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from kubernetes import client, config, watch
from kubernetes.client.exceptions import ApiException
from kubernetes.dynamic import DynamicClient

from tests.helpers.kcpserver import KcpProcess

NS = "default"


@pytest.fixture(scope="module")
def api_client(kcp: KcpProcess) -> Iterator[client.ApiClient]:
    api = config.new_client_from_config(config_file=str(kcp.kubeconfig))
    yield api
    api.close()


@pytest.fixture
def pristine_v1(kcp: KcpProcess) -> Iterator[client.CoreV1Api]:
    api = config.new_client_from_config(config_file=str(kcp.kubeconfig))
    yield client.CoreV1Api(api)
    api.close()


@pytest.fixture
def v1(api_client: client.ApiClient) -> client.CoreV1Api:
    return client.CoreV1Api(api_client)


@pytest.fixture
def dyn(api_client: client.ApiClient, tmp_path: Path) -> DynamicClient:
    # A per-test discovery cache, never the shared temp-dir `osrcp-*.json`.
    return DynamicClient(api_client, cache_file=str(tmp_path / "discovery.json"))


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def configmap(name: str, data: dict[str, str], **labels: str) -> client.V1ConfigMap:
    return client.V1ConfigMap(
        metadata=client.V1ObjectMeta(name=name, labels=labels or None), data=data
    )


def status_of(exc: ApiException) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(exc.body)
    return body


def test_server_url_keeps_the_cluster_path(api_client: client.ApiClient, kcp: KcpProcess) -> None:
    assert api_client.configuration.host == f"https://127.0.0.1:{kcp.port}/clusters/root"
    info = client.VersionApi(api_client).get_code()
    assert info.major == "1"
    assert info.git_version.startswith("v1.")


def test_create_without_content_type_header_reads_json(pristine_v1: client.CoreV1Api) -> None:
    name = unique("no-ctype")
    created = pristine_v1.create_namespaced_config_map(NS, configmap(name, {"a": "1"}))
    assert created.data == {"a": "1"}
    created.data = {"a": "2"}
    assert pristine_v1.replace_namespaced_config_map(name, NS, created).data == {"a": "2"}
    pristine_v1.delete_namespaced_config_map(name, NS)


def test_configmap_create_read_replace_patch_delete(v1: client.CoreV1Api) -> None:
    name = unique("crud")
    created = v1.create_namespaced_config_map(NS, configmap(name, {"a": "1"}, app="crud"))
    assert created.metadata.name == name
    assert created.metadata.namespace == NS
    assert created.metadata.uid
    assert created.metadata.resource_version
    assert created.metadata.creation_timestamp is not None
    assert created.data == {"a": "1"}

    read = v1.read_namespaced_config_map(name, NS)
    assert read.metadata.uid == created.metadata.uid
    assert read.metadata.resource_version == created.metadata.resource_version

    read.data = {"a": "2", "b": "3"}
    replaced = v1.replace_namespaced_config_map(name, NS, read)
    assert replaced.data == {"a": "2", "b": "3"}
    assert int(replaced.metadata.resource_version) > int(created.metadata.resource_version)

    # A dict body on a built-in is sent as a strategic merge patch: keys merge, null deletes.
    patched = v1.patch_namespaced_config_map(
        name, NS, {"metadata": {"labels": {"tier": "web"}}, "data": {"b": None, "c": "4"}}
    )
    assert patched.data == {"a": "2", "c": "4"}
    assert patched.metadata.labels == {"app": "crud", "tier": "web"}

    # Client 37 returns the DELETE body as a plain dict: upstream sends a Success Status.
    status = v1.delete_namespaced_config_map(name, NS)
    assert status["kind"] == "Status"
    assert status["status"] == "Success"
    assert status["details"]["name"] == name
    assert status["details"]["kind"] == "configmaps"
    assert status["details"]["uid"] == created.metadata.uid
    with pytest.raises(ApiException) as exc:
        v1.read_namespaced_config_map(name, NS)
    assert exc.value.status == 404


def test_patch_content_types(v1: client.CoreV1Api) -> None:
    name = unique("ptypes")
    v1.create_namespaced_config_map(NS, configmap(name, {"a": "1"}))
    merged = v1.patch_namespaced_config_map(
        name, NS, {"data": {"m": "x"}}, _content_type="application/merge-patch+json"
    )
    assert merged.data == {"a": "1", "m": "x"}
    # A list body is sent as a JSON patch.
    jsonpatched = v1.patch_namespaced_config_map(
        name, NS, [{"op": "replace", "path": "/data/a", "value": "9"}]
    )
    assert jsonpatched.data == {"a": "9", "m": "x"}
    v1.delete_namespaced_config_map(name, NS)


def test_secret_create_read_patch_delete(v1: client.CoreV1Api) -> None:
    name = unique("secret")
    body = client.V1Secret(
        metadata=client.V1ObjectMeta(name=name, labels={"app": "sec"}),
        data={"user": base64.b64encode(b"admin").decode()},
        string_data={"password": "hunter2"},
    )
    created = v1.create_namespaced_secret(NS, body)
    assert created.type == "Opaque"
    assert created.string_data is None
    assert base64.b64decode(created.data["password"]) == b"hunter2"
    assert base64.b64decode(created.data["user"]) == b"admin"

    read = v1.read_namespaced_secret(name, NS)
    assert set(read.data) == {"user", "password"}

    patched = v1.patch_namespaced_secret(
        name, NS, {"data": {"token": base64.b64encode(b"t0k").decode()}}
    )
    assert set(patched.data) == {"user", "password", "token"}

    listed = v1.list_namespaced_secret(NS, label_selector="app=sec")
    assert name in {s.metadata.name for s in listed.items}

    v1.delete_namespaced_secret(name, NS)
    with pytest.raises(ApiException) as exc:
        v1.read_namespaced_secret(name, NS)
    assert exc.value.status == 404


def test_list_with_label_and_field_selectors(v1: client.CoreV1Api) -> None:
    group = unique("sel")
    names = [f"{group}-{i}" for i in range(3)]
    for i, name in enumerate(names):
        v1.create_namespaced_config_map(
            NS, configmap(name, {"i": str(i)}, group=group, parity=str(i % 2))
        )

    by_label = v1.list_namespaced_config_map(NS, label_selector=f"group={group}")
    assert sorted(cm.metadata.name for cm in by_label.items) == names
    assert by_label.metadata.resource_version

    even = v1.list_namespaced_config_map(NS, label_selector=f"group={group},parity=0")
    assert sorted(cm.metadata.name for cm in even.items) == [names[0], names[2]]

    set_based = v1.list_namespaced_config_map(NS, label_selector=f"group in ({group}),parity!=0")
    assert [cm.metadata.name for cm in set_based.items] == [names[1]]

    by_field = v1.list_namespaced_config_map(NS, field_selector=f"metadata.name={names[1]}")
    assert [cm.metadata.name for cm in by_field.items] == [names[1]]

    not_field = v1.list_namespaced_config_map(
        NS, label_selector=f"group={group}", field_selector=f"metadata.name!={names[1]}"
    )
    assert sorted(cm.metadata.name for cm in not_field.items) == [names[0], names[2]]

    across = v1.list_config_map_for_all_namespaces(field_selector=f"metadata.name={names[0]}")
    assert [(cm.metadata.namespace, cm.metadata.name) for cm in across.items] == [(NS, names[0])]

    for name in names:
        v1.delete_namespaced_config_map(name, NS)


def test_list_pages_with_limit_and_continue(v1: client.CoreV1Api) -> None:
    group = unique("page")
    names = sorted(f"{group}-{i}" for i in range(5))
    for name in names:
        v1.create_namespaced_config_map(NS, configmap(name, {}, page=group))

    seen: list[str] = []
    token: str | None = None
    pages = 0
    while True:
        page = v1.list_namespaced_config_map(
            NS, label_selector=f"page={group}", limit=2, _continue=token
        )
        pages += 1
        assert len(page.items) <= 2
        seen.extend(cm.metadata.name for cm in page.items)
        token = page.metadata._continue
        if not token:
            break
        assert page.metadata.remaining_item_count is None or page.metadata.remaining_item_count > 0
    assert pages == 3
    assert seen == names

    for name in names:
        v1.delete_namespaced_config_map(name, NS)


def test_not_found_is_404_with_status_body(v1: client.CoreV1Api) -> None:
    with pytest.raises(ApiException) as exc:
        v1.read_namespaced_config_map("does-not-exist", NS)
    assert exc.value.status == 404
    assert exc.value.reason == "Not Found"
    status = status_of(exc.value)
    assert status["kind"] == "Status"
    assert status["reason"] == "NotFound"
    assert status["code"] == 404
    assert status["message"] == 'configmaps "does-not-exist" not found'
    assert status["details"] == {"name": "does-not-exist", "kind": "configmaps"}


def test_missing_namespace_is_404(v1: client.CoreV1Api) -> None:
    with pytest.raises(ApiException) as exc:
        v1.create_namespaced_config_map("no-such-ns", configmap("x", {}))
    assert exc.value.status == 404
    assert status_of(exc.value)["message"] == 'namespaces "no-such-ns" not found'


def test_duplicate_create_is_409_already_exists(v1: client.CoreV1Api) -> None:
    name = unique("dup")
    v1.create_namespaced_config_map(NS, configmap(name, {}))
    with pytest.raises(ApiException) as exc:
        v1.create_namespaced_config_map(NS, configmap(name, {}))
    assert exc.value.status == 409
    assert exc.value.reason == "Conflict"
    status = status_of(exc.value)
    assert status["reason"] == "AlreadyExists"
    assert status["message"] == f'configmaps "{name}" already exists'
    assert status["details"]["name"] == name
    assert status["details"]["kind"] == "configmaps"
    v1.delete_namespaced_config_map(name, NS)


def test_stale_resource_version_is_409_conflict(v1: client.CoreV1Api) -> None:
    name = unique("stale")
    stale = v1.create_namespaced_config_map(NS, configmap(name, {"v": "1"}))
    fresh = v1.read_namespaced_config_map(name, NS)
    fresh.data = {"v": "2"}
    v1.replace_namespaced_config_map(name, NS, fresh)

    stale.data = {"v": "stale"}
    with pytest.raises(ApiException) as exc:
        v1.replace_namespaced_config_map(name, NS, stale)
    assert exc.value.status == 409
    status = status_of(exc.value)
    assert status["reason"] == "Conflict"
    assert status["message"] == (
        f'Operation cannot be fulfilled on configmaps "{name}": the object has been modified; '
        "please apply your changes to the latest version and try again"
    )

    # A patch that pins the old resourceVersion conflicts too.
    with pytest.raises(ApiException) as patch_exc:
        v1.patch_namespaced_config_map(
            name,
            NS,
            {"metadata": {"resourceVersion": stale.metadata.resource_version}, "data": {"v": "3"}},
            _content_type="application/merge-patch+json",
        )
    assert patch_exc.value.status == 409
    assert status_of(patch_exc.value)["reason"] == "Conflict"
    assert v1.read_namespaced_config_map(name, NS).data == {"v": "2"}
    v1.delete_namespaced_config_map(name, NS)


def test_invalid_name_is_422(v1: client.CoreV1Api) -> None:
    with pytest.raises(ApiException) as exc:
        v1.create_namespaced_config_map(NS, configmap("Bad_Name", {}))
    assert exc.value.status == 422
    assert exc.value.reason == "Unprocessable Entity"
    status = status_of(exc.value)
    assert status["reason"] == "Invalid"
    assert status["message"].startswith(
        'ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name"'
    )
    assert status["details"]["kind"] == "ConfigMap"
    assert status["details"]["name"] == "Bad_Name"
    causes = status["details"]["causes"]
    assert causes[0]["reason"] == "FieldValueInvalid"
    assert causes[0]["field"] == "metadata.name"


def test_missing_name_is_422(v1: client.CoreV1Api) -> None:
    with pytest.raises(ApiException) as exc:
        v1.create_namespaced_config_map(NS, client.V1ConfigMap(metadata=client.V1ObjectMeta()))
    assert exc.value.status == 422
    assert "name or generateName is required" in status_of(exc.value)["message"]


def test_generate_name(v1: client.CoreV1Api) -> None:
    created = v1.create_namespaced_config_map(
        NS, client.V1ConfigMap(metadata=client.V1ObjectMeta(generate_name="gen-"))
    )
    assert created.metadata.name.startswith("gen-")
    assert len(created.metadata.name) == len("gen-") + 5
    assert created.metadata.generate_name == "gen-"
    v1.delete_namespaced_config_map(created.metadata.name, NS)


def test_watch_sees_added_modified_deleted(v1: client.CoreV1Api) -> None:
    name = unique("watched")
    start_rv = v1.list_namespaced_config_map(NS).metadata.resource_version
    events: list[tuple[str, str, dict[str, str] | None]] = []
    watcher = watch.Watch()

    def mutate() -> None:
        time.sleep(0.3)
        v1.create_namespaced_config_map(NS, configmap(name, {"v": "1"}))
        v1.patch_namespaced_config_map(name, NS, {"data": {"v": "2"}})
        v1.delete_namespaced_config_map(name, NS)

    with ThreadPoolExecutor(max_workers=1) as pool:
        writer = pool.submit(mutate)
        for event in watcher.stream(
            v1.list_namespaced_config_map,
            namespace=NS,
            resource_version=start_rv,
            timeout_seconds=10,
        ):
            obj = event["object"]
            if obj.metadata.name != name:
                continue
            events.append((event["type"], obj.metadata.name, obj.data))
            if event["type"] == "DELETED":
                watcher.stop()
        writer.result(timeout=10)
    assert [e[0] for e in events] == ["ADDED", "MODIFIED", "DELETED"]
    assert events[0][2] == {"v": "1"}
    assert events[1][2] == {"v": "2"}


def test_watch_without_resource_version_starts_with_existing_objects(
    v1: client.CoreV1Api,
) -> None:
    name = unique("existing")
    v1.create_namespaced_config_map(NS, configmap(name, {}, watch="existing"))
    watcher = watch.Watch()
    seen: list[tuple[str, str]] = []
    for event in watcher.stream(
        v1.list_namespaced_config_map,
        namespace=NS,
        label_selector="watch=existing",
        timeout_seconds=2,
    ):
        seen.append((event["type"], event["object"].metadata.name))
        watcher.stop()
    assert seen == [("ADDED", name)]
    v1.delete_namespaced_config_map(name, NS)


def test_namespaces_list_and_create(v1: client.CoreV1Api) -> None:
    names = {ns.metadata.name for ns in v1.list_namespace().items}
    assert "default" in names
    name = unique("ns")
    created = v1.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=name)))
    assert created.metadata.labels["kubernetes.io/metadata.name"] == name
    assert created.status.phase == "Active"
    v1.create_namespaced_config_map(name, configmap("inside", {"k": "v"}))
    assert [cm.metadata.name for cm in v1.list_namespaced_config_map(name).items] == ["inside"]


def test_rbac_role_and_rolebinding(api_client: client.ApiClient) -> None:
    rbac = client.RbacAuthorizationV1Api(api_client)
    name = unique("reader")
    role = rbac.create_namespaced_role(
        NS,
        client.V1Role(
            metadata=client.V1ObjectMeta(name=name),
            rules=[
                client.V1PolicyRule(
                    api_groups=[""], resources=["configmaps"], verbs=["get", "list"]
                )
            ],
        ),
    )
    assert role.metadata.name == name
    assert role.rules[0].resources == ["configmaps"]

    binding = rbac.create_namespaced_role_binding(
        NS,
        client.V1RoleBinding(
            metadata=client.V1ObjectMeta(name=name),
            role_ref=client.V1RoleRef(
                api_group="rbac.authorization.k8s.io", kind="Role", name=name
            ),
            subjects=[
                client.RbacV1Subject(
                    kind="User", name="alice", api_group="rbac.authorization.k8s.io"
                )
            ],
        ),
    )
    assert binding.role_ref.name == name
    assert binding.subjects[0].name == "alice"

    read = rbac.read_namespaced_role_binding(name, NS)
    assert read.metadata.uid == binding.metadata.uid
    assert name in {r.metadata.name for r in rbac.list_namespaced_role(NS).items}

    rbac.delete_namespaced_role_binding(name, NS)
    rbac.delete_namespaced_role(name, NS)
    with pytest.raises(ApiException) as exc:
        rbac.read_namespaced_role(name, NS)
    assert exc.value.status == 404
    status = status_of(exc.value)
    assert status["message"] == f'roles.rbac.authorization.k8s.io "{name}" not found'
    assert status["details"]["group"] == "rbac.authorization.k8s.io"


def test_dynamic_client_discovers_builtins(dyn: DynamicClient) -> None:
    cms = dyn.resources.get(api_version="v1", kind="ConfigMap")
    assert cms.name == "configmaps"
    assert cms.namespaced
    roles = dyn.resources.get(api_version="rbac.authorization.k8s.io/v1", kind="Role")
    assert roles.name == "roles"
    assert roles.namespaced
    namespaces = dyn.resources.get(api_version="v1", kind="Namespace")
    assert not namespaces.namespaced
    leases = dyn.resources.get(api_version="coordination.k8s.io/v1", kind="Lease")
    assert leases.name == "leases"
    crds = dyn.resources.get(api_version="apiextensions.k8s.io/v1", kind="CustomResourceDefinition")
    assert not crds.namespaced
    assert dyn.version["kubernetes"]["major"] == "1"


def test_dynamic_client_configmap_get_create_patch(dyn: DynamicClient) -> None:
    cms = dyn.resources.get(api_version="v1", kind="ConfigMap")
    name = unique("dyn")
    created = cms.create(
        namespace=NS,
        body={
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {"name": name, "labels": {"via": "dynamic"}},
            "data": {"a": "1"},
        },
    )
    assert created.metadata.name == name
    assert created.kind == "ConfigMap"

    got = cms.get(name=name, namespace=NS)
    assert got.data.a == "1"

    patched = cms.patch(
        name=name,
        namespace=NS,
        body={"data": {"b": "2"}},
        content_type="application/merge-patch+json",
    )
    assert dict(patched.data) == {"a": "1", "b": "2"}

    listed = cms.get(namespace=NS, label_selector="via=dynamic")
    assert name in [item.metadata.name for item in listed.items]

    cms.delete(name=name, namespace=NS)
    with pytest.raises(ApiException) as exc:
        cms.get(name=name, namespace=NS)
    assert exc.value.status == 404


def test_dynamic_client_roles(dyn: DynamicClient) -> None:
    roles = dyn.resources.get(api_version="rbac.authorization.k8s.io/v1", kind="Role")
    name = unique("dynrole")
    roles.create(
        namespace=NS,
        body={
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "Role",
            "metadata": {"name": name},
            "rules": [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get"]}],
        },
    )
    patched = roles.patch(
        name=name,
        namespace=NS,
        body={"metadata": {"labels": {"team": "a"}}},
        content_type="application/merge-patch+json",
    )
    assert patched.metadata.labels.team == "a"
    assert patched.rules[0].resources == ["secrets"]
    got = roles.get(name=name, namespace=NS)
    assert got.metadata.labels.team == "a"
    roles.delete(name=name, namespace=NS)


def test_delete_with_delete_options_body(
    pristine_v1: client.CoreV1Api, v1: client.CoreV1Api
) -> None:
    name = unique("delopts")
    v1.create_namespaced_config_map(NS, configmap(name, {}))
    status = pristine_v1.delete_namespaced_config_map(
        name, NS, body=client.V1DeleteOptions(propagation_policy="Background")
    )
    assert status["status"] == "Success"
    with pytest.raises(ApiException) as exc:
        v1.read_namespaced_config_map(name, NS)
    assert exc.value.status == 404


def test_dry_run_create_does_not_persist(v1: client.CoreV1Api) -> None:
    name = unique("dry")
    created = v1.create_namespaced_config_map(NS, configmap(name, {"a": "1"}), dry_run="All")
    assert created.metadata.name == name
    with pytest.raises(ApiException) as exc:
        v1.read_namespaced_config_map(name, NS)
    assert exc.value.status == 404


def test_leases_round_trip(api_client: client.ApiClient) -> None:
    coordination = client.CoordinationV1Api(api_client)
    name = unique("lease")
    created = coordination.create_namespaced_lease(
        NS,
        client.V1Lease(
            metadata=client.V1ObjectMeta(name=name),
            spec=client.V1LeaseSpec(holder_identity="me", lease_duration_seconds=15),
        ),
    )
    assert created.spec.holder_identity == "me"
    patched = coordination.patch_namespaced_lease(name, NS, {"spec": {"holderIdentity": "you"}})
    assert patched.spec.holder_identity == "you"
    assert patched.spec.lease_duration_seconds == 15
    coordination.delete_namespaced_lease(name, NS)

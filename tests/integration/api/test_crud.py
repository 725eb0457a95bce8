"""CRUD on built-in resources over HTTPS, checked against upstream's codes and messages."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from tests.integration.conftest import API

CM = "/api/v1/namespaces/default/configmaps"


def configmap(name: str, **extra: Any) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}, **extra}


async def test_create_sets_server_fields_and_get_returns_the_object(api: API) -> None:
    status, created = await api.call("POST", CM, configmap("c1", data={"a": "1"}))
    assert status == 201
    meta = created["metadata"]
    assert meta["namespace"] == "default"
    assert len(meta["uid"]) == 36
    assert meta["creationTimestamp"].endswith("Z")
    assert int(meta["resourceVersion"]) > 0
    assert "generation" not in meta
    status, fetched = await api.call("GET", f"{CM}/c1")
    assert status == 200
    assert fetched == created


async def test_get_missing_is_404_with_upstream_status(api: API) -> None:
    status, body = await api.call("GET", f"{CM}/nope")
    assert status == 404
    assert body == {
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Failure",
        "message": 'configmaps "nope" not found',
        "reason": "NotFound",
        "details": {"name": "nope", "kind": "configmaps"},
        "code": 404,
    }


async def test_create_duplicate_is_409_already_exists(api: API) -> None:
    assert (await api.call("POST", CM, configmap("dup")))[0] == 201
    status, body = await api.call("POST", CM, configmap("dup"))
    assert (status, body["reason"], body["message"]) == (
        409,
        "AlreadyExists",
        'configmaps "dup" already exists',
    )


async def test_invalid_name_is_422_with_field_cause(api: API) -> None:
    status, body = await api.call("POST", CM, configmap("Bad_Name"))
    assert status == 422
    assert body["reason"] == "Invalid"
    assert body["message"].startswith(
        'ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": '
        "a lowercase RFC 1123 subdomain"
    )
    assert body["details"]["kind"] == "ConfigMap"
    assert body["details"]["causes"][0]["field"] == "metadata.name"
    assert (await api.call("GET", f"{CM}/Bad_Name"))[0] == 404


async def test_generate_name_appends_five_characters(api: API) -> None:
    status, body = await api.call("POST", CM, {"metadata": {"generateName": "gen-"}})
    assert status == 201
    name = body["metadata"]["name"]
    assert name.startswith("gen-")
    assert len(name) == 9
    assert body["metadata"]["generateName"] == "gen-"


async def test_body_namespace_must_match_the_url(api: API) -> None:
    status, body = await api.call("POST", CM, {"metadata": {"name": "x", "namespace": "other"}})
    assert status == 400
    assert body["message"] == (
        "the namespace of the provided object does not match the namespace sent on the request"
    )


async def test_update_with_stale_resource_version_is_409_conflict(api: API) -> None:
    _, created = await api.call("POST", CM, configmap("u1", data={"a": "1"}))
    created["data"] = {"a": "2"}
    status, updated = await api.call("PUT", f"{CM}/u1", created)
    assert status == 200
    assert int(updated["metadata"]["resourceVersion"]) > int(created["metadata"]["resourceVersion"])
    created["data"] = {"a": "3"}
    status, body = await api.call("PUT", f"{CM}/u1", created)
    assert status == 409
    assert body["message"] == (
        'Operation cannot be fulfilled on configmaps "u1": the object has been modified; '
        "please apply your changes to the latest version and try again"
    )
    assert (await api.call("GET", f"{CM}/u1"))[1]["data"] == {"a": "2"}


async def test_update_without_resource_version_is_unconditional(api: API) -> None:
    await api.call("POST", CM, configmap("uncond", data={"a": "1"}))
    status, body = await api.call("PUT", f"{CM}/uncond", configmap("uncond", data={"a": "2"}))
    assert status == 200, body
    assert body["data"] == {"a": "2"}


async def test_noop_update_keeps_the_resource_version(api: API) -> None:
    _, created = await api.call("POST", CM, configmap("same", data={"a": "1"}))
    status, updated = await api.call("PUT", f"{CM}/same", created)
    assert status == 200
    assert updated["metadata"]["resourceVersion"] == created["metadata"]["resourceVersion"]


@pytest.mark.parametrize(
    ("content_type", "patch", "expected"),
    [
        ("application/merge-patch+json", {"data": {"a": None, "b": "2"}}, {"b": "2"}),
        (
            "application/json-patch+json",
            [{"op": "add", "path": "/data/c", "value": "3"}],
            {"a": "1", "c": "3"},
        ),
        ("application/strategic-merge-patch+json", {"data": {"d": "4"}}, {"a": "1", "d": "4"}),
    ],
    ids=["merge", "json", "strategic"],
)
async def test_patch_types_apply_to_the_current_object(
    api: API, content_type: str, patch: Any, expected: dict[str, str]
) -> None:
    await api.call("POST", CM, configmap("p1", data={"a": "1"}))
    status, body = await api.call("PATCH", f"{CM}/p1", patch, content_type=content_type)
    assert status == 200, body
    assert body["data"] == expected


async def test_patch_carrying_a_stale_resource_version_is_409(api: API) -> None:
    _, created = await api.call("POST", CM, configmap("p2", data={"a": "1"}))
    await api.call(
        "PATCH", f"{CM}/p2", {"data": {"a": "2"}}, content_type="application/merge-patch+json"
    )
    stale = {
        "metadata": {"resourceVersion": created["metadata"]["resourceVersion"]},
        "data": {"a": "3"},
    }
    status, body = await api.call(
        "PATCH", f"{CM}/p2", stale, content_type="application/merge-patch+json"
    )
    assert (status, body["reason"]) == (409, "Conflict")


async def test_json_patch_failing_test_op_is_422_and_changes_nothing(api: API) -> None:
    await api.call("POST", CM, configmap("p3", data={"a": "1"}))
    patch = [{"op": "test", "path": "/data/a", "value": "9"}, {"op": "remove", "path": "/data/a"}]
    status, body = await api.call(
        "PATCH", f"{CM}/p3", patch, content_type="application/json-patch+json"
    )
    assert status == 422, body
    assert (await api.call("GET", f"{CM}/p3"))[1]["data"] == {"a": "1"}


async def test_unknown_patch_type_is_415(api: API) -> None:
    await api.call("POST", CM, configmap("p4"))
    status, body = await api.call("PATCH", f"{CM}/p4", {}, content_type="text/plain")
    assert (status, body["reason"]) == (415, "UnsupportedMediaType")


async def test_list_with_label_selector_limit_and_continue(api: API) -> None:
    for i in range(5):
        labels = {"tier": "web" if i % 2 == 0 else "db"}
        await api.call("POST", CM, configmap(f"l{i}", metadata={"name": f"l{i}", "labels": labels}))
    status, body = await api.call("GET", f"{CM}?labelSelector=tier%3Dweb")
    assert status == 200
    assert [i["metadata"]["name"] for i in body["items"]] == ["l0", "l2", "l4"]
    assert body["kind"] == "ConfigMapList"

    names: list[str] = []
    token = ""
    pages = 0
    while True:
        query = f"?limit=2&continue={token}" if token else "?limit=2"
        _, page = await api.call("GET", CM + query)
        names += [i["metadata"]["name"] for i in page["items"]]
        pages += 1
        token = page["metadata"].get("continue", "")
        if not token:
            break
    assert names == [f"l{i}" for i in range(5)]
    assert pages == 3


async def test_unsupported_field_selector_is_400(api: API) -> None:
    status, body = await api.call("GET", f"{CM}?fieldSelector=spec.foo%3Dbar")
    assert status == 400
    assert (
        body["message"]
        == '"spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace"'
    )


async def test_field_selector_on_name(api: API) -> None:
    await api.call("POST", CM, configmap("f1"))
    await api.call("POST", CM, configmap("f2"))
    _, body = await api.call("GET", f"{CM}?fieldSelector=metadata.name%3Df2")
    assert [i["metadata"]["name"] for i in body["items"]] == ["f2"]


async def test_delete_answers_success_status(api: API) -> None:
    _, created = await api.call("POST", CM, configmap("d1"))
    status, body = await api.call("DELETE", f"{CM}/d1")
    assert status == 200
    assert body["status"] == "Success"
    assert body["details"] == {
        "name": "d1",
        "kind": "configmaps",
        "uid": created["metadata"]["uid"],
    }
    assert (await api.call("GET", f"{CM}/d1"))[0] == 404


async def test_delete_waits_for_finalizers(api: API) -> None:
    await api.call(
        "POST", CM, configmap("fin", metadata={"name": "fin", "finalizers": ["example.com/x"]})
    )
    status, body = await api.call("DELETE", f"{CM}/fin")
    assert status == 200
    assert body["metadata"]["deletionTimestamp"]
    status, body = await api.call("GET", f"{CM}/fin")
    assert status == 200
    assert body["metadata"]["deletionTimestamp"]
    await api.call(
        "PATCH",
        f"{CM}/fin",
        {"metadata": {"finalizers": None}},
        content_type="application/merge-patch+json",
    )
    assert (await api.call("GET", f"{CM}/fin"))[0] == 404


async def test_delete_precondition_mismatch_is_409(api: API) -> None:
    await api.call("POST", CM, configmap("pre"))
    status, body = await api.call("DELETE", f"{CM}/pre", {"preconditions": {"uid": "other"}})
    assert status == 409
    assert "Precondition failed: UID in precondition: other" in body["message"]


async def test_dry_run_create_stores_nothing(api: API) -> None:
    status, body = await api.call("POST", f"{CM}?dryRun=All", configmap("dry"))
    assert status == 201
    assert body["metadata"]["name"] == "dry"
    assert (await api.call("GET", f"{CM}/dry"))[0] == 404


async def test_cluster_prefix_addresses_root(api: API) -> None:
    await api.call("POST", CM, configmap("rooted"))
    assert (await api.call("GET", f"/clusters/root{CM}/rooted"))[0] == 200


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/clusters/nosuchcluster/api/v1/namespaces", 404),
        ("/clusters/Bad_Name/api/v1/namespaces", 400),
        ("/api/v1/widgets", 404),
        ("/apis/example.com/v1/widgets", 404),
        ("/nonsense", 404),
    ],
    ids=["unknown-cluster", "invalid-cluster", "unknown-resource", "unknown-group", "unknown-path"],
)
async def test_bad_paths_are_status_errors(api: API, path: str, code: int) -> None:
    status, body = await api.call("GET", path)
    assert status == code
    assert body["kind"] == "Status"


async def test_wrong_verb_is_405(api: API) -> None:
    status, body = await api.call("DELETE", "/api/v1/namespaces")
    assert (status, body["reason"]) == (405, "MethodNotAllowed")
    assert body["message"] == 'deletecollection is not supported on resources of kind "namespaces"'


@pytest.mark.parametrize(
    ("raw", "content_type", "code"),
    [
        (b"{not json", "application/json", 400),
        (b"[1, 2]", "application/json", 400),
        (b"data", "application/x-www-form-urlencoded", 415),
        (b"{" + b" " * (3 * 1024 * 1024 + 10) + b"}", "application/json", 413),
    ],
    ids=["malformed-json", "not-an-object", "unknown-media-type", "too-large"],
)
@pytest.mark.filterwarnings("ignore:Sending a large body:ResourceWarning")
async def test_bad_bodies_are_status_errors(
    api: API, raw: bytes, content_type: str, code: int
) -> None:
    status, body = await api.call("POST", CM, raw=raw, content_type=content_type)
    assert status == code
    assert body["kind"] == "Status"
    assert body["code"] == code


async def test_table_output_has_name_data_age(api: API) -> None:
    await api.call("POST", CM, configmap("t1", data={"a": "1", "b": "2"}))
    accept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"
    status, table = await api.call("GET", f"{CM}/t1", headers={"Accept": accept})
    assert status == 200
    assert table["kind"] == "Table"
    assert [c["name"] for c in table["columnDefinitions"]] == ["Name", "Data", "Age"]
    assert table["rows"][0]["cells"][:2] == ["t1", 2]
    assert table["rows"][0]["object"]["kind"] == "PartialObjectMetadata"


async def test_objects_in_one_namespace_are_invisible_from_another(api: API) -> None:
    for ns in ("team-a", "team-b"):
        assert (await api.call("POST", "/api/v1/namespaces", {"metadata": {"name": ns}}))[0] == 201
    created = await api.call(
        "POST", "/api/v1/namespaces/team-a/configmaps", configmap("secret-plan")
    )
    assert created[0] == 201
    _, listed = await api.call("GET", "/api/v1/namespaces/team-b/configmaps")
    assert listed["items"] == []
    assert (await api.call("GET", "/api/v1/namespaces/team-b/configmaps/secret-plan"))[0] == 404


async def test_strategic_patch_merges_owner_references_by_uid(api: API) -> None:
    first = {"apiVersion": "v1", "kind": "ConfigMap", "name": "a", "uid": "uid-a"}
    second = {"apiVersion": "v1", "kind": "ConfigMap", "name": "b", "uid": "uid-b"}
    await api.call(
        "POST", CM, configmap("owned", metadata={"name": "owned", "ownerReferences": [first]})
    )
    status, body = await api.call(
        "PATCH",
        f"{CM}/owned",
        {"metadata": {"ownerReferences": [second]}},
        content_type="application/strategic-merge-patch+json",
    )
    assert status == 200, body
    assert [ref["uid"] for ref in body["metadata"]["ownerReferences"]] == ["uid-b", "uid-a"]


PARTIAL = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json"
PARTIAL_LIST = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json"


async def test_partial_object_metadata_get_and_list(api: API) -> None:
    _, created = await api.call("POST", CM, configmap("pom", data={"secret": "value"}))
    status, body = await api.call("GET", f"{CM}/pom", headers={"Accept": PARTIAL})
    assert status == 200
    assert body == {
        "kind": "PartialObjectMetadata",
        "apiVersion": "meta.k8s.io/v1",
        "metadata": created["metadata"],
    }
    status, listed = await api.call("GET", CM, headers={"Accept": PARTIAL_LIST})
    assert status == 200
    assert listed["kind"] == "PartialObjectMetadataList"
    assert listed["metadata"]["resourceVersion"]
    assert all(set(item) == {"kind", "apiVersion", "metadata"} for item in listed["items"])


async def test_partial_object_metadata_watch(api: API) -> None:
    await api.call("POST", CM, configmap("pomw", data={"k": "v"}))
    url = api.base + f"{CM}?watch=true&fieldSelector=metadata.name%3Dpomw&timeoutSeconds=1"
    async with api.session.get(url, headers={"Accept": PARTIAL}) as resp:
        first = orjson.loads(await resp.content.readline())
    assert first["type"] == "ADDED"
    assert first["object"]["kind"] == "PartialObjectMetadata"
    assert "data" not in first["object"]

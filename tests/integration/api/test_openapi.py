"""OpenAPI v3 documents over HTTPS, and the field validation that follows from them."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from typing import Any

import orjson
import pytest
from multidict import CIMultiDict

from kcp.apimachinery.schema import GroupVersion
from kcp.registry.catalogue import BUILTIN_DEFINITIONS, Catalogue
from kcp.server import keys
from kcp.server.app import Server
from tests.integration.conftest import API

CM = "/api/v1/namespaces/default/configmaps"
HASH = re.compile(r"\?hash=([0-9A-F]{128})$")
PATCH_TYPES = {
    "application/apply-patch+yaml",
    "application/json-patch+json",
    "application/merge-patch+json",
    "application/strategic-merge-patch+json",
}


async def _get(api: API, path: str, **headers: str) -> tuple[int, CIMultiDict[str], bytes]:
    async with api.session.get(api.base + path, headers=headers, allow_redirects=False) as resp:
        return resp.status, CIMultiDict(resp.headers), await resp.read()


async def _send(
    api: API, method: str, path: str, body: Any, content_type: str = "application/json"
) -> tuple[int, list[str], Any]:
    """A write, with the Warning headers of its response."""
    headers = {"Content-Type": content_type}
    async with api.session.request(
        method, api.base + path, data=orjson.dumps(body), headers=headers
    ) as resp:
        return resp.status, resp.headers.getall("Warning", []), orjson.loads(await resp.read())


async def _index(api: API, prefix: str = "") -> dict[str, str]:
    status, _, body = await _get(api, f"{prefix}/openapi/v3")
    assert status == 200
    return {key: value["serverRelativeURL"] for key, value in orjson.loads(body)["paths"].items()}


async def _document(api: API, key: str = "api/v1") -> dict[str, Any]:
    status, _, body = await _get(api, (await _index(api))[key])
    assert status == 200
    document: dict[str, Any] = orjson.loads(body)
    return document


# --- the documents -----------------------------------------------------------------


async def test_index_lists_every_served_group_version_with_a_hash(api: API) -> None:
    index = await _index(api)
    served = {GroupVersion(d.group, d.version) for d in BUILTIN_DEFINITIONS}
    expected = {f"apis/{gv.group}/{gv.version}" if gv.group else "api/v1" for gv in served}
    assert set(index) == expected
    assert HASH.search(index["api/v1"])
    assert index["api/v1"].startswith("/openapi/v3/api/v1?hash=")


async def test_index_keeps_the_cluster_prefix(api: API) -> None:
    index = await _index(api, "/clusters/root")
    assert index["api/v1"].startswith("/clusters/root/openapi/v3/api/v1?hash=")
    status, _, _ = await _get(api, index["api/v1"])
    assert status == 200


async def test_hashed_document_is_immutable_and_hash_is_its_sha512(api: API) -> None:
    url = (await _index(api))["api/v1"]
    status, headers, body = await _get(api, url)
    assert status == 200
    assert headers["Content-Type"].startswith("application/json")
    assert headers["Cache-Control"] == "public, immutable"
    assert "Expires" in headers
    digest = hashlib.sha512(body).hexdigest().upper()
    assert url.endswith(digest)
    assert headers["ETag"] == f'"{digest}"'


async def test_unhashed_document_is_not_immutable_and_revalidates(api: API) -> None:
    status, headers, _ = await _get(api, "/openapi/v3/api/v1")
    assert status == 200
    assert "Cache-Control" not in headers
    status, _, body = await _get(api, "/openapi/v3/api/v1", **{"If-None-Match": headers["ETag"]})
    assert (status, body) == (304, b"")


async def test_stale_hash_redirects_to_the_current_document(api: API) -> None:
    current = (await _index(api, "/clusters/root"))["api/v1"]
    status, headers, _ = await _get(api, "/clusters/root/openapi/v3/api/v1?hash=0BSOLETE")
    assert status == 301
    assert headers["Location"] == current


async def test_every_kind_has_a_patch_operation_kubectl_accepts(api: API) -> None:
    for definition in BUILTIN_DEFINITIONS:
        gv = GroupVersion(definition.group, definition.version)
        key = f"apis/{gv.group}/{gv.version}" if gv.group else f"api/{gv.version}"
        document = await _document(api, key)
        gvk = {"group": definition.group, "version": definition.version, "kind": definition.kind}
        patches = [
            item["patch"]
            for item in document["paths"].values()
            if item.get("patch", {}).get("x-kubernetes-group-version-kind") == gvk
        ]
        if "patch" not in definition.verbs:
            continue
        assert patches, definition.kind
        for op in patches:
            assert op["x-kubernetes-action"] == "patch"
            names = {p["name"] for p in op["parameters"] if p["in"] == "query"}
            assert {"dryRun", "fieldManager", "fieldValidation", "force"} <= names
            content = set(op["requestBody"]["content"])
            strategic = definition.patch_schema is not None
            assert content == PATCH_TYPES - (set() if strategic else {STRATEGIC})


STRATEGIC = "application/strategic-merge-patch+json"


async def test_configmap_paths_operations_and_components(api: API) -> None:
    document = await _document(api)
    assert document["openapi"] == "3.0.0"
    paths = document["paths"]
    item = paths["/api/v1/namespaces/{namespace}/configmaps/{name}"]
    assert set(item) == {"get", "put", "patch", "delete", "parameters"}
    assert item["patch"]["operationId"] == "patchCoreV1NamespacedConfigMap"
    collection = paths["/api/v1/namespaces/{namespace}/configmaps"]
    assert {op: collection[op]["x-kubernetes-action"] for op in ("get", "post", "delete")} == {
        "get": "list",
        "post": "post",
        "delete": "deletecollection",
    }
    all_namespaces = paths["/api/v1/configmaps"]["get"]
    assert all_namespaces["operationId"] == "listCoreV1ConfigMapForAllNamespaces"
    assert paths["/api/v1/namespaces/{name}/status"]["patch"]["operationId"] == (
        "patchCoreV1NamespaceStatus"
    )
    ok = item["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/io.k8s.api.core.v1.ConfigMap"}
    schemas = document["components"]["schemas"]
    configmap = schemas["io.k8s.api.core.v1.ConfigMap"]
    assert configmap["x-kubernetes-group-version-kind"] == [
        {"group": "", "kind": "ConfigMap", "version": "v1"}
    ]
    assert "Data contains the configuration data" in configmap["properties"]["data"]["description"]
    referenced = set(re.findall(r'"#/components/schemas/([^"]+)"', orjson.dumps(document).decode()))
    assert referenced <= set(schemas)  # trimmed, yet complete
    assert "io.k8s.api.rbac.v1.Role" not in schemas


async def test_unknown_group_version_and_v2_are_404_status(api: API) -> None:
    for path in ("/openapi/v3/apis/example.com/v1", "/openapi/v2", "/clusters/root/openapi/v2"):
        status, body = await api.call("GET", path)
        assert status == 404
        assert body["kind"] == "Status"
        assert body["reason"] == "NotFound"


async def test_hash_changes_with_the_served_definitions(api: API, server: Server) -> None:
    before = (await _index(api))["api/v1"]
    app = server._app
    assert app is not None
    handler = app[keys.API]  # swap the catalogue, as a new CRD would
    original = handler.catalogue
    without_smp = tuple(
        dataclasses.replace(d, patch_schema=None) if d.kind == "Secret" else d
        for d in BUILTIN_DEFINITIONS
    )
    handler.catalogue = Catalogue(without_smp)
    try:
        after = (await _index(api))["api/v1"]
        assert after != before
        document = await _document(api)
        secret_patch = document["paths"]["/api/v1/namespaces/{namespace}/secrets/{name}"]["patch"]
        assert STRATEGIC not in secret_patch["requestBody"]["content"]
        status, _, _ = await _get(api, before)
        assert status == 301
    finally:
        handler.catalogue = original
    assert (await _index(api))["api/v1"] == before


# --- field validation --------------------------------------------------------------


def _bad_configmap(name: str) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": name, "bogus": 1},
        "data": {"a": "b"},
        "spec": {"x": 1},
    }


STRICT_MESSAGE = (
    'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: '
    'unknown field "metadata.bogus", unknown field "spec"'
)


async def test_strict_create_is_400_naming_every_unknown_field(api: API) -> None:
    status, body = await api.call("POST", f"{CM}?fieldValidation=Strict", _bad_configmap("s1"))
    assert (status, body["reason"], body["message"]) == (400, "BadRequest", STRICT_MESSAGE)
    assert (await api.call("GET", f"{CM}/s1"))[0] == 404


async def test_strict_create_names_duplicate_fields(api: API) -> None:
    raw = b'{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"d1"},"data":{},"data":{}}'
    status, body = await api.call("POST", f"{CM}?fieldValidation=Strict", raw=raw)
    assert status == 400
    assert body["message"].endswith('strict decoding error: duplicate field "data"')


async def test_warn_create_stores_the_pruned_object_with_warnings(api: API) -> None:
    status, warnings, created = await _send(
        api, "POST", f"{CM}?fieldValidation=Warn", _bad_configmap("w1")
    )
    assert status == 201
    assert len(warnings) == 2
    assert all(w.startswith("299 - ") and "unknown field" in w for w in warnings)
    assert "spec" not in created
    assert "bogus" not in created["metadata"]
    assert (await api.call("GET", f"{CM}/w1"))[1]["data"] == {"a": "b"}


async def test_warn_header_quotes_are_escaped_as_upstream(api: API) -> None:
    _, warnings, _ = await _send(api, "POST", f"{CM}?fieldValidation=Warn", _bad_configmap("w2"))
    assert '299 - "unknown field \\"spec\\""' in warnings


async def test_ignore_create_prunes_silently(api: API) -> None:
    status, warnings, created = await _send(
        api, "POST", f"{CM}?fieldValidation=Ignore", _bad_configmap("i1")
    )
    assert (status, warnings) == (201, [])
    assert "spec" not in created
    assert "bogus" not in created["metadata"]


async def test_strict_replace_is_400_and_ignore_replace_prunes(api: API) -> None:
    status, created = await api.call("POST", CM, {"metadata": {"name": "r1"}, "data": {"a": "1"}})
    assert status == 201
    replacement = _bad_configmap("r1")
    replacement["metadata"]["resourceVersion"] = created["metadata"]["resourceVersion"]
    status, body = await api.call("PUT", f"{CM}/r1?fieldValidation=Strict", replacement)
    assert (status, body["message"]) == (400, STRICT_MESSAGE)
    status, body = await api.call("PUT", f"{CM}/r1?fieldValidation=Ignore", replacement)
    assert status == 200, body["message"]
    assert "spec" not in body
    assert "bogus" not in body["metadata"]
    assert body["data"] == {"a": "b"}


@pytest.mark.parametrize(
    ("content_type", "patch", "shown"),
    [
        (
            "application/merge-patch+json",
            {"spec": {"x": 1}},
            '{\\"apiVersion\\":\\"v1\\",',
        ),
        (STRATEGIC, {"spec": {"x": 1}, "data": {"k": "v"}}, "map[data:map[k:v] spec:map[x:1]]"),
        ("application/json-patch+json", [{"op": "add", "path": "/spec", "value": 1}], "{"),
    ],
    ids=["merge", "strategic", "json"],
)
async def test_strict_patch_is_422_on_the_patched_object(
    api: API, content_type: str, patch: Any, shown: str
) -> None:
    assert (await api.call("POST", CM, {"metadata": {"name": "p1"}}))[0] == 201
    status, body = await api.call(
        "PATCH", f"{CM}/p1?fieldValidation=Strict", patch, content_type=content_type
    )
    assert (status, body["reason"]) == (422, "Invalid")
    assert body["message"].startswith(' "" is invalid: patch: Invalid value: "' + shown)
    assert body["message"].endswith('": strict decoding error: unknown field "spec"')
    assert body["details"]["causes"][0]["field"] == "patch"
    status, current = await api.call("GET", f"{CM}/p1")
    assert "spec" not in current


async def test_warn_and_ignore_patches_drop_unknown_fields(api: API) -> None:
    assert (await api.call("POST", CM, {"metadata": {"name": "p2"}}))[0] == 201
    status, warnings, patched = await _send(
        api, "PATCH", f"{CM}/p2?fieldValidation=Warn", {"spec": 1, "data": {"k": "v"}}, STRATEGIC
    )
    assert (status, len(warnings)) == (200, 1)
    assert patched["data"] == {"k": "v"}
    assert "spec" not in patched
    status, patched = await api.call(
        "PATCH",
        f"{CM}/p2?fieldValidation=Ignore",
        {"spec": 2, "metadata": {"labels": {"a": "b"}}},
        content_type="application/merge-patch+json",
    )
    assert status == 200
    assert "spec" not in patched
    assert patched["metadata"]["labels"] == {"a": "b"}


async def test_known_fields_pass_strict_validation_everywhere(api: API) -> None:
    full = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {
            "name": "full",
            "labels": {"a": "b"},
            "annotations": {"c": "d"},
            "finalizers": ["example.com/x"],
        },
        "data": {"a": "1"},
        "binaryData": {"b": "AAEC"},
        "immutable": False,
    }
    status, created = await api.call("POST", f"{CM}?fieldValidation=Strict", full)
    assert status == 201, created
    status, replaced = await api.call("PUT", f"{CM}/full?fieldValidation=Strict", created)
    assert status == 200, replaced
    status, patched = await api.call(
        "PATCH",
        f"{CM}/full?fieldValidation=Strict",
        {"metadata": {"finalizers": None}},
        content_type="application/merge-patch+json",
    )
    assert status == 200, patched

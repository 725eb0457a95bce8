"""CustomResourceDefinitions: defaults, status, generation and the basic validation rules."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.integration.api.test_resources import VALID
from tests.integration.conftest import API

CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions"
NAME = "widgets.example.com"


def crd(name: str = NAME, **spec: Any) -> dict[str, Any]:
    fields = copy.deepcopy(VALID["customresourcedefinitions.apiextensions.k8s.io"]["spec"])
    return {"metadata": {"name": name}, "spec": {**fields, **spec}}


def version(name: str, storage: bool, schema: bool = True) -> dict[str, Any]:
    v: dict[str, Any] = {"name": name, "served": True, "storage": storage}
    if schema:
        v["schema"] = {"openAPIV3Schema": {"type": "object"}}
    return v


async def test_create_defaults_names_and_records_the_storage_version(api: API) -> None:
    status, created = await api.call("POST", CRDS, crd())
    assert status == 201, created
    names = created["spec"]["names"]
    assert (names["singular"], names["listKind"]) == ("widget", "WidgetList")
    assert created["spec"]["conversion"] == {"strategy": "None"}
    assert created["status"] == {
        "acceptedNames": {"plural": "", "kind": ""},
        "storedVersions": ["v1"],
    }
    assert created["metadata"]["generation"] == 1


async def test_spec_changes_count_generations_and_status_is_apart(api: API) -> None:
    status, created = await api.call("POST", CRDS, crd())
    assert status == 201
    created["spec"]["versions"] = [version("v1", False), version("v2", True)]
    created["status"]["storedVersions"] = ["bogus"]
    status, updated = await api.call("PUT", f"{CRDS}/{NAME}", created)
    assert status == 200, updated
    assert updated["metadata"]["generation"] == 2
    assert updated["status"]["storedVersions"] == ["v1", "v2"]
    updated["status"]["acceptedNames"] = {"plural": "widgets", "kind": "Widget"}
    status, accepted = await api.call("PUT", f"{CRDS}/{NAME}/status", updated)
    assert (status, accepted["status"]["acceptedNames"]["kind"]) == (200, "Widget")
    accepted["status"]["storedVersions"] = ["v2", "v3"]
    status, body = await api.call("PUT", f"{CRDS}/{NAME}/status", accepted)
    assert status == 422
    assert body["message"] == (
        f'CustomResourceDefinition.apiextensions.k8s.io "{NAME}" is invalid: '
        'status.storedVersions[1]: Invalid value: "v3": must appear in spec.versions'
    )


@pytest.mark.parametrize(
    ("obj", "message"),
    [
        (
            crd("widgets.example.org"),
            'metadata.name: Invalid value: "widgets.example.org": must be '
            'spec.names.plural+"."+spec.group',
        ),
        (
            crd("widgets.example", group="example"),
            'spec.group: Invalid value: "example": should be a domain with at least one dot',
        ),
        (
            crd(scope="Galaxy"),
            'spec.scope: Unsupported value: "Galaxy": supported values: "Cluster", "Namespaced"',
        ),
        (
            crd(versions=[version("v1", True), version("v2", True)]),
            # The first storage version is recorded; upstream then misses the second.
            "[spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{"
            'apiextensions.CustomResourceDefinitionVersion{Name:"v1", Served:true, Storage:true, '
            '...}, apiextensions.CustomResourceDefinitionVersion{Name:"v2", Served:true, '
            "Storage:true, ...}}: must have exactly one version marked as storage version, "
            "status.storedVersions: Invalid value: apiextensions.CustomResourceDefinitionVersion{"
            'Name:"v2", Served:true, Storage:true, ...}: must have the storage version v2]',
        ),
        (
            crd(versions=[version("v1", True, schema=False)]),
            "spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required",
        ),
        (
            crd(names={"plural": "widgets", "kind": "Widget", "listKind": "Widget"}),
            'spec.names.listKind: Invalid value: "Widget": kind and listKind may not be the same',
        ),
    ],
    ids=["name", "group", "scope", "two-storage-versions", "no-schema", "list-kind"],
)
async def test_invalid_definitions_get_upstream_messages(
    api: API, obj: dict[str, Any], message: str
) -> None:
    status, body = await api.call("POST", CRDS, obj)
    assert (status, body["reason"]) == (422, "Invalid"), body
    name = obj["metadata"]["name"]
    assert body["message"] == (
        f'CustomResourceDefinition.apiextensions.k8s.io "{name}" is invalid: {message}'
    )

"""The generated OpenAPI data of the built-ins: lookups, patch metadata, pruning."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from kcp.apimachinery import patch as patches
from kcp.apimachinery.patch.schema import FREE_FORM, OBJECT_META_SCHEMA, object_schema
from kcp.apimachinery.schema import GroupVersionKind
from kcp.registry.builtin import openapi
from kcp.registry.builtin.openapi import data

CORE = "io.k8s.api.core.v1."
META = "io.k8s.apimachinery.pkg.apis.meta.v1."
CONFIGMAP = GroupVersionKind("", "v1", "ConfigMap")
ADMISSION = "admissionregistration.k8s.io"
CRD = GroupVersionKind("apiextensions.k8s.io", "v1", "CustomResourceDefinition")

# Every kind the generator was asked for (hack/openapi-gen/kinds.go), with a list kind
# unless it is a create-only review.
KINDS = [
    ("", "v1", "Namespace"),
    ("", "v1", "ConfigMap"),
    ("", "v1", "Secret"),
    ("", "v1", "ServiceAccount"),
    ("", "v1", "Event"),
    ("", "v1", "ResourceQuota"),
    ("rbac.authorization.k8s.io", "v1", "Role"),
    ("rbac.authorization.k8s.io", "v1", "RoleBinding"),
    ("rbac.authorization.k8s.io", "v1", "ClusterRole"),
    ("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding"),
    ("coordination.k8s.io", "v1", "Lease"),
    ("events.k8s.io", "v1", "Event"),
    ("apiextensions.k8s.io", "v1", "CustomResourceDefinition"),
    ("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration"),
    ("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration"),
    ("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicy"),
    ("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicyBinding"),
    ("certificates.k8s.io", "v1", "CertificateSigningRequest"),
]
REVIEWS = [
    ("authorization.k8s.io", "v1", "SubjectAccessReview"),
    ("authorization.k8s.io", "v1", "SelfSubjectAccessReview"),
    ("authorization.k8s.io", "v1", "LocalSubjectAccessReview"),
    ("authorization.k8s.io", "v1", "SelfSubjectRulesReview"),
    ("authentication.k8s.io", "v1", "TokenReview"),
    ("authentication.k8s.io", "v1", "SelfSubjectReview"),
]


def _ids(cases: list[tuple[str, str, str]]) -> list[str]:
    return [f"{g or 'core'}/{v}/{k}" for g, v, k in cases]


# --- lookups -----------------------------------------------------------------------


@pytest.mark.parametrize(("group", "version", "kind"), KINDS + REVIEWS, ids=_ids(KINDS + REVIEWS))
def test_every_kind_has_a_schema_with_its_gvk(group: str, version: str, kind: str) -> None:
    gvk = GroupVersionKind(group, version, kind)
    schema = openapi.schema_for(gvk)
    assert schema is not None
    assert {"group": group, "version": version, "kind": kind} in schema[
        "x-kubernetes-group-version-kind"
    ]
    assert {"apiVersion", "kind", "metadata"} <= set(schema["properties"])
    assert schema["description"]


@pytest.mark.parametrize(("group", "version", "kind"), KINDS, ids=_ids(KINDS))
def test_every_listable_kind_has_a_list_schema(group: str, version: str, kind: str) -> None:
    schema = openapi.schema_for(GroupVersionKind(group, version, kind + "List"))
    assert schema is not None
    assert schema["required"] == ["items"]
    item_name = openapi.schema_name_for(GroupVersionKind(group, version, kind))
    assert schema["properties"]["items"]["items"]["$ref"] == f"{data.REF_PREFIX}{item_name}"


def test_unknown_kind_has_no_schema() -> None:
    assert openapi.schema_for(GroupVersionKind("example.com", "v1", "Widget")) is None
    assert not openapi.has_schema(GroupVersionKind("example.com", "v1", "Widget"))


def test_schema_names_follow_upstream() -> None:
    assert openapi.schema_name_for(CONFIGMAP) == CORE + "ConfigMap"
    assert openapi.schema_name_for(CRD) == (
        "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition"
    )
    assert openapi.schema_name_for(GroupVersionKind("events.k8s.io", "v1", "Event")) == (
        "io.k8s.api.events.v1.Event"
    )


def test_every_reference_resolves() -> None:
    schemas = data.schemas()
    dangling = {name for s in schemas.values() for name in data.references(s)} - set(schemas)
    assert not dangling


def test_configmap_fields_types_and_descriptions() -> None:
    schema = openapi.schema_for(CONFIGMAP)
    assert schema is not None
    props = schema["properties"]
    assert props["data"]["type"] == "object"
    assert props["data"]["additionalProperties"] == {"type": "string"}
    assert props["binaryData"]["additionalProperties"] == {"type": "string", "format": "byte"}
    assert props["immutable"]["type"] == "boolean"
    assert props["data"]["description"].startswith("Data contains the configuration data.")
    # a described reference is wrapped in allOf, as upstream's v3 documents have it
    assert props["metadata"]["allOf"] == [{"$ref": data.REF_PREFIX + META + "ObjectMeta"}]


def test_special_types_keep_their_wire_form() -> None:
    schemas = data.schemas()
    assert schemas[META + "Time"]["type"] == "string"
    assert schemas[META + "Time"]["format"] == "date-time"
    assert schemas[META + "MicroTime"]["format"] == "date-time"
    quantity = schemas["io.k8s.apimachinery.pkg.api.resource.Quantity"]
    assert quantity["oneOf"] == [{"type": "string"}, {"type": "number"}]
    assert schemas[META + "FieldsV1"]["x-kubernetes-preserve-unknown-fields"] is True
    assert schemas["io.k8s.apimachinery.pkg.runtime.RawExtension"]["type"] == "object"


def test_integer_formats_and_required_fields() -> None:
    schemas = data.schemas()
    meta = schemas[META + "ObjectMeta"]["properties"]
    assert meta["generation"] == {**meta["generation"], "type": "integer", "format": "int64"}
    event = schemas[CORE + "Event"]
    assert event["properties"]["count"]["format"] == "int32"
    assert event["required"] == ["metadata", "involvedObject"]
    owner = schemas[META + "OwnerReference"]
    assert owner["required"] == ["apiVersion", "kind", "name", "uid"]
    assert "required" not in schemas[META + "ObjectMeta"]


def test_list_and_map_markers() -> None:
    schemas = data.schemas()
    meta = schemas[META + "ObjectMeta"]["properties"]
    assert meta["ownerReferences"]["x-kubernetes-list-type"] == "map"
    assert meta["ownerReferences"]["x-kubernetes-list-map-keys"] == ["uid"]
    assert meta["finalizers"]["x-kubernetes-list-type"] == "set"
    assert meta["managedFields"]["x-kubernetes-list-type"] == "atomic"
    assert schemas[META + "OwnerReference"]["x-kubernetes-map-type"] == "atomic"
    assert schemas[META + "LabelSelector"]["x-kubernetes-map-type"] == "atomic"


def test_parameters_describe_the_query_options() -> None:
    params = data.parameters()
    assert params["PatchOptions"]["force"]["type"] == "boolean"
    assert params["ListOptions"]["limit"]["type"] == "integer"
    assert "Strict" in params["PatchOptions"]["fieldValidation"]["description"]
    assert params["DeleteOptions"]["dryRun"]["type"] == "string"


# --- patch metadata ----------------------------------------------------------------


def test_objectmeta_owner_references_merge_by_uid_and_finalizers_as_a_set() -> None:
    meta = openapi.patch_schema_for(CONFIGMAP).child("metadata")
    owners = meta.child("ownerReferences")
    assert owners.is_merge_list
    assert owners.merge_key == "uid"
    finalizers = meta.child("finalizers")
    assert finalizers.is_merge_list
    assert finalizers.merge_key is None
    assert meta.child("labels").kind == "map"
    assert not meta.child("managedFields").is_merge_list


@pytest.mark.parametrize(
    ("gvk", "path", "key"),
    [
        (GroupVersionKind("", "v1", "ServiceAccount"), ("secrets",), "name"),
        (GroupVersionKind("", "v1", "Namespace"), ("status", "conditions"), "type"),
        (
            GroupVersionKind(ADMISSION, "v1", "ValidatingWebhookConfiguration"),
            ("webhooks",),
            "name",
        ),
    ],
    ids=["serviceaccount-secrets", "namespace-conditions", "webhooks"],
)
def test_merge_keys_come_from_the_patch_tags(
    gvk: GroupVersionKind, path: tuple[str, ...], key: str
) -> None:
    node = openapi.patch_schema_for(gvk)
    for name in path:
        node = node.child(name)
    assert node.is_merge_list
    assert node.merge_key == key


def test_nested_merge_lists_inside_merge_lists() -> None:
    webhooks = openapi.patch_schema_for(
        GroupVersionKind(ADMISSION, "v1", "MutatingWebhookConfiguration")
    ).child("webhooks")
    conditions = webhooks.element().child("matchConditions")
    assert (conditions.is_merge_list, conditions.merge_key) == (True, "name")
    assert not webhooks.element().child("rules").is_merge_list


def test_recursive_types_end_free_form() -> None:
    versions = openapi.patch_schema_for(CRD).child("spec").child("versions")
    assert versions is FREE_FORM  # listType=atomic, no patch strategy: replaced


def test_patch_schema_for_unknown_kind_raises() -> None:
    with pytest.raises(KeyError, match="hack/openapi-gen"):
        openapi.patch_schema_for(GroupVersionKind("example.com", "v1", "Widget"))


def test_derived_schema_patches_like_the_hand_written_one() -> None:
    current: dict[str, Any] = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {
            "name": "c",
            "finalizers": ["a", "b"],
            "ownerReferences": [{"uid": "1", "name": "x"}, {"uid": "2", "name": "y"}],
            "labels": {"keep": "1", "drop": "2"},
        },
        "data": {"k": "v"},
    }
    patch: dict[str, Any] = {
        "metadata": {
            "finalizers": ["c"],
            "ownerReferences": [{"uid": "2", "name": "z"}, {"$patch": "delete", "uid": "1"}],
            "labels": {"drop": None},
            "$deleteFromPrimitiveList/finalizers": ["a"],
        },
        "data": {"k2": "v2"},
    }
    derived = openapi.patch_schema_for(CONFIGMAP)
    by_hand = object_schema(metadata=OBJECT_META_SCHEMA)
    expected: Any = patches.apply_strategic_merge_patch(current, patch, by_hand)
    assert patches.apply_strategic_merge_patch(current, patch, derived) == expected
    assert expected["metadata"]["ownerReferences"] == [{"uid": "2", "name": "z"}]
    assert sorted(expected["metadata"]["finalizers"]) == ["b", "c"]


# --- pruning -----------------------------------------------------------------------


def test_prune_drops_unknown_fields_in_document_order() -> None:
    obj = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "spec": {"x": 1},
        "metadata": {"name": "c", "bogus": True, "labels": {"a": "b"}},
        "data": {"anything": "goes"},
        "zzz": None,
    }
    before = copy.deepcopy(obj)
    pruned, unknown = openapi.prune_and_find_unknown(obj, CONFIGMAP)
    assert unknown == ["spec", "metadata.bogus", "zzz"]
    assert pruned == {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "c", "labels": {"a": "b"}},
        "data": {"anything": "goes"},
    }
    assert obj == before  # the input is left alone


def test_prune_reports_list_items_by_index() -> None:
    role = {
        "rules": [
            {"verbs": ["get"], "resources": ["pods"]},
            {"verbs": ["list"], "verbz": ["x"]},
        ],
        "metadata": {"ownerReferences": [{"uid": "1", "extra": 1}]},
    }
    pruned, unknown = openapi.prune_and_find_unknown(
        role, GroupVersionKind("rbac.authorization.k8s.io", "v1", "Role")
    )
    assert unknown == ["rules[1].verbz", "metadata.ownerReferences[0].extra"]
    assert pruned["rules"][1] == {"verbs": ["list"]}


def test_prune_keeps_self_decoding_and_free_form_values() -> None:
    cm = {"metadata": {"managedFields": [{"manager": "m", "fieldsV1": {"f:data": {"f:k": {}}}}]}}
    assert openapi.prune_and_find_unknown(cm, CONFIGMAP) == (cm, [])
    quota = {"spec": {"hard": {"cpu": "1", "memory": 2}}}
    quota_gvk = GroupVersionKind("", "v1", "ResourceQuota")
    assert openapi.prune_and_find_unknown(quota, quota_gvk) == (quota, [])
    schema = {"type": "object", "x-whatever": {"deep": [1, {"a": None}]}, "bogus": 1}
    crd = {"spec": {"versions": [{"name": "v1", "schema": {"openAPIV3Schema": schema}}]}}
    _, unknown = openapi.prune_and_find_unknown(crd, CRD)
    assert unknown == [
        "spec.versions[0].schema.openAPIV3Schema.x-whatever",
        "spec.versions[0].schema.openAPIV3Schema.bogus",
    ]
    crd_default = {"spec": {"versions": [{"schema": {"openAPIV3Schema": {"default": {"a": [1]}}}}]}}
    assert openapi.prune_and_find_unknown(crd_default, CRD) == (crd_default, [])


def test_prune_of_an_empty_struct_drops_everything_in_it() -> None:
    crd = {"spec": {"versions": [{"subresources": {"status": {"foo": 1}}}]}}
    pruned, unknown = openapi.prune_and_find_unknown(crd, CRD)
    assert unknown == ["spec.versions[0].subresources.status.foo"]
    assert pruned["spec"]["versions"][0]["subresources"]["status"] == {}


def test_prune_leaves_wrongly_typed_values_to_validation() -> None:
    cm = {"data": ["not", "a", "map"], "metadata": "nope"}
    assert openapi.prune_and_find_unknown(cm, CONFIGMAP) == (cm, [])


def test_prune_of_a_kind_without_schema_is_a_no_op() -> None:
    widget = {"spec": {"anything": 1}}
    gvk = GroupVersionKind("example.com", "v1", "Widget")
    assert openapi.prune_and_find_unknown(widget, gvk) == (widget, [])

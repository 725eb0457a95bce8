"""Metadata validation on create and update: the exact text kubectl would print."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from kcp.apimachinery.errors import FieldError, GroupKind, InvalidError
from kcp.apimachinery.validation import (
    Path,
    name_is_dns_label,
    name_is_dns_subdomain,
    validate_object_meta,
    validate_object_meta_update,
)

from .test_names import LABEL_1123, LABEL_VALUE, QUALIFIED, SUBDOMAIN_1123


def rendered(errs: Sequence[FieldError]) -> list[str]:
    return [str(e) for e in errs]


def create(meta: object, *, namespaced: bool = True) -> list[str]:
    return rendered(
        validate_object_meta(meta, namespaced=namespaced, name_validator=name_is_dns_subdomain)
    )


def ref(**fields: object) -> dict[str, object]:
    return {"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "a", "uid": "u1"} | fields


OK = {"name": "cm", "namespace": "default"}

CREATE_CASES = [
    pytest.param(OK, [], id="valid"),
    pytest.param(
        {"name": "Bad_Name", "namespace": "default"},
        [f'metadata.name: Invalid value: "Bad_Name": {SUBDOMAIN_1123}'],
        id="bad-name",
    ),
    pytest.param(
        {"name": "a" * 254, "namespace": "default"},
        [f'metadata.name: Invalid value: "{"a" * 254}": must be no more than 253 characters'],
        id="long-name",
    ),
    pytest.param(
        {"namespace": "default"},
        ["metadata.name: Required value: name or generateName is required"],
        id="no-name",
    ),
    pytest.param(
        {"generateName": "gen-", "namespace": "default"},
        ["metadata.name: Required value: name or generateName is required"],
        id="generate-name-not-generated",
    ),
    pytest.param({"generateName": "gen-", "name": "gen-x7k2p", "namespace": "ns"}, [], id="gen"),
    pytest.param(
        {"generateName": "Gen-", "name": "gen-x7k2p", "namespace": "ns"},
        [f'metadata.generateName: Invalid value: "Gen-": {SUBDOMAIN_1123}'],
        id="bad-generate-name",
    ),
    pytest.param({"name": "cm"}, ["metadata.namespace: Required value"], id="no-namespace"),
    pytest.param(
        {"name": "cm", "namespace": "a.b"},
        ['metadata.namespace: Invalid value: "a.b": must not contain dots'],
        id="namespace-dots",
    ),
    pytest.param(
        {"name": "cm", "namespace": "Bad"},
        [f'metadata.namespace: Invalid value: "Bad": {LABEL_1123}'],
        id="namespace-upper",
    ),
    pytest.param(
        OK | {"generation": -1},
        ["metadata.generation: Invalid value: -1: must be greater than or equal to 0"],
        id="negative-generation",
    ),
    pytest.param(
        OK | {"labels": {"app": "bad value"}},
        [f'metadata.labels: Invalid value: "bad value": {LABEL_VALUE}'],
        id="label-value",
    ),
    pytest.param(
        OK | {"labels": {"-app": "x"}},
        [f'metadata.labels: Invalid value: "-app": name part {QUALIFIED}'],
        id="label-key",
    ),
    pytest.param(OK | {"annotations": {"EXAMPLE.com/Note": "x"}}, [], id="annotation-any-case"),
    pytest.param(OK | {"annotations": {"\u0130": "x"}}, [], id="annotation-go-lowercase"),
    pytest.param(
        OK | {"annotations": {"Example_.com/x": "x"}},
        [f'metadata.annotations: Invalid value: "Example_.com/x": prefix part {SUBDOMAIN_1123}'],
        id="annotation-key",
    ),
    pytest.param(
        OK | {"annotations": {"a": "x" * (256 * 1024)}},
        ["metadata.annotations: Too long: may not be more than 262144 bytes"],
        id="annotations-too-big",
    ),
    pytest.param(OK | {"annotations": {"a": "x" * (256 * 1024 - 1)}}, [], id="annotations-max"),
    pytest.param(
        OK | {"finalizers": ["kubernetes", "example.com/x", "/x"]},
        ['metadata.finalizers: Invalid value: "/x": prefix part must be non-empty'],
        id="finalizer-name",
    ),
    pytest.param(
        OK | {"finalizers": ["orphan", "foregroundDeletion"]},
        [
            'metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: '
            "finalizer orphan and foregroundDeletion cannot be both set"
        ],
        id="finalizers-conflict",
    ),
    pytest.param(OK | {"ownerReferences": [ref(), ref(name="b")]}, [], id="owners"),
    pytest.param(
        OK | {"ownerReferences": [{}]},
        [
            'metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty',
            'metadata.ownerReferences.kind: Invalid value: "": kind must not be empty',
            'metadata.ownerReferences.name: Invalid value: "": name must not be empty',
            'metadata.ownerReferences.uid: Invalid value: "": uid must not be empty',
        ],
        id="owner-empty",
    ),
    pytest.param(
        OK | {"ownerReferences": [ref(apiVersion="a/b/c")]},
        ['metadata.ownerReferences.apiVersion: Invalid value: "a/b/c": version must not be empty'],
        id="owner-bad-api-version",
    ),
    pytest.param(
        OK | {"ownerReferences": [ref(apiVersion="v1", kind="Event", name="e", uid="u")]},
        [
            'metadata.ownerReferences: Invalid value: v1.OwnerReference{APIVersion:"v1", '
            'Kind:"Event", Name:"e", UID:"u", Controller:(*bool)(nil), '
            "BlockOwnerDeletion:(*bool)(nil)}: /v1, Kind=Event is disallowed from being an owner"
        ],
        id="owner-event",
    ),
    pytest.param(
        OK | {"ownerReferences": [ref(controller=True), ref(name="b", controller=True)]},
        [
            "metadata.ownerReferences: Invalid value: []v1.OwnerReference{v1.OwnerReference{"
            'APIVersion:"apps/v1", Kind:"ReplicaSet", Name:"a", UID:"u1", '
            "Controller:(*bool)(true), BlockOwnerDeletion:(*bool)(nil)}, v1.OwnerReference{"
            'APIVersion:"apps/v1", Kind:"ReplicaSet", Name:"b", UID:"u1", '
            "Controller:(*bool)(true), BlockOwnerDeletion:(*bool)(nil)}}: Only one reference "
            'can have Controller set to true. Found "true" in references for ReplicaSet/a and '
            "ReplicaSet/b"
        ],
        id="owners-two-controllers",
    ),
    pytest.param(
        OK | {"managedFields": [{"manager": "kubectl", "operation": "Update"}]}, [], id="managed"
    ),
    pytest.param(
        OK | {"managedFields": [{"manager": "kubectl", "operation": "Patch"}]},
        [
            'metadata.managedFields[0].operation: Invalid value: "Patch": '
            "must be `Apply` or `Update`"
        ],
        id="managed-operation",
    ),
    pytest.param(
        OK
        | {
            "managedFields": [
                {"operation": "Apply", "fieldsType": "FieldsV1"},
                {"operation": "Apply", "fieldsType": "FieldsV2", "manager": "m" * 129},
                {"operation": "Update", "subresource": "s" * 257},
            ]
        },
        [
            'metadata.managedFields[1].fieldsType: Invalid value: "FieldsV2": must be `FieldsV1`',
            "metadata.managedFields[1].manager: Too long: may not be more than 128 bytes",
            "metadata.managedFields[2].subresource: Too long: may not be more than 256 bytes",
        ],
        id="managed-fields-type-manager-subresource",
    ),
    pytest.param(
        {"name": "Bad_Name", "generation": -1, "labels": {"a": "-"}},
        [
            f'metadata.name: Invalid value: "Bad_Name": {SUBDOMAIN_1123}',
            "metadata.namespace: Required value",
            "metadata.generation: Invalid value: -1: must be greater than or equal to 0",
            f'metadata.labels: Invalid value: "-": {LABEL_VALUE}',
        ],
        id="upstream-order",
    ),
    # JSON null is Go's zero value.
    pytest.param(
        OK | dict.fromkeys(["labels", "annotations", "finalizers", "generation", "uid"]),
        [],
        id="nulls",
    ),
    # Wrong JSON types: Go's decoder would refuse these; here they are field errors.
    pytest.param(
        "cm", ['metadata: Invalid value: "string": must be of type object'], id="not-an-object"
    ),
    pytest.param(
        {"name": 5, "namespace": "default"},
        ['metadata.name: Invalid value: "integer": must be of type string'],
        id="name-type",
    ),
    pytest.param(
        OK | {"generation": "1"},
        ['metadata.generation: Invalid value: "string": must be of type integer'],
        id="generation-type",
    ),
    pytest.param(
        OK | {"generation": True},
        ['metadata.generation: Invalid value: "boolean": must be of type integer'],
        id="generation-bool",
    ),
    pytest.param(
        OK | {"labels": ["app"]},
        ['metadata.labels: Invalid value: "array": must be of type object'],
        id="labels-type",
    ),
    pytest.param(
        OK | {"labels": {"app": 1}},
        ['metadata.labels[app]: Invalid value: "integer": must be of type string'],
        id="label-value-type",
    ),
    pytest.param(
        OK | {"finalizers": "orphan"},
        ['metadata.finalizers: Invalid value: "string": must be of type array'],
        id="finalizers-type",
    ),
    pytest.param(
        OK | {"finalizers": [None]},
        ['metadata.finalizers[0]: Invalid value: "null": must be of type string'],
        id="finalizer-type",
    ),
    pytest.param(
        OK | {"ownerReferences": [ref(controller="yes"), 7]},
        [
            'metadata.ownerReferences[0].controller: Invalid value: "string": '
            "must be of type boolean",
            'metadata.ownerReferences[1]: Invalid value: "integer": must be of type object',
        ],
        id="owner-types",
    ),
    pytest.param(
        OK | {"managedFields": [{"operation": 1}]},
        ['metadata.managedFields[0].operation: Invalid value: "integer": must be of type string'],
        id="managed-types",
    ),
]


@pytest.mark.parametrize(("meta", "messages"), CREATE_CASES)
def test_create(meta: object, messages: list[str]) -> None:
    assert create(meta) == messages


def test_cluster_scoped_kinds_forbid_a_namespace() -> None:
    assert create({"name": "n"}, namespaced=False) == []
    assert create(OK, namespaced=False) == [
        "metadata.namespace: Forbidden: not allowed on this type"
    ]


def test_name_validator_is_per_type() -> None:
    errs = validate_object_meta({"name": "a.b"}, namespaced=False, name_validator=name_is_dns_label)
    assert rendered(errs) == ['metadata.name: Invalid value: "a.b": must not contain dots']


def test_path_prefixes_every_field() -> None:
    errs = validate_object_meta(
        {"name": "x", "namespace": "ns", "labels": {"a": 1}},
        namespaced=False,
        name_validator=name_is_dns_subdomain,
        path=Path("spec", "template", "metadata"),
    )
    assert [e.field for e in errs] == [
        "spec.template.metadata.namespace",
        "spec.template.metadata.labels[a]",
    ]


def test_causes_carry_reason_field_and_message() -> None:
    errs = validate_object_meta(
        {"name": "Bad_Name"}, namespaced=False, name_validator=name_is_dns_subdomain
    )
    status = InvalidError(GroupKind("", "ConfigMap"), "Bad_Name", errs).status
    assert status["message"] == (
        f'ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": '
        f"{SUBDOMAIN_1123}"
    )
    assert status["details"]["causes"] == [
        {
            "reason": "FieldValueInvalid",
            "message": f'Invalid value: "Bad_Name": {SUBDOMAIN_1123}',
            "field": "metadata.name",
        }
    ]


OLD = {
    "name": "cm",
    "namespace": "default",
    "uid": "u1",
    "resourceVersion": "7",
    "generation": 2,
    "creationTimestamp": "2024-12-11T10:04:05Z",
}
DELETING = OLD | {
    "deletionTimestamp": "2024-12-12T00:00:00Z",
    "deletionGracePeriodSeconds": 0,
    "finalizers": ["example.com/a"],
}

UPDATE_CASES = [
    pytest.param(OLD, OLD, [], id="unchanged"),
    pytest.param(OLD | {"generation": 3, "labels": {"a": "b"}}, OLD, [], id="allowed-changes"),
    pytest.param(
        OLD | {"resourceVersion": ""},
        OLD,
        ['metadata.resourceVersion: Invalid value: "": must be specified for an update'],
        id="no-resource-version",
    ),
    pytest.param(
        OLD | {"generation": 1},
        OLD,
        ["metadata.generation: Invalid value: 1: must not be decremented"],
        id="generation-down",
    ),
    pytest.param(
        {k: v for k, v in OLD.items() if k != "generation"},
        OLD,
        ["metadata.generation: Invalid value: 0: must not be decremented"],
        id="generation-dropped",
    ),
    pytest.param(
        OLD | {"name": "other", "namespace": "kube-system", "uid": "u2"},
        OLD,
        [
            'metadata.name: Invalid value: "other": field is immutable',
            'metadata.namespace: Invalid value: "kube-system": field is immutable',
            'metadata.uid: Invalid value: "u2": field is immutable',
        ],
        id="identity",
    ),
    pytest.param(
        OLD | {"creationTimestamp": "2025-01-01T00:00:00Z"},
        OLD,
        [
            "metadata.creationTimestamp: Invalid value: 2025-01-01 00:00:00 +0000 UTC: "
            "field is immutable"
        ],
        id="creation-timestamp",
    ),
    pytest.param(
        OLD | {"creationTimestamp": "2024-12-11T11:04:05+01:00"}, OLD, [], id="same-instant"
    ),
    pytest.param(
        OLD | {"creationTimestamp": None},
        OLD,
        [
            "metadata.creationTimestamp: Invalid value: 0001-01-01 00:00:00 +0000 UTC: "
            "field is immutable"
        ],
        id="creation-timestamp-dropped",
    ),
    pytest.param(
        OLD | {"deletionTimestamp": "2025-01-01T00:00:00Z", "deletionGracePeriodSeconds": 30},
        OLD,
        [
            "metadata.deletionTimestamp: Invalid value: 2025-01-01 00:00:00 +0000 UTC: "
            "field is immutable",
            "metadata.deletionGracePeriodSeconds: Invalid value: 30: field is immutable",
        ],
        id="client-sets-deletion",
    ),
    pytest.param(
        OLD,
        DELETING | {"finalizers": []},
        [
            'metadata.deletionTimestamp: Invalid value: "null": field is immutable',
            'metadata.deletionGracePeriodSeconds: Invalid value: "null": field is immutable',
        ],
        id="client-clears-deletion",
    ),
    pytest.param(DELETING | {"finalizers": []}, DELETING, [], id="deleting-drop-finalizer"),
    pytest.param(
        DELETING | {"finalizers": ["example.com/a", "b.io/y", "a.io/x"]},
        DELETING,
        [
            "metadata.finalizers: Forbidden: no new finalizers can be added if the object is "
            'being deleted, found new finalizers []string{"a.io/x", "b.io/y"}'
        ],
        id="deleting-add-finalizer",
    ),
    pytest.param(OLD | {"finalizers": ["b.io/y"]}, OLD, [], id="add-finalizer"),
    # Upstream rechecks neither names nor finalizer formats on update.
    pytest.param(OLD | {"finalizers": ["a/b/c"]}, OLD, [], id="finalizer-format-unchecked"),
    pytest.param(
        OLD | {"labels": {"app": "bad value"}, "managedFields": [{"operation": "x"}]},
        OLD,
        [
            f'metadata.labels: Invalid value: "bad value": {LABEL_VALUE}',
            'metadata.managedFields[0].operation: Invalid value: "x": must be `Apply` or `Update`',
        ],
        id="labels-and-managed-fields",
    ),
    pytest.param(
        OLD | {"ownerReferences": [{"apiVersion": "v1", "kind": "Pod", "name": "p"}]},
        OLD,
        ['metadata.ownerReferences.uid: Invalid value: "": uid must not be empty'],
        id="owner-references",
    ),
    pytest.param(
        OLD | {"uid": 1, "deletionTimestamp": 5, "deletionGracePeriodSeconds": "0"},
        OLD,
        [
            'metadata.uid: Invalid value: "integer": must be of type string',
            'metadata.deletionTimestamp: Invalid value: "integer": must be of type string',
            'metadata.deletionGracePeriodSeconds: Invalid value: "string": must be of type integer',
        ],
        id="wrong-types-reported-once",
    ),
    pytest.param(
        OLD,
        OLD | {"uid": 1, "labels": 2},
        ['metadata.uid: Invalid value: "u1": field is immutable'],
        id="old-types-not-reported",
    ),
    pytest.param(
        [], OLD, ['metadata: Invalid value: "array": must be of type object'], id="not-an-object"
    ),
]


@pytest.mark.parametrize(("new", "old", "messages"), UPDATE_CASES)
def test_update(new: object, old: object, messages: list[str]) -> None:
    assert rendered(validate_object_meta_update(new, old)) == messages


def test_update_path() -> None:
    errs = validate_object_meta_update(
        {"resourceVersion": "1", "name": "b"}, {"name": "a"}, Path("m")
    )
    assert rendered(errs) == ['m.name: Invalid value: "b": field is immutable']

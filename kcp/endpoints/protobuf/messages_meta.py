"""meta.k8s.io/v1 messages: ObjectMeta and what it holds, label selectors, DeleteOptions.

Field numbers from k8s.io/apimachinery v0.32.4 `pkg/apis/meta/v1/generated.proto`;
JSON names, pointers and `omitempty` from the struct tags in `types.go` beside it.
Numbers are not in order in places (OwnerReference starts at 5, ManagedFieldsEntry skips
5, ObjectMeta skips 15 and 16): those gaps are upstream's, kept for fields long removed.
"""

from __future__ import annotations

from kcp.endpoints.protobuf.messages import Card, Field, Kind, Message

__all__ = [
    "DELETE_OPTIONS",
    "FIELD_SELECTOR_REQUIREMENT",
    "LABEL_SELECTOR",
    "LABEL_SELECTOR_REQUIREMENT",
    "MANAGED_FIELDS_ENTRY",
    "OBJECT_META",
    "OWNER_REFERENCE",
    "PRECONDITIONS",
]

OWNER_REFERENCE = Message(
    "meta.v1.OwnerReference",
    (
        Field(5, "apiVersion", Kind.STRING, omitempty=False),
        Field(1, "kind", Kind.STRING, omitempty=False),
        Field(3, "name", Kind.STRING, omitempty=False),
        Field(4, "uid", Kind.STRING, omitempty=False),
        Field(6, "controller", Kind.BOOL, Card.POINTER),
        Field(7, "blockOwnerDeletion", Kind.BOOL, Card.POINTER),
    ),
)

MANAGED_FIELDS_ENTRY = Message(
    "meta.v1.ManagedFieldsEntry",
    (
        Field(1, "manager", Kind.STRING),
        Field(2, "operation", Kind.STRING),
        Field(3, "apiVersion", Kind.STRING),
        Field(4, "time", Kind.TIME, Card.POINTER),
        Field(6, "fieldsType", Kind.STRING),
        Field(7, "fieldsV1", Kind.FIELDS_V1, Card.POINTER),
        Field(8, "subresource", Kind.STRING),
    ),
)

OBJECT_META = Message(
    "meta.v1.ObjectMeta",
    (
        Field(1, "name", Kind.STRING),
        Field(2, "generateName", Kind.STRING),
        Field(3, "namespace", Kind.STRING),
        Field(4, "selfLink", Kind.STRING),
        Field(5, "uid", Kind.STRING),
        Field(6, "resourceVersion", Kind.STRING),
        Field(7, "generation", Kind.INT64),
        Field(8, "creationTimestamp", Kind.TIME),
        Field(9, "deletionTimestamp", Kind.TIME, Card.POINTER),
        Field(10, "deletionGracePeriodSeconds", Kind.INT64, Card.POINTER),
        Field(11, "labels", Kind.STRING, Card.MAP),
        Field(12, "annotations", Kind.STRING, Card.MAP),
        Field(13, "ownerReferences", OWNER_REFERENCE, Card.REPEATED),
        Field(14, "finalizers", Kind.STRING, Card.REPEATED),
        Field(17, "managedFields", MANAGED_FIELDS_ENTRY, Card.REPEATED),
    ),
)

LABEL_SELECTOR_REQUIREMENT = Message(
    "meta.v1.LabelSelectorRequirement",
    (
        Field(1, "key", Kind.STRING, omitempty=False),
        Field(2, "operator", Kind.STRING, omitempty=False),
        Field(3, "values", Kind.STRING, Card.REPEATED),
    ),
)

FIELD_SELECTOR_REQUIREMENT = Message(
    "meta.v1.FieldSelectorRequirement",
    (
        Field(1, "key", Kind.STRING, omitempty=False),
        Field(2, "operator", Kind.STRING, omitempty=False),
        Field(3, "values", Kind.STRING, Card.REPEATED),
    ),
)

LABEL_SELECTOR = Message(
    "meta.v1.LabelSelector",
    (
        Field(1, "matchLabels", Kind.STRING, Card.MAP),
        Field(2, "matchExpressions", LABEL_SELECTOR_REQUIREMENT, Card.REPEATED),
    ),
)

PRECONDITIONS = Message(
    "meta.v1.Preconditions",
    (
        Field(1, "uid", Kind.STRING, Card.POINTER),
        Field(2, "resourceVersion", Kind.STRING, Card.POINTER),
    ),
)

DELETE_OPTIONS = Message(
    "meta.v1.DeleteOptions",
    (
        Field(1, "gracePeriodSeconds", Kind.INT64, Card.POINTER),
        Field(2, "preconditions", PRECONDITIONS, Card.POINTER),
        Field(3, "orphanDependents", Kind.BOOL, Card.POINTER),
        Field(4, "propagationPolicy", Kind.STRING, Card.POINTER),
        Field(5, "dryRun", Kind.STRING, Card.REPEATED),
        Field(6, "ignoreStoreReadErrorWithClusterBreakingPotential", Kind.BOOL, Card.POINTER),
    ),
)

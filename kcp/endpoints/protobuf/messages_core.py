"""core/v1 messages: Namespace, ConfigMap, Secret, ServiceAccount.

Field numbers from k8s.io/api v0.32.4 `core/v1/generated.proto`; JSON names, pointers and
`omitempty` from the struct tags in `core/v1/types.go`. The kinds kubectl 1.32 creates
with typed clients (`create namespace|configmap|secret|serviceaccount`), in full, so an
update from a typed client (status included) decodes too.
"""

from __future__ import annotations

from kcp.endpoints.protobuf.messages import Card, Field, Kind, Message
from kcp.endpoints.protobuf.messages_meta import OBJECT_META

__all__ = ["CONFIG_MAP", "NAMESPACE", "SECRET", "SERVICE_ACCOUNT"]

NAMESPACE_CONDITION = Message(
    "core.v1.NamespaceCondition",
    (
        Field(1, "type", Kind.STRING, omitempty=False),
        Field(2, "status", Kind.STRING, omitempty=False),
        Field(4, "lastTransitionTime", Kind.TIME),
        Field(5, "reason", Kind.STRING),
        Field(6, "message", Kind.STRING),
    ),
)

NAMESPACE_SPEC = Message(
    "core.v1.NamespaceSpec",
    (Field(1, "finalizers", Kind.STRING, Card.REPEATED),),
)

NAMESPACE_STATUS = Message(
    "core.v1.NamespaceStatus",
    (
        Field(1, "phase", Kind.STRING),
        Field(2, "conditions", NAMESPACE_CONDITION, Card.REPEATED),
    ),
)

NAMESPACE = Message(
    "core.v1.Namespace",
    (
        Field(1, "metadata", OBJECT_META),
        Field(2, "spec", NAMESPACE_SPEC),
        Field(3, "status", NAMESPACE_STATUS),
    ),
)

CONFIG_MAP = Message(
    "core.v1.ConfigMap",
    (
        Field(1, "metadata", OBJECT_META),
        Field(4, "immutable", Kind.BOOL, Card.POINTER),
        Field(2, "data", Kind.STRING, Card.MAP),
        Field(3, "binaryData", Kind.BYTES, Card.MAP),
    ),
)

SECRET = Message(
    "core.v1.Secret",
    (
        Field(1, "metadata", OBJECT_META),
        Field(5, "immutable", Kind.BOOL, Card.POINTER),
        Field(2, "data", Kind.BYTES, Card.MAP),
        Field(4, "stringData", Kind.STRING, Card.MAP),
        Field(3, "type", Kind.STRING),
    ),
)

OBJECT_REFERENCE = Message(
    "core.v1.ObjectReference",
    (
        Field(1, "kind", Kind.STRING),
        Field(2, "namespace", Kind.STRING),
        Field(3, "name", Kind.STRING),
        Field(4, "uid", Kind.STRING),
        Field(5, "apiVersion", Kind.STRING),
        Field(6, "resourceVersion", Kind.STRING),
        Field(7, "fieldPath", Kind.STRING),
    ),
)

LOCAL_OBJECT_REFERENCE = Message("core.v1.LocalObjectReference", (Field(1, "name", Kind.STRING),))

SERVICE_ACCOUNT = Message(
    "core.v1.ServiceAccount",
    (
        Field(1, "metadata", OBJECT_META),
        Field(2, "secrets", OBJECT_REFERENCE, Card.REPEATED),
        Field(3, "imagePullSecrets", LOCAL_OBJECT_REFERENCE, Card.REPEATED),
        Field(4, "automountServiceAccountToken", Kind.BOOL, Card.POINTER),
    ),
)

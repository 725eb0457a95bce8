"""rbac.authorization.k8s.io/v1 messages: Role, ClusterRole and their bindings.

Field numbers from k8s.io/api v0.32.4 `rbac/v1/generated.proto`; JSON names and
`omitempty` from `rbac/v1/types.go`. Several fields have no `omitempty` upstream
(`rules`, `verbs`, `roleRef` and its members, `Subject.kind`/`name`), so an absent one
is `null` or `""` here exactly as kubectl's JSON would carry it.
"""

from __future__ import annotations

from kcp.endpoints.protobuf.messages import Card, Field, Kind, Message
from kcp.endpoints.protobuf.messages_meta import LABEL_SELECTOR, OBJECT_META

__all__ = ["CLUSTER_ROLE", "CLUSTER_ROLE_BINDING", "ROLE", "ROLE_BINDING"]

POLICY_RULE = Message(
    "rbac.v1.PolicyRule",
    (
        Field(1, "verbs", Kind.STRING, Card.REPEATED, omitempty=False),
        Field(2, "apiGroups", Kind.STRING, Card.REPEATED),
        Field(3, "resources", Kind.STRING, Card.REPEATED),
        Field(4, "resourceNames", Kind.STRING, Card.REPEATED),
        Field(5, "nonResourceURLs", Kind.STRING, Card.REPEATED),
    ),
)

SUBJECT = Message(
    "rbac.v1.Subject",
    (
        Field(1, "kind", Kind.STRING, omitempty=False),
        Field(2, "apiGroup", Kind.STRING),
        Field(3, "name", Kind.STRING, omitempty=False),
        Field(4, "namespace", Kind.STRING),
    ),
)

ROLE_REF = Message(
    "rbac.v1.RoleRef",
    (
        Field(1, "apiGroup", Kind.STRING, omitempty=False),
        Field(2, "kind", Kind.STRING, omitempty=False),
        Field(3, "name", Kind.STRING, omitempty=False),
    ),
)

AGGREGATION_RULE = Message(
    "rbac.v1.AggregationRule",
    (Field(1, "clusterRoleSelectors", LABEL_SELECTOR, Card.REPEATED),),
)

ROLE = Message(
    "rbac.v1.Role",
    (
        Field(1, "metadata", OBJECT_META),
        Field(2, "rules", POLICY_RULE, Card.REPEATED, omitempty=False),
    ),
)

CLUSTER_ROLE = Message(
    "rbac.v1.ClusterRole",
    (
        Field(1, "metadata", OBJECT_META),
        Field(2, "rules", POLICY_RULE, Card.REPEATED, omitempty=False),
        Field(3, "aggregationRule", AGGREGATION_RULE, Card.POINTER),
    ),
)

ROLE_BINDING = Message(
    "rbac.v1.RoleBinding",
    (
        Field(1, "metadata", OBJECT_META),
        Field(2, "subjects", SUBJECT, Card.REPEATED),
        Field(3, "roleRef", ROLE_REF),
    ),
)

CLUSTER_ROLE_BINDING = Message(
    "rbac.v1.ClusterRoleBinding",
    (
        Field(1, "metadata", OBJECT_META),
        Field(2, "subjects", SUBJECT, Card.REPEATED),
        Field(3, "roleRef", ROLE_REF),
    ),
)

"""authorization.k8s.io/v1 and authentication.k8s.io/v1 messages: the review kinds.

`kubectl auth can-i` posts a SelfSubjectAccessReview (a SelfSubjectRulesReview with
`--list`), `kubectl auth whoami` a SelfSubjectReview, `kubectl create token` a
TokenRequest; webhooks and controllers send SubjectAccessReview, LocalSubjectAccessReview
and TokenReview. Field numbers from k8s.io/api v0.32.4 `authorization/v1/generated.proto`
and `authentication/v1/generated.proto`; JSON shape from the `types.go` beside them.
Note the numbering quirks upstream: `SubjectAccessReviewStatus.denied` is 4 after
`allowed` 1, `TokenRequestSpec.expirationSeconds` is 4 before `boundObjectRef` 3,
`TokenReviewStatus.audiences` is 4 before `error` 3.
"""

from __future__ import annotations

from kcp.endpoints.protobuf.messages import Card, Field, Kind, Message
from kcp.endpoints.protobuf.messages_meta import (
    FIELD_SELECTOR_REQUIREMENT,
    LABEL_SELECTOR_REQUIREMENT,
    OBJECT_META,
)

__all__ = [
    "LOCAL_SUBJECT_ACCESS_REVIEW",
    "SELF_SUBJECT_ACCESS_REVIEW",
    "SELF_SUBJECT_REVIEW",
    "SELF_SUBJECT_RULES_REVIEW",
    "SUBJECT_ACCESS_REVIEW",
    "TOKEN_REQUEST",
    "TOKEN_REVIEW",
]

# ---- authorization.k8s.io/v1 ---------------------------------------------------------

FIELD_SELECTOR_ATTRIBUTES = Message(
    "authorization.v1.FieldSelectorAttributes",
    (
        Field(1, "rawSelector", Kind.STRING),
        Field(2, "requirements", FIELD_SELECTOR_REQUIREMENT, Card.REPEATED),
    ),
)

LABEL_SELECTOR_ATTRIBUTES = Message(
    "authorization.v1.LabelSelectorAttributes",
    (
        Field(1, "rawSelector", Kind.STRING),
        Field(2, "requirements", LABEL_SELECTOR_REQUIREMENT, Card.REPEATED),
    ),
)

RESOURCE_ATTRIBUTES = Message(
    "authorization.v1.ResourceAttributes",
    (
        Field(1, "namespace", Kind.STRING),
        Field(2, "verb", Kind.STRING),
        Field(3, "group", Kind.STRING),
        Field(4, "version", Kind.STRING),
        Field(5, "resource", Kind.STRING),
        Field(6, "subresource", Kind.STRING),
        Field(7, "name", Kind.STRING),
        Field(8, "fieldSelector", FIELD_SELECTOR_ATTRIBUTES, Card.POINTER),
        Field(9, "labelSelector", LABEL_SELECTOR_ATTRIBUTES, Card.POINTER),
    ),
)

NON_RESOURCE_ATTRIBUTES = Message(
    "authorization.v1.NonResourceAttributes",
    (
        Field(1, "path", Kind.STRING),
        Field(2, "verb", Kind.STRING),
    ),
)

SUBJECT_ACCESS_REVIEW_SPEC = Message(
    "authorization.v1.SubjectAccessReviewSpec",
    (
        Field(1, "resourceAttributes", RESOURCE_ATTRIBUTES, Card.POINTER),
        Field(2, "nonResourceAttributes", NON_RESOURCE_ATTRIBUTES, Card.POINTER),
        Field(3, "user", Kind.STRING),
        Field(4, "groups", Kind.STRING, Card.REPEATED),
        Field(5, "extra", Kind.STRING_LIST, Card.MAP),
        Field(6, "uid", Kind.STRING),
    ),
)

SELF_SUBJECT_ACCESS_REVIEW_SPEC = Message(
    "authorization.v1.SelfSubjectAccessReviewSpec",
    (
        Field(1, "resourceAttributes", RESOURCE_ATTRIBUTES, Card.POINTER),
        Field(2, "nonResourceAttributes", NON_RESOURCE_ATTRIBUTES, Card.POINTER),
    ),
)

SUBJECT_ACCESS_REVIEW_STATUS = Message(
    "authorization.v1.SubjectAccessReviewStatus",
    (
        Field(1, "allowed", Kind.BOOL, omitempty=False),
        Field(4, "denied", Kind.BOOL),
        Field(2, "reason", Kind.STRING),
        Field(3, "evaluationError", Kind.STRING),
    ),
)

SUBJECT_ACCESS_REVIEW = Message(
    "authorization.v1.SubjectAccessReview",
    (
        Field(1, "metadata", OBJECT_META),
        Field(2, "spec", SUBJECT_ACCESS_REVIEW_SPEC),
        Field(3, "status", SUBJECT_ACCESS_REVIEW_STATUS),
    ),
)

LOCAL_SUBJECT_ACCESS_REVIEW = Message(
    "authorization.v1.LocalSubjectAccessReview",
    (
        Field(1, "metadata", OBJECT_META),
        Field(2, "spec", SUBJECT_ACCESS_REVIEW_SPEC),
        Field(3, "status", SUBJECT_ACCESS_REVIEW_STATUS),
    ),
)

SELF_SUBJECT_ACCESS_REVIEW = Message(
    "authorization.v1.SelfSubjectAccessReview",
    (
        Field(1, "metadata", OBJECT_META),
        Field(2, "spec", SELF_SUBJECT_ACCESS_REVIEW_SPEC),
        Field(3, "status", SUBJECT_ACCESS_REVIEW_STATUS),
    ),
)

RESOURCE_RULE = Message(
    "authorization.v1.ResourceRule",
    (
        Field(1, "verbs", Kind.STRING, Card.REPEATED, omitempty=False),
        Field(2, "apiGroups", Kind.STRING, Card.REPEATED),
        Field(3, "resources", Kind.STRING, Card.REPEATED),
        Field(4, "resourceNames", Kind.STRING, Card.REPEATED),
    ),
)

NON_RESOURCE_RULE = Message(
    "authorization.v1.NonResourceRule",
    (
        Field(1, "verbs", Kind.STRING, Card.REPEATED, omitempty=False),
        Field(2, "nonResourceURLs", Kind.STRING, Card.REPEATED),
    ),
)

SUBJECT_RULES_REVIEW_STATUS = Message(
    "authorization.v1.SubjectRulesReviewStatus",
    (
        Field(1, "resourceRules", RESOURCE_RULE, Card.REPEATED, omitempty=False),
        Field(2, "nonResourceRules", NON_RESOURCE_RULE, Card.REPEATED, omitempty=False),
        Field(3, "incomplete", Kind.BOOL, omitempty=False),
        Field(4, "evaluationError", Kind.STRING),
    ),
)

SELF_SUBJECT_RULES_REVIEW_SPEC = Message(
    "authorization.v1.SelfSubjectRulesReviewSpec",
    (Field(1, "namespace", Kind.STRING),),
)

SELF_SUBJECT_RULES_REVIEW = Message(
    "authorization.v1.SelfSubjectRulesReview",
    (
        Field(1, "metadata", OBJECT_META),
        Field(2, "spec", SELF_SUBJECT_RULES_REVIEW_SPEC),
        Field(3, "status", SUBJECT_RULES_REVIEW_STATUS),
    ),
)

# ---- authentication.k8s.io/v1 --------------------------------------------------------

USER_INFO = Message(
    "authentication.v1.UserInfo",
    (
        Field(1, "username", Kind.STRING),
        Field(2, "uid", Kind.STRING),
        Field(3, "groups", Kind.STRING, Card.REPEATED),
        Field(4, "extra", Kind.STRING_LIST, Card.MAP),
    ),
)

SELF_SUBJECT_REVIEW_STATUS = Message(
    "authentication.v1.SelfSubjectReviewStatus",
    (Field(1, "userInfo", USER_INFO),),
)

SELF_SUBJECT_REVIEW = Message(
    "authentication.v1.SelfSubjectReview",
    (
        Field(1, "metadata", OBJECT_META),
        Field(2, "status", SELF_SUBJECT_REVIEW_STATUS),
    ),
)

TOKEN_REVIEW_SPEC = Message(
    "authentication.v1.TokenReviewSpec",
    (
        Field(1, "token", Kind.STRING),
        Field(2, "audiences", Kind.STRING, Card.REPEATED),
    ),
)

TOKEN_REVIEW_STATUS = Message(
    "authentication.v1.TokenReviewStatus",
    (
        Field(1, "authenticated", Kind.BOOL),
        Field(2, "user", USER_INFO),
        Field(4, "audiences", Kind.STRING, Card.REPEATED),
        Field(3, "error", Kind.STRING),
    ),
)

TOKEN_REVIEW = Message(
    "authentication.v1.TokenReview",
    (
        Field(1, "metadata", OBJECT_META),
        Field(2, "spec", TOKEN_REVIEW_SPEC),
        Field(3, "status", TOKEN_REVIEW_STATUS),
    ),
)

BOUND_OBJECT_REFERENCE = Message(
    "authentication.v1.BoundObjectReference",
    (
        Field(1, "kind", Kind.STRING),
        Field(2, "apiVersion", Kind.STRING),
        Field(3, "name", Kind.STRING),
        Field(4, "uid", Kind.STRING),
    ),
)

TOKEN_REQUEST_SPEC = Message(
    "authentication.v1.TokenRequestSpec",
    (
        Field(1, "audiences", Kind.STRING, Card.REPEATED, omitempty=False),
        Field(4, "expirationSeconds", Kind.INT64, Card.POINTER, omitempty=False),
        Field(3, "boundObjectRef", BOUND_OBJECT_REFERENCE, Card.POINTER, omitempty=False),
    ),
)

TOKEN_REQUEST_STATUS = Message(
    "authentication.v1.TokenRequestStatus",
    (
        Field(1, "token", Kind.STRING, omitempty=False),
        Field(2, "expirationTimestamp", Kind.TIME),
    ),
)

TOKEN_REQUEST = Message(
    "authentication.v1.TokenRequest",
    (
        Field(1, "metadata", OBJECT_META),
        Field(2, "spec", TOKEN_REQUEST_SPEC),
        Field(3, "status", TOKEN_REQUEST_STATUS),
    ),
)

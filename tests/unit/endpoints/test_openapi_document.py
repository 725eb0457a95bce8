"""Group-version OpenAPI documents built from resource definitions, without a server."""

from __future__ import annotations

import dataclasses

from kcp.apimachinery.schema import GroupVersion
from kcp.endpoints import openapi_document
from kcp.registry.catalogue import BUILTIN_DEFINITIONS

CONFIGMAPS = next(d for d in BUILTIN_DEFINITIONS if d.kind == "ConfigMap")
WIDGETS = dataclasses.replace(
    CONFIGMAPS,
    group="example.com",
    kind="Widget",
    resource="widgets",
    singular="widget",
    namespaced=False,
    patch_schema=None,
)
STRATEGIC = "application/strategic-merge-patch+json"


def test_kind_without_generated_schema_gets_a_permissive_one() -> None:
    document = openapi_document.document(GroupVersion("example.com", "v1"), [WIDGETS])
    schemas = document["components"]["schemas"]
    widget = schemas["com.example.v1.Widget"]
    assert widget["x-kubernetes-preserve-unknown-fields"] is True
    assert widget["x-kubernetes-group-version-kind"] == [
        {"group": "example.com", "kind": "Widget", "version": "v1"}
    ]
    assert set(widget["properties"]) == {"apiVersion", "kind", "metadata"}
    widgets = schemas["com.example.v1.WidgetList"]
    assert widgets["properties"]["items"]["items"] == {
        "$ref": "#/components/schemas/com.example.v1.Widget"
    }
    assert "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" in schemas
    patch = document["paths"]["/apis/example.com/v1/widgets/{name}"]["patch"]
    assert patch["operationId"] == "patchExampleComV1Widget"
    assert STRATEGIC not in patch["requestBody"]["content"]
    assert "parameters" not in document["paths"]["/apis/example.com/v1/widgets"]


def test_operation_ids_and_tags_follow_upstream() -> None:
    roles = dataclasses.replace(
        CONFIGMAPS, group="rbac.authorization.k8s.io", kind="Role", resource="roles"
    )
    document = openapi_document.document(GroupVersion("rbac.authorization.k8s.io", "v1"), [roles])
    item = document["paths"][
        "/apis/rbac.authorization.k8s.io/v1/namespaces/{namespace}/roles/{name}"
    ]
    assert item["put"]["operationId"] == "replaceRbacAuthorizationV1NamespacedRole"
    assert item["put"]["tags"] == ["rbacAuthorization_v1"]
    assert STRATEGIC in item["patch"]["requestBody"]["content"]
    assert [p["name"] for p in item["parameters"]] == ["name", "namespace"]
    assert "io.k8s.api.rbac.v1.PolicyRule" in document["components"]["schemas"]


def test_create_only_kinds_have_only_a_post() -> None:
    reviews = dataclasses.replace(
        CONFIGMAPS,
        group="authorization.k8s.io",
        kind="SubjectAccessReview",
        resource="subjectaccessreviews",
        namespaced=False,
        verbs=("create",),
    )
    document = openapi_document.document(GroupVersion("authorization.k8s.io", "v1"), [reviews])
    paths = document["paths"]
    assert set(paths) == {
        "/apis/authorization.k8s.io/v1/",
        "/apis/authorization.k8s.io/v1/subjectaccessreviews",
    }
    post = paths["/apis/authorization.k8s.io/v1/subjectaccessreviews"]["post"]
    assert post["operationId"] == "createAuthorizationV1SubjectAccessReview"
    assert (
        "io.k8s.api.authorization.v1.SubjectAccessReviewList"
        not in document["components"]["schemas"]
    )

from __future__ import annotations

import pytest

from kcp.endpoints.requestinfo import parse_request_info


@pytest.mark.parametrize(
    ("method", "path", "query", "expected"),
    [
        ("GET", "/api/v1/namespaces", {}, ("list", "", "v1", "", "namespaces", "", "")),
        ("GET", "/api/v1/namespaces/ns1", {}, ("get", "", "v1", "ns1", "namespaces", "", "ns1")),
        (
            "PUT",
            "/api/v1/namespaces/ns1/status",
            {},
            ("update", "", "v1", "ns1", "namespaces", "status", "ns1"),
        ),
        (
            "PUT",
            "/api/v1/namespaces/ns1/finalize",
            {},
            ("update", "", "v1", "ns1", "namespaces", "finalize", "ns1"),
        ),
        (
            "GET",
            "/api/v1/namespaces/ns1/configmaps",
            {},
            ("list", "", "v1", "ns1", "configmaps", "", ""),
        ),
        (
            "GET",
            "/api/v1/namespaces/ns1/configmaps",
            {"watch": "true"},
            ("watch", "", "v1", "ns1", "configmaps", "", ""),
        ),
        (
            "GET",
            "/api/v1/namespaces/ns1/configmaps/c",
            {},
            ("get", "", "v1", "ns1", "configmaps", "", "c"),
        ),
        (
            "POST",
            "/api/v1/namespaces/ns1/configmaps",
            {},
            ("create", "", "v1", "ns1", "configmaps", "", ""),
        ),
        (
            "DELETE",
            "/api/v1/namespaces/ns1/configmaps",
            {},
            ("deletecollection", "", "v1", "ns1", "configmaps", "", ""),
        ),
        (
            "DELETE",
            "/api/v1/namespaces/ns1/configmaps/c",
            {},
            ("delete", "", "v1", "ns1", "configmaps", "", "c"),
        ),
        (
            "PATCH",
            "/apis/apps/v1/namespaces/n/deployments/d/scale",
            {},
            ("patch", "apps", "v1", "n", "deployments", "scale", "d"),
        ),
        (
            "GET",
            "/apis/rbac.authorization.k8s.io/v1/clusterroles",
            {},
            ("list", "rbac.authorization.k8s.io", "v1", "", "clusterroles", "", ""),
        ),
        (
            "GET",
            "/api/v1/watch/namespaces/n/configmaps",
            {},
            ("watch", "", "v1", "n", "configmaps", "", ""),
        ),
        ("GET", "/api/v1/configmaps", {}, ("list", "", "v1", "", "configmaps", "", "")),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_resource_paths(
    method: str, path: str, query: dict[str, str], expected: tuple[str, ...]
) -> None:
    info = parse_request_info(method, path, query)
    assert info.is_resource_request
    got = (
        info.verb,
        info.group,
        info.version,
        info.namespace,
        info.resource,
        info.subresource,
        info.name,
    )
    assert got == expected


@pytest.mark.parametrize(
    "path",
    [
        "/version",
        "/api",
        "/apis",
        "/api/v1",
        "/apis/apps",
        "/apis/apps/v1",
        "/openapi/v3",
        "/",
        "/api/v1/a/b/c/d/e",
    ],
)
def test_non_resource_paths(path: str) -> None:
    assert not parse_request_info("GET", path, {}).is_resource_request

"""rbac.authorization.k8s.io/v1: pkg/apis/rbac/validation's rules and messages, over HTTP."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.api.test_resources import TABLE
from tests.integration.conftest import API

RBAC = "/apis/rbac.authorization.k8s.io/v1"
ROLES = f"{RBAC}/namespaces/default/roles"
CLUSTERROLES = f"{RBAC}/clusterroles"
ROLEBINDINGS = f"{RBAC}/namespaces/default/rolebindings"
CLUSTERROLEBINDINGS = f"{RBAC}/clusterrolebindings"
GROUP = "rbac.authorization.k8s.io"


def role_ref(kind: str = "Role", name: str = "reader") -> dict[str, str]:
    return {"apiGroup": GROUP, "kind": kind, "name": name}


@pytest.mark.parametrize(
    ("url", "obj", "message"),
    [
        (
            ROLES,
            {"rules": [{"apiGroups": [""], "resources": ["pods"]}]},
            'Role.rbac.authorization.k8s.io "x" is invalid: rules[0].verbs: Required value: '
            "verbs must contain at least one value",
        ),
        (
            ROLES,
            {"rules": [{"verbs": ["get"]}]},
            'Role.rbac.authorization.k8s.io "x" is invalid: [rules[0].apiGroups: Required value: '
            "resource rules must supply at least one api group, rules[0].resources: Required "
            "value: resource rules must supply at least one resource]",
        ),
        (
            ROLES,
            {"rules": [{"verbs": ["get"], "nonResourceURLs": ["/healthz"]}]},
            'Role.rbac.authorization.k8s.io "x" is invalid: rules[0].nonResourceURLs: Invalid '
            'value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs',
        ),
        (
            CLUSTERROLES,
            {"rules": [{"verbs": ["get"], "nonResourceURLs": ["/healthz"], "apiGroups": [""]}]},
            'ClusterRole.rbac.authorization.k8s.io "x" is invalid: rules[0].nonResourceURLs: '
            'Invalid value: []string{"/healthz"}: rules cannot apply to both regular resources '
            "and non-resource URLs",
        ),
        (
            CLUSTERROLES,
            {"aggregationRule": {"clusterRoleSelectors": []}},
            'ClusterRole.rbac.authorization.k8s.io "x" is invalid: '
            "aggregationRule.clusterRoleSelectors: Required value: at least one "
            "clusterRoleSelector required if aggregationRule is non-nil",
        ),
        (
            ROLEBINDINGS,
            {"roleRef": {"apiGroup": "example.com", "kind": "Role", "name": "r"}},
            'RoleBinding.rbac.authorization.k8s.io "x" is invalid: roleRef.apiGroup: Unsupported '
            'value: "example.com": supported values: "rbac.authorization.k8s.io"',
        ),
        (
            CLUSTERROLEBINDINGS,
            {"roleRef": role_ref("Role")},
            'ClusterRoleBinding.rbac.authorization.k8s.io "x" is invalid: roleRef.kind: '
            'Unsupported value: "Role": supported values: "ClusterRole"',
        ),
        (
            ROLEBINDINGS,
            {"roleRef": role_ref(name="a/b")},
            'RoleBinding.rbac.authorization.k8s.io "x" is invalid: roleRef.name: Invalid value: '
            "\"a/b\": may not contain '/'",
        ),
        (
            ROLEBINDINGS,
            {"roleRef": role_ref(), "subjects": [{"kind": "Robot", "name": "r2d2"}]},
            'RoleBinding.rbac.authorization.k8s.io "x" is invalid: subjects[0].kind: Unsupported '
            'value: "Robot": supported values: "ServiceAccount", "User", "Group"',
        ),
        (
            ROLEBINDINGS,
            {
                "roleRef": role_ref(),
                "subjects": [{"kind": "ServiceAccount", "name": "Bad_SA", "apiGroup": GROUP}],
            },
            'RoleBinding.rbac.authorization.k8s.io "x" is invalid: [subjects[0].name: Invalid '
            'value: "Bad_SA": a lowercase RFC 1123 subdomain must consist of lower case '
            "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
            "character (e.g. 'example.com', regex used for validation is "
            "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'), "
            'subjects[0].apiGroup: Unsupported value: "rbac.authorization.k8s.io": supported '
            'values: ""]',
        ),
        (
            CLUSTERROLEBINDINGS,
            {"roleRef": role_ref("ClusterRole"), "subjects": [{"kind": "Group"}]},
            'ClusterRoleBinding.rbac.authorization.k8s.io "x" is invalid: subjects[0].name: '
            "Required value",
        ),
        (
            CLUSTERROLEBINDINGS,
            {
                "roleRef": role_ref("ClusterRole"),
                "subjects": [{"kind": "ServiceAccount", "name": "builder"}],
            },
            'ClusterRoleBinding.rbac.authorization.k8s.io "x" is invalid: subjects[0].namespace: '
            "Required value",
        ),
    ],
    ids=[
        "rule-without-verbs",
        "resource-rule-without-groups-or-resources",
        "namespaced-non-resource-urls",
        "both-resources-and-urls",
        "empty-aggregation-rule",
        "role-ref-group",
        "cluster-binding-to-role",
        "role-ref-name-not-a-path-segment",
        "unknown-subject-kind",
        "service-account-name-and-group",
        "subject-without-name",
        "cluster-binding-sa-without-namespace",
    ],
)
async def test_invalid_rbac_objects_get_upstream_messages(
    api: API, url: str, obj: dict[str, Any], message: str
) -> None:
    status, body = await api.call("POST", url, {"metadata": {"name": "x"}, **obj})
    assert (status, body["reason"]) == (422, "Invalid"), body
    assert body["message"] == message


async def test_names_need_only_be_path_segments(api: API) -> None:
    status, body = await api.call(
        "POST", CLUSTERROLES, {"metadata": {"name": "system:Node_Reader"}, "rules": []}
    )
    assert status == 201, body
    status, body = await api.call("POST", CLUSTERROLES, {"metadata": {"name": "a%b"}})
    assert status == 422
    assert body["message"] == (
        'ClusterRole.rbac.authorization.k8s.io "a%b" is invalid: metadata.name: Invalid value: '
        "\"a%b\": may not contain '%'"
    )


async def test_role_ref_cannot_change(api: API) -> None:
    binding = {"metadata": {"name": "b"}, "roleRef": role_ref(name="reader")}
    status, created = await api.call("POST", ROLEBINDINGS, binding)
    assert status == 201
    created["roleRef"]["name"] = "writer"
    status, body = await api.call("PUT", f"{ROLEBINDINGS}/b", created)
    assert status == 422
    assert body["message"] == (
        'RoleBinding.rbac.authorization.k8s.io "b" is invalid: roleRef: Invalid value: '
        'rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"writer"}: '
        "cannot change roleRef"
    )
    created["roleRef"]["name"] = "reader"
    created["subjects"] = [{"kind": "User", "name": "bob"}]
    status, updated = await api.call("PUT", f"{ROLEBINDINGS}/b", created)
    assert status == 200, updated


async def test_bindings_default_api_groups(api: API) -> None:
    binding = {
        "metadata": {"name": "b"},
        "roleRef": {"kind": "ClusterRole", "name": "view"},
        "subjects": [
            {"kind": "User", "name": "alice"},
            {"kind": "Group", "name": "devs"},
            {"kind": "ServiceAccount", "name": "ci", "namespace": "tools"},
        ],
    }
    status, created = await api.call("POST", CLUSTERROLEBINDINGS, binding)
    assert status == 201, created
    assert created["roleRef"]["apiGroup"] == GROUP
    assert [s.get("apiGroup") for s in created["subjects"]] == [GROUP, GROUP, None]


async def test_aggregation_rule_is_stored(api: API) -> None:
    rule = {"clusterRoleSelectors": [{"matchLabels": {"aggregate-to-view": "true"}}]}
    status, created = await api.call(
        "POST", CLUSTERROLES, {"metadata": {"name": "view"}, "aggregationRule": rule}
    )
    assert status == 201, created
    status, fetched = await api.call("GET", f"{CLUSTERROLES}/view")
    assert (status, fetched["aggregationRule"]) == (200, rule)


async def test_put_creates_roles(api: API) -> None:
    role = {
        "metadata": {"name": "reader"},
        "rules": [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get"]}],
    }
    status, created = await api.call("PUT", f"{ROLES}/reader", role)
    assert status == 201, created


async def test_binding_table_cells(api: API) -> None:
    binding = {
        "metadata": {"name": "b"},
        "roleRef": role_ref("ClusterRole", "edit"),
        "subjects": [
            {"kind": "User", "name": "alice"},
            {"kind": "User", "name": "bob"},
            {"kind": "Group", "name": "devs"},
            {"kind": "ServiceAccount", "name": "ci", "namespace": "tools"},
        ],
    }
    assert (await api.call("POST", ROLEBINDINGS, binding))[0] == 201
    status, table = await api.call("GET", f"{ROLEBINDINGS}/b", headers={"Accept": TABLE})
    assert status == 200
    cells = dict(
        zip([c["name"] for c in table["columnDefinitions"]], table["rows"][0]["cells"], strict=True)
    )
    assert cells["Name"] == "b"
    assert cells["Role"] == "ClusterRole/edit"
    assert (cells["Users"], cells["Groups"], cells["ServiceAccounts"]) == (
        "alice, bob",
        "devs",
        "tools/ci",
    )
    priorities = {c["name"]: c["priority"] for c in table["columnDefinitions"]}
    assert priorities["Users"] == priorities["Groups"] == priorities["ServiceAccounts"] == 1

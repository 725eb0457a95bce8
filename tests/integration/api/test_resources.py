"""The generic resource tester: every resource of the catalogue through the same paces.

After k8s.io/apiserver pkg/registry/generic/testing/tester.go: for each served
resource, a minimal valid object is created (201), read, listed (also with a
`metadata.name` field selector), updated with a stale resourceVersion (409) and
deleted; an invalid one is refused with 422 and a field cause; its Table has
kube-apiserver's columns; discovery lists it. Adding a resource to the catalogue
without a fixture here fails `test_every_resource_has_fixtures`.
"""

from __future__ import annotations

import base64
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from kcp.registry.catalogue import BUILTIN_DEFINITIONS
from kcp.registry.resource import ResourceDefinition
from tests.integration.conftest import API

NAMESPACE = "default"
TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"
AGGREGATED = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"


def csr_pem(common_name: str = "alice") -> str:
    """A fresh PKCS#10 request, base64 as `spec.request` carries it."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    csr = x509.CertificateSigningRequestBuilder().subject_name(subject).sign(key, hashes.SHA256())
    return base64.b64encode(csr.public_bytes(serialization.Encoding.PEM)).decode()


def _rules() -> list[dict[str, Any]]:
    return [{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get", "list"]}]


def _webhook(**extra: Any) -> dict[str, Any]:
    return {
        "name": "check.example.com",
        "clientConfig": {"url": "https://hooks.example.com/check"},
        "sideEffects": "None",
        "admissionReviewVersions": ["v1"],
        **extra,
    }


MATCH = {
    "resourceRules": [
        {
            "apiGroups": ["apps"],
            "apiVersions": ["v1"],
            "operations": ["CREATE"],
            "resources": ["deployments"],
        }
    ]
}

# A minimal valid body per resource, keyed by GroupResource; metadata.name is added.
VALID: dict[str, dict[str, Any]] = {
    "namespaces": {},
    "configmaps": {"data": {"a": "1"}},
    "secrets": {"stringData": {"a": "1"}},
    "serviceaccounts": {},
    "events": {
        "involvedObject": {"kind": "Pod", "name": "web", "namespace": NAMESPACE},
        "reason": "Started",
        "message": "Started container",
        "type": "Normal",
        "source": {"component": "kubelet"},
    },
    "resourcequotas": {"spec": {"hard": {"pods": "10", "limits.memory": "1Gi"}}},
    "events.events.k8s.io": {
        "eventTime": "2024-05-01T10:00:00.000000Z",
        "reportingController": "example.com/controller",
        "reportingInstance": "controller-1",
        "action": "Start",
        "reason": "Started",
        "regarding": {"kind": "Pod", "name": "web", "namespace": NAMESPACE},
        "note": "Started container",
        "type": "Normal",
    },
    "certificatesigningrequests.certificates.k8s.io": {
        "spec": {
            "request": csr_pem(),
            "signerName": "example.com/signer",
            "usages": ["digital signature", "client auth"],
        }
    },
    "clusterrolebindings.rbac.authorization.k8s.io": {
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "view"},
        "subjects": [{"kind": "User", "name": "alice"}],
    },
    "clusterroles.rbac.authorization.k8s.io": {"rules": _rules()},
    "rolebindings.rbac.authorization.k8s.io": {
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "reader"},
        "subjects": [{"kind": "ServiceAccount", "name": "default"}],
    },
    "roles.rbac.authorization.k8s.io": {"rules": _rules()},
    "mutatingwebhookconfigurations.admissionregistration.k8s.io": {"webhooks": [_webhook()]},
    "validatingadmissionpolicies.admissionregistration.k8s.io": {
        "spec": {"matchConstraints": MATCH, "validations": [{"expression": "true"}]}
    },
    "validatingadmissionpolicybindings.admissionregistration.k8s.io": {
        "spec": {"policyName": "policy", "validationActions": ["Deny"]}
    },
    "validatingwebhookconfigurations.admissionregistration.k8s.io": {"webhooks": [_webhook()]},
    "customresourcedefinitions.apiextensions.k8s.io": {
        "spec": {
            "group": "example.com",
            "names": {"plural": "widgets", "kind": "Widget"},
            "scope": "Namespaced",
            "versions": [
                {
                    "name": "v1",
                    "served": True,
                    "storage": True,
                    "schema": {"openAPIV3Schema": {"type": "object"}},
                }
            ],
        }
    },
    "leases.coordination.k8s.io": {"spec": {"holderIdentity": "node-1"}},
}
# Names that the resource requires (CRDs are named <plural>.<group>).
NAMES = {"customresourcedefinitions.apiextensions.k8s.io": "widgets.example.com"}

# An invalid body per resource and the field its first cause names.
INVALID: dict[str, tuple[dict[str, Any], str]] = {
    "namespaces": ({"metadata": {"name": "Bad_Name"}}, "metadata.name"),
    "configmaps": ({"data": {"bad key": "x"}}, "data[bad key]"),
    "secrets": ({"data": {"a": "!!"}}, "data[a]"),
    "serviceaccounts": ({"metadata": {"name": "Bad_Name"}}, "metadata.name"),
    "events": (
        {"involvedObject": {"kind": "Pod", "name": "web", "namespace": "other"}},
        "involvedObject.namespace",
    ),
    "resourcequotas": ({"spec": {"hard": {"bogus": "1"}}}, "spec.hard[bogus]"),
    "events.events.k8s.io": (
        {"eventTime": "2024-05-01T10:00:00.000000Z", "type": "Normal"},
        "reportingController",
    ),
    "certificatesigningrequests.certificates.k8s.io": (
        {"spec": {"request": csr_pem(), "signerName": "example.com/signer"}},
        "spec.usages",
    ),
    "clusterrolebindings.rbac.authorization.k8s.io": (
        {
            "roleRef": {"kind": "ClusterRole", "name": "view"},
            "subjects": [{"kind": "ServiceAccount", "name": "default"}],
        },
        "subjects[0].namespace",
    ),
    "clusterroles.rbac.authorization.k8s.io": (
        {"rules": [{"verbs": ["get"], "nonResourceURLs": ["/x"], "resources": ["pods"]}]},
        "rules[0].nonResourceURLs",
    ),
    "rolebindings.rbac.authorization.k8s.io": (
        {"roleRef": {"kind": "Bogus", "name": "x"}},
        "roleRef.kind",
    ),
    "roles.rbac.authorization.k8s.io": (
        {"rules": [{"apiGroups": [""], "resources": ["pods"]}]},
        "rules[0].verbs",
    ),
    "mutatingwebhookconfigurations.admissionregistration.k8s.io": (
        {"webhooks": [_webhook(name="short")]},
        "webhooks[0].name",
    ),
    "validatingadmissionpolicies.admissionregistration.k8s.io": (
        {"spec": {"matchConstraints": MATCH}},
        "spec.validations",
    ),
    "validatingadmissionpolicybindings.admissionregistration.k8s.io": (
        {"spec": {"policyName": "policy"}},
        "spec.validationActions",
    ),
    "validatingwebhookconfigurations.admissionregistration.k8s.io": (
        {"webhooks": [_webhook(timeoutSeconds=60)]},
        "webhooks[0].timeoutSeconds",
    ),
    "customresourcedefinitions.apiextensions.k8s.io": (
        {"metadata": {"name": "widgets.example.com"}, "spec": {"scope": "Galaxy"}},
        "metadata.name",
    ),
    "leases.coordination.k8s.io": (
        {"spec": {"leaseDurationSeconds": 0}},
        "spec.leaseDurationSeconds",
    ),
}

# kube-apiserver 1.32's column names (pkg/printers/internalversion; the default
# convertor's Name + Created At where a type has no printer).
COLUMNS: dict[str, list[str]] = {
    "namespaces": ["Name", "Status", "Age"],
    "configmaps": ["Name", "Data", "Age"],
    "secrets": ["Name", "Type", "Data", "Age"],
    "serviceaccounts": ["Name", "Secrets", "Age"],
    "events": [
        "Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message",
        "First Seen", "Count", "Name",
    ],
    "resourcequotas": ["Name", "Request", "Limit", "Age"],
    "events.events.k8s.io": [
        "Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message",
        "First Seen", "Count", "Name",
    ],
    "certificatesigningrequests.certificates.k8s.io": [
        "Name", "Age", "SignerName", "Requestor", "RequestedDuration", "Condition",
    ],
    "clusterrolebindings.rbac.authorization.k8s.io": [
        "Name", "Role", "Age", "Users", "Groups", "ServiceAccounts",
    ],
    "clusterroles.rbac.authorization.k8s.io": ["Name", "Created At"],
    "rolebindings.rbac.authorization.k8s.io": [
        "Name", "Role", "Age", "Users", "Groups", "ServiceAccounts",
    ],
    "roles.rbac.authorization.k8s.io": ["Name", "Created At"],
    "mutatingwebhookconfigurations.admissionregistration.k8s.io": ["Name", "Webhooks", "Age"],
    "validatingadmissionpolicies.admissionregistration.k8s.io": [
        "Name", "Validations", "ParamKind", "Age",
    ],
    "validatingadmissionpolicybindings.admissionregistration.k8s.io": [
        "Name", "PolicyName", "ParamRef", "Age",
    ],
    "validatingwebhookconfigurations.admissionregistration.k8s.io": ["Name", "Webhooks", "Age"],
    "customresourcedefinitions.apiextensions.k8s.io": ["Name", "Created At"],
    "leases.coordination.k8s.io": ["Name", "Holder", "Age"],
}  # fmt: skip


def _id(definition: ResourceDefinition) -> str:
    return str(definition.group_resource)


def collection(definition: ResourceDefinition, namespace: str = NAMESPACE) -> str:
    """The collection URL of a resource (in `namespace` when it is namespaced)."""
    prefix = (
        f"/apis/{definition.group}/{definition.version}"
        if definition.group
        else f"/api/{definition.version}"
    )
    if definition.namespaced:
        return f"{prefix}/namespaces/{namespace}/{definition.resource}"
    return f"{prefix}/{definition.resource}"


def body(definition: ResourceDefinition, name: str, fields: dict[str, Any]) -> dict[str, Any]:
    obj = {"apiVersion": definition.api_version, "kind": definition.kind, **fields}
    obj["metadata"] = {"name": name, **fields.get("metadata", {})}
    return obj


def _params() -> list[Any]:
    params = []
    for d in BUILTIN_DEFINITIONS:
        params.append(pytest.param(d, id=_id(d)))
    return params


def test_every_resource_has_fixtures() -> None:
    ids = {_id(d) for d in BUILTIN_DEFINITIONS}
    assert ids == set(VALID) == set(INVALID) == set(COLUMNS)


@pytest.mark.parametrize("definition", _params())
async def test_lifecycle_create_get_list_conflict_delete(
    api: API, definition: ResourceDefinition
) -> None:
    gr = _id(definition)
    name = NAMES.get(gr, "fixture-1")
    url = collection(definition)
    status, created = await api.call("POST", url, body(definition, name, VALID[gr]))
    assert status == 201, created
    assert (created["apiVersion"], created["kind"]) == (definition.api_version, definition.kind)
    assert created["metadata"]["name"] == name
    assert created["metadata"]["uid"]

    status, fetched = await api.call("GET", f"{url}/{name}")
    assert (status, fetched) == (200, created)

    status, listed = await api.call("GET", url)
    assert status == 200
    assert name in [item["metadata"]["name"] for item in listed["items"]]
    for selector, expected in ((f"metadata.name={name}", [name]), ("metadata.name=other", [])):
        status, listed = await api.call("GET", f"{url}?fieldSelector={selector}")
        assert status == 200, listed
        assert [item["metadata"]["name"] for item in listed["items"]] == expected

    changed = {**created, "metadata": {**created["metadata"], "labels": {"touched": "yes"}}}
    status, updated = await api.call("PUT", f"{url}/{name}", changed)
    assert status == 200, updated
    assert updated["metadata"]["labels"]["touched"] == "yes"
    status, conflict = await api.call("PUT", f"{url}/{name}", created)
    assert (status, conflict["reason"]) == (409, "Conflict")
    assert conflict["message"] == (
        f'Operation cannot be fulfilled on {definition.group_resource} "{name}": the object has '
        "been modified; please apply your changes to the latest version and try again"
    )

    status, _ = await api.call("DELETE", f"{url}/{name}")
    assert status == 200
    status, after = await api.call("GET", f"{url}/{name}")
    # Namespaces wait for their finalizer; everything else is gone at once.
    assert status == 404 or after["metadata"].get("deletionTimestamp")


@pytest.mark.parametrize("definition", _params())
async def test_invalid_object_is_422_with_field_cause(
    api: API, definition: ResourceDefinition
) -> None:
    gr = _id(definition)
    fields, field = INVALID[gr]
    obj = body(definition, NAMES.get(gr, "fixture-1"), fields)
    status, answer = await api.call("POST", collection(definition), obj)
    assert (status, answer["reason"]) == (422, "Invalid"), answer
    assert answer["details"]["kind"] == definition.kind
    assert answer["details"].get("group", "") == definition.group
    assert field in [cause["field"] for cause in answer["details"]["causes"]], answer
    assert answer["message"].startswith(f'{definition.group_kind} "')


@pytest.mark.parametrize("definition", _params())
async def test_table_has_upstream_columns(api: API, definition: ResourceDefinition) -> None:
    gr = _id(definition)
    name = NAMES.get(gr, "fixture-1")
    status, _ = await api.call("POST", collection(definition), body(definition, name, VALID[gr]))
    assert status == 201
    status, table = await api.call("GET", collection(definition), headers={"Accept": TABLE})
    assert (status, table["kind"]) == (200, "Table")
    columns = [c["name"] for c in table["columnDefinitions"]]
    assert all(len(row["cells"]) == len(columns) for row in table["rows"])
    framing = ("Name", "Age")
    inner = [c for c in COLUMNS[gr] if c not in framing]
    assert [c for c in columns if c not in framing] == inner
    assert columns == COLUMNS[gr]


# shortNames, categories and subresources as kube-apiserver 1.32 lists them.
DISCOVERY: dict[str, tuple[list[str], list[str], list[str]]] = {
    "events": (["ev"], [], []),
    "resourcequotas": (["quota"], [], ["status"]),
    "events.events.k8s.io": (["ev"], [], []),
    "certificatesigningrequests.certificates.k8s.io": (["csr"], [], ["status", "approval"]),
    "clusterrolebindings.rbac.authorization.k8s.io": ([], [], []),
    "clusterroles.rbac.authorization.k8s.io": ([], [], []),
    "rolebindings.rbac.authorization.k8s.io": ([], [], []),
    "roles.rbac.authorization.k8s.io": ([], [], []),
    "mutatingwebhookconfigurations.admissionregistration.k8s.io": ([], ["api-extensions"], []),
    "validatingadmissionpolicies.admissionregistration.k8s.io": (
        [],
        ["api-extensions"],
        ["status"],
    ),
    "validatingadmissionpolicybindings.admissionregistration.k8s.io": ([], ["api-extensions"], []),
    "validatingwebhookconfigurations.admissionregistration.k8s.io": ([], ["api-extensions"], []),
    "customresourcedefinitions.apiextensions.k8s.io": (
        ["crd", "crds"],
        ["api-extensions"],
        ["status"],
    ),
    "leases.coordination.k8s.io": ([], [], []),
}
VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]


async def test_discovery_lists_every_resource(api: API) -> None:
    aggregated: dict[tuple[str, str], dict[str, Any]] = {}
    for root in ("/api", "/apis"):
        status, doc = await api.call("GET", root, headers={"Accept": AGGREGATED})
        assert (status, doc["kind"]) == (200, "APIGroupDiscoveryList")
        for group in doc["items"]:
            for version in group["versions"]:
                for resource in version["resources"]:
                    key = (resource["responseKind"]["group"], resource["resource"])
                    aggregated[key] = resource
    status, groups = await api.call("GET", "/apis")
    assert status == 200
    listed_groups = {g["name"] for g in groups["groups"]}
    for definition in BUILTIN_DEFINITIONS:
        resource = aggregated[(definition.group, definition.resource)]
        assert resource["scope"] == ("Namespaced" if definition.namespaced else "Cluster")
        assert resource["responseKind"]["kind"] == definition.kind
        assert resource["singularResource"] == definition.singular
        gr = _id(definition)
        if gr in DISCOVERY:
            short_names, categories, subresources = DISCOVERY[gr]
            assert resource["verbs"] == VERBS
            assert resource.get("shortNames", []) == short_names
            assert resource.get("categories", []) == categories
            assert [s["subresource"] for s in resource.get("subresources", [])] == subresources
        legacy = f"/apis/{definition.group}/{definition.version}" if definition.group else "/api/v1"
        status, resources = await api.call("GET", legacy)
        assert status == 200
        names = [r["name"] for r in resources["resources"]]
        assert definition.resource in names
        for sub in definition.subresources:
            assert f"{definition.resource}/{sub}" in names
        if definition.group:
            assert definition.group in listed_groups

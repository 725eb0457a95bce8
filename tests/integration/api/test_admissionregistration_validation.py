"""admissionregistration.k8s.io/v1: defaults, generation, merge-by-name patches, messages."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.api.test_resources import MATCH, TABLE, _webhook
from tests.integration.conftest import API

GROUP = "/apis/admissionregistration.k8s.io/v1"
VWC = f"{GROUP}/validatingwebhookconfigurations"
MWC = f"{GROUP}/mutatingwebhookconfigurations"
VAP = f"{GROUP}/validatingadmissionpolicies"
VAPB = f"{GROUP}/validatingadmissionpolicybindings"


async def test_webhook_defaults(api: API) -> None:
    hook = _webhook(
        clientConfig={"service": {"name": "svc", "namespace": "ns"}},
        rules=[
            {
                "operations": ["CREATE"],
                "apiGroups": [""],
                "apiVersions": ["v1"],
                "resources": ["pods"],
            }
        ],
    )
    status, created = await api.call("POST", MWC, {"metadata": {"name": "m"}, "webhooks": [hook]})
    assert status == 201, created
    defaulted = created["webhooks"][0]
    assert {k: defaulted[k] for k in ("failurePolicy", "matchPolicy", "timeoutSeconds")} == {
        "failurePolicy": "Fail",
        "matchPolicy": "Equivalent",
        "timeoutSeconds": 10,
    }
    assert (defaulted["namespaceSelector"], defaulted["objectSelector"]) == ({}, {})
    assert defaulted["reinvocationPolicy"] == "Never"
    assert defaulted["rules"][0]["scope"] == "*"
    assert defaulted["clientConfig"]["service"]["port"] == 443
    assert created["metadata"]["generation"] == 1


async def test_generation_counts_webhook_changes_only(api: API) -> None:
    status, created = await api.call(
        "POST", VWC, {"metadata": {"name": "v"}, "webhooks": [_webhook()]}
    )
    assert status == 201
    created["metadata"]["labels"] = {"a": "b"}
    status, labelled = await api.call("PUT", f"{VWC}/v", created)
    assert (status, labelled["metadata"]["generation"]) == (200, 1)
    labelled["webhooks"][0]["timeoutSeconds"] = 5
    status, changed = await api.call("PUT", f"{VWC}/v", labelled)
    assert (status, changed["metadata"]["generation"]) == (200, 2)


async def test_update_needs_a_resource_version(api: API) -> None:
    obj = {"metadata": {"name": "v"}, "webhooks": [_webhook()]}
    assert (await api.call("POST", VWC, obj))[0] == 201
    status, body = await api.call("PUT", f"{VWC}/v", obj)
    assert (status, body["details"]["causes"][0]["field"]) == (422, "metadata.resourceVersion")


async def test_strategic_merge_patch_merges_webhooks_by_name(api: API) -> None:
    obj = {"metadata": {"name": "v"}, "webhooks": [_webhook()]}
    assert (await api.call("POST", VWC, obj))[0] == 201
    patch = {
        "webhooks": [
            _webhook(name="second.example.com"),
            {"name": "check.example.com", "timeoutSeconds": 3},
        ]
    }
    status, patched = await api.call(
        "PATCH", f"{VWC}/v", patch, content_type="application/strategic-merge-patch+json"
    )
    assert status == 200, patched
    hooks = {h["name"]: h for h in patched["webhooks"]}
    assert set(hooks) == {"check.example.com", "second.example.com"}
    assert hooks["check.example.com"]["timeoutSeconds"] == 3
    assert hooks["check.example.com"]["clientConfig"] == _webhook()["clientConfig"]


@pytest.mark.parametrize(
    ("hook", "message"),
    [
        (
            _webhook(name="hook.local"),
            'webhooks[0].name: Invalid value: "hook.local": should be a domain with at least '
            "three segments separated by dots",
        ),
        (
            _webhook(clientConfig={}),
            "webhooks[0].clientConfig: Required value: exactly one of url or service is required",
        ),
        (
            _webhook(clientConfig={"url": "http://hooks.example.com"}),
            "webhooks[0].clientConfig.url: Invalid value: \"http\": 'https' is the only allowed "
            "URL scheme; desired format: https://host[/path]",
        ),
        (
            # Upstream passes the service's name and namespace to each other's parameter.
            _webhook(clientConfig={"service": {"namespace": "ns"}}),
            "webhooks[0].clientConfig.service.namespace: Required value",
        ),
        (
            _webhook(sideEffects="Some"),
            'webhooks[0].sideEffects: Unsupported value: "Some": supported values: "None", '
            '"NoneOnDryRun"',
        ),
        (
            _webhook(sideEffects=None),
            "webhooks[0].sideEffects: Required value: must specify one of None, NoneOnDryRun",
        ),
        (
            _webhook(admissionReviewVersions=[]),
            "webhooks[0].admissionReviewVersions: Required value: must specify one of v1, v1beta1",
        ),
        (
            _webhook(timeoutSeconds=31),
            "webhooks[0].timeoutSeconds: Invalid value: 31: the timeout value must be between 1 "
            "and 30 seconds",
        ),
        (
            _webhook(
                rules=[
                    {
                        "operations": ["PATCH"],
                        "apiGroups": ["*"],
                        "apiVersions": ["*"],
                        "resources": ["*/*"],
                    }
                ]
            ),
            'webhooks[0].rules[0].operations[0]: Unsupported value: "PATCH": supported values: '
            '"*", "CONNECT", "CREATE", "DELETE", "UPDATE"',
        ),
    ],
    ids=[
        "two-segment-name",
        "no-client-config",
        "plain-http",
        "service-without-name",
        "side-effects",
        "no-side-effects",
        "no-review-versions",
        "timeout",
        "operation",
    ],
)
async def test_invalid_webhooks_get_upstream_messages(
    api: API, hook: dict[str, Any], message: str
) -> None:
    obj = {"metadata": {"name": "v"}, "webhooks": [hook]}
    status, body = await api.call("POST", VWC, obj)
    assert (status, body["reason"]) == (422, "Invalid"), body
    kind = "ValidatingWebhookConfiguration.admissionregistration.k8s.io"
    assert body["message"] == f'{kind} "v" is invalid: {message}'


async def test_duplicate_webhook_names(api: API) -> None:
    obj = {"metadata": {"name": "v"}, "webhooks": [_webhook(), _webhook()]}
    status, body = await api.call("POST", VWC, obj)
    assert status == 422
    assert body["details"]["causes"] == [
        {
            "reason": "FieldValueDuplicate",
            "message": 'Duplicate value: "check.example.com"',
            "field": "webhooks[1].name",
        }
    ]


async def test_policy_defaults_status_and_generation(api: API) -> None:
    policy = {
        "metadata": {"name": "p"},
        "spec": {
            "paramKind": {"apiVersion": "v1", "kind": "ConfigMap"},
            "matchConstraints": MATCH,
            "validations": [{"expression": "true"}, {"expression": "1 == 1"}],
        },
        "status": {"observedGeneration": 7},
    }
    status, created = await api.call("POST", VAP, policy)
    assert status == 201, created
    assert created["spec"]["failurePolicy"] == "Fail"
    constraints = created["spec"]["matchConstraints"]
    assert (constraints["matchPolicy"], constraints["namespaceSelector"]) == ("Equivalent", {})
    assert created["status"] == {}
    created["status"] = {"observedGeneration": 1}
    status, updated = await api.call("PUT", f"{VAP}/p/status", created)
    assert (status, updated["status"]) == (200, {"observedGeneration": 1})
    status, table = await api.call("GET", f"{VAP}/p", headers={"Accept": TABLE})
    assert status == 200
    assert table["rows"][0]["cells"][1:3] == [2, "v1/ConfigMap"]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (
            {"validations": [{"expression": "true"}]},
            "spec.matchConstraints: Required value",
        ),
        (
            {"matchConstraints": MATCH, "validations": [{"expression": " "}]},
            "spec.validations[0].expression: Required value: expression is not specified",
        ),
        (
            {
                "matchConstraints": MATCH,
                "validations": [{"expression": "true"}],
                "failurePolicy": "Maybe",
            },
            'spec.failurePolicy: Unsupported value: "Maybe": supported values: "Fail", "Ignore"',
        ),
    ],
    ids=["no-match-constraints", "blank-expression", "failure-policy"],
)
async def test_invalid_policies_get_upstream_messages(
    api: API, spec: dict[str, Any], message: str
) -> None:
    status, body = await api.call("POST", VAP, {"metadata": {"name": "p"}, "spec": spec})
    assert (status, body["reason"]) == (422, "Invalid"), body
    kind = "ValidatingAdmissionPolicy.admissionregistration.k8s.io"
    assert body["message"] == f'{kind} "p" is invalid: {message}'


async def test_binding_rules_and_cells(api: API) -> None:
    spec = {
        "policyName": "p",
        "validationActions": ["Deny", "Warn"],
        "paramRef": {"name": "cfg", "selector": {}, "parameterNotFoundAction": "Deny"},
    }
    status, body = await api.call("POST", VAPB, {"metadata": {"name": "b"}, "spec": spec})
    assert status == 422
    assert [c["field"] for c in body["details"]["causes"]] == [
        "spec.paramRef.name",
        "spec.paramRef.selector",
        "spec.validationActions",
    ]
    spec["validationActions"] = ["Deny"]
    del spec["paramRef"]["selector"]
    status, created = await api.call("POST", VAPB, {"metadata": {"name": "b"}, "spec": spec})
    assert status == 201, created
    status, table = await api.call("GET", f"{VAPB}/b", headers={"Accept": TABLE})
    assert table["rows"][0]["cells"][1:3] == ["p", "*/cfg"]

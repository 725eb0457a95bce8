"""ResourceQuotas: status apart, resource names and quantities, the REQUEST/LIMIT cells."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.api.test_resources import TABLE
from tests.integration.conftest import API

QUOTAS = "/api/v1/namespaces/default/resourcequotas"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (
            {"hard": {"widgets": "1"}},
            'spec.hard[widgets]: Invalid value: "widgets": must be a standard resource type or '
            "fully qualified",
        ),
        (
            {"hard": {"storage": "1Gi"}},
            'spec.hard[storage]: Invalid value: "storage": must be a standard resource for quota',
        ),
        (
            {"hard": {"cpu": "-1"}},
            'spec.hard[cpu]: Invalid value: "-1": must be greater than or equal to 0',
        ),
        (
            {"hard": {"pods": "1500m"}},
            'spec.hard[pods]: Invalid value: "1500m": must be an integer',
        ),
        (
            {"hard": {"pods": "1"}, "scopes": ["BestEffort", "NotBestEffort"]},
            'spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort", "NotBestEffort"}: '
            "conflicting scopes",
        ),
    ],
    ids=["unknown-resource", "bare-storage", "negative", "fractional-pods", "conflicting-scopes"],
)
async def test_invalid_quotas_get_upstream_messages(
    api: API, spec: dict[str, Any], message: str
) -> None:
    status, body = await api.call("POST", QUOTAS, {"metadata": {"name": "q"}, "spec": spec})
    assert (status, body["reason"]) == (422, "Invalid"), body
    assert body["message"] == f'ResourceQuota "q" is invalid: {message}'


async def test_malformed_quantity_is_400(api: API) -> None:
    status, body = await api.call(
        "POST", QUOTAS, {"metadata": {"name": "q"}, "spec": {"hard": {"pods": "lots"}}}
    )
    assert status == 400
    assert body["message"] == (
        'ResourceQuota in version "v1" cannot be handled as a ResourceQuota: quantities must '
        "match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    )


async def test_status_is_set_through_the_subresource(api: API) -> None:
    quota = {
        "metadata": {"name": "q"},
        "spec": {"hard": {"pods": "10", "limits.memory": "1Gi"}},
        "status": {"hard": {"pods": "99"}},
    }
    status, created = await api.call("POST", QUOTAS, quota)
    assert (status, created["status"]) == (201, {})
    created["status"] = {
        "hard": {"pods": "10", "requests.cpu": "2", "limits.memory": "1Gi"},
        "used": {"pods": "3", "limits.memory": "512Mi"},
    }
    status, updated = await api.call("PUT", f"{QUOTAS}/q/status", created)
    assert status == 200, updated
    status, table = await api.call("GET", f"{QUOTAS}/q", headers={"Accept": TABLE})
    assert status == 200
    assert table["rows"][0]["cells"][1:3] == [
        "pods: 3/10, requests.cpu: 0/2",
        "limits.memory: 512Mi/1Gi",
    ]

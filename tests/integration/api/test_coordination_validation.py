"""Leases: create-on-update, conditional updates, spec validation, the HOLDER column."""

from __future__ import annotations

from tests.integration.api.test_resources import TABLE
from tests.integration.conftest import API

LEASES = "/apis/coordination.k8s.io/v1/namespaces/default/leases"


async def test_put_creates_and_updates_need_a_resource_version(api: API) -> None:
    lease = {"metadata": {"name": "l"}, "spec": {"holderIdentity": "a", "strategy": "X"}}
    status, created = await api.call("PUT", f"{LEASES}/l", lease)
    assert status == 201, created
    assert "strategy" not in created["spec"]  # CoordinatedLeaderElection is off in 1.32
    status, body = await api.call("PUT", f"{LEASES}/l", lease)
    assert (status, body["details"]["causes"][0]["field"]) == (422, "metadata.resourceVersion")
    status, table = await api.call("GET", f"{LEASES}/l", headers={"Accept": TABLE})
    assert (status, table["rows"][0]["cells"][:2]) == (200, ["l", "a"])


async def test_invalid_spec_gets_upstream_messages(api: API) -> None:
    lease = {"metadata": {"name": "l"}, "spec": {"leaseDurationSeconds": 0, "leaseTransitions": -1}}
    status, body = await api.call("POST", LEASES, lease)
    assert status == 422
    assert body["message"] == (
        'Lease.coordination.k8s.io "l" is invalid: [spec.leaseDurationSeconds: Invalid value: 0: '
        "must be greater than 0, spec.leaseTransitions: Invalid value: -1: must be greater than "
        "or equal to 0]"
    )

"""Garbage collection by ownerReferences: background, foreground and orphan propagation."""

from __future__ import annotations

from typing import Any

from tests.helpers.eventually import eventually
from tests.integration.conftest import API

NS = "/api/v1/namespaces"
TIMEOUT = 10.0


async def _namespace(api: API, name: str) -> None:
    status, body = await api.call("POST", NS, {"metadata": {"name": name}})
    assert status == 201, body


def _owner_ref(owner: dict[str, Any], *, block: bool = False) -> dict[str, Any]:
    ref = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "name": owner["metadata"]["name"],
        "uid": owner["metadata"]["uid"],
    }
    if block:
        ref["blockOwnerDeletion"] = True
    return ref


async def _create(
    api: API, ns: str, resource: str, name: str, owners: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    meta: dict[str, Any] = {"name": name}
    if owners:
        meta["ownerReferences"] = owners
    status, body = await api.call("POST", f"{NS}/{ns}/{resource}", {"metadata": meta})
    assert status == 201, body
    created: dict[str, Any] = body
    return created


async def _gone(api: API, path: str) -> None:
    async def check() -> tuple[bool, str]:
        status, body = await api.call("GET", path)
        return status == 404, f"{path} still there: {status} {body}"

    await eventually(check, timeout=TIMEOUT, interval=0.05)


async def _owner_uids(api: API, path: str) -> list[str]:
    status, body = await api.call("GET", path)
    assert status == 200, body
    return [r["uid"] for r in body["metadata"].get("ownerReferences", [])]


async def test_background_deletes_dependents_and_drops_dangling_references(api: API) -> None:
    await _namespace(api, "gc-bg")
    owner = await _create(api, "gc-bg", "configmaps", "owner")
    other = await _create(api, "gc-bg", "configmaps", "other")
    await _create(api, "gc-bg", "configmaps", "dep-cm", [_owner_ref(owner)])
    await _create(api, "gc-bg", "secrets", "dep-secret", [_owner_ref(owner)])
    await _create(api, "gc-bg", "configmaps", "two", [_owner_ref(owner), _owner_ref(other)])

    status, body = await api.call("DELETE", f"{NS}/gc-bg/configmaps/owner")
    assert status == 200, body
    await _gone(api, f"{NS}/gc-bg/configmaps/dep-cm")
    await _gone(api, f"{NS}/gc-bg/secrets/dep-secret")

    async def dangling_dropped() -> tuple[bool, str]:
        uids = await _owner_uids(api, f"{NS}/gc-bg/configmaps/two")
        return uids == [other["metadata"]["uid"]], f"ownerReferences: {uids}"

    await eventually(dangling_dropped, timeout=TIMEOUT, interval=0.05)
    assert (await api.call("GET", f"{NS}/gc-bg/configmaps/other"))[0] == 200


async def test_foreground_keeps_the_owner_until_its_dependents_are_gone(api: API) -> None:
    await _namespace(api, "gc-fg")
    owner = await _create(api, "gc-fg", "configmaps", "owner")
    # A finalizer the test controls holds the blocking dependent, and so the owner.
    status, held = await api.call(
        "POST",
        f"{NS}/gc-fg/configmaps",
        {
            "metadata": {
                "name": "held",
                "finalizers": ["example.com/hold"],
                "ownerReferences": [_owner_ref(owner, block=True)],
            }
        },
    )
    assert status == 201, held
    await _create(api, "gc-fg", "secrets", "free", [_owner_ref(owner)])

    status, body = await api.call(
        "DELETE", f"{NS}/gc-fg/configmaps/owner", {"propagationPolicy": "Foreground"}
    )
    assert status == 200, body
    assert body["metadata"]["deletionTimestamp"]
    assert body["metadata"]["finalizers"] == ["foregroundDeletion"]

    await _gone(api, f"{NS}/gc-fg/secrets/free")

    async def held_deleting() -> tuple[bool, str]:
        status, body = await api.call("GET", f"{NS}/gc-fg/configmaps/held")
        return bool(body["metadata"].get("deletionTimestamp")), f"{status} {body}"

    await eventually(held_deleting, timeout=TIMEOUT, interval=0.05)
    status, body = await api.call("GET", f"{NS}/gc-fg/configmaps/owner")
    assert status == 200, body
    assert body["metadata"]["finalizers"] == ["foregroundDeletion"]

    status, body = await api.call(
        "PATCH",
        f"{NS}/gc-fg/configmaps/held",
        {"metadata": {"finalizers": None}},
        content_type="application/merge-patch+json",
    )
    assert status == 200, body
    await _gone(api, f"{NS}/gc-fg/configmaps/held")
    await _gone(api, f"{NS}/gc-fg/configmaps/owner")


async def test_orphan_keeps_dependents_and_removes_references(api: API) -> None:
    await _namespace(api, "gc-or")
    owner = await _create(api, "gc-or", "configmaps", "owner")
    other = await _create(api, "gc-or", "configmaps", "other")
    await _create(api, "gc-or", "configmaps", "dep", [_owner_ref(owner, block=True)])
    await _create(api, "gc-or", "secrets", "dep2", [_owner_ref(owner), _owner_ref(other)])

    status, body = await api.call(
        "DELETE", f"{NS}/gc-or/configmaps/owner", {"propagationPolicy": "Orphan"}
    )
    assert status == 200, body
    assert body["metadata"]["finalizers"] == ["orphan"]
    await _gone(api, f"{NS}/gc-or/configmaps/owner")
    assert await _owner_uids(api, f"{NS}/gc-or/configmaps/dep") == []
    assert await _owner_uids(api, f"{NS}/gc-or/secrets/dep2") == [other["metadata"]["uid"]]


async def test_owner_references_resolve_in_the_dependents_namespace(api: API) -> None:
    # Upstream looks a namespaced owner up in the dependent's namespace: a reference to
    # an object elsewhere never resolves, and only same-namespace owners count.
    await _namespace(api, "gc-a")
    await _namespace(api, "gc-b")
    owner = await _create(api, "gc-a", "configmaps", "owner")
    local = await _create(api, "gc-b", "configmaps", "owner")  # same name, another uid
    await _create(api, "gc-a", "configmaps", "dep", [_owner_ref(owner)])
    await _create(api, "gc-b", "configmaps", "dep", [_owner_ref(owner), _owner_ref(local)])

    async def cross_reference_dropped() -> tuple[bool, str]:
        uids = await _owner_uids(api, f"{NS}/gc-b/configmaps/dep")
        return uids == [local["metadata"]["uid"]], f"ownerReferences: {uids}"

    await eventually(cross_reference_dropped, timeout=TIMEOUT, interval=0.05)
    assert await _owner_uids(api, f"{NS}/gc-a/configmaps/dep") == [owner["metadata"]["uid"]]

    status, body = await api.call(
        "DELETE", f"{NS}/gc-a/configmaps/owner", {"propagationPolicy": "Foreground"}
    )
    assert status == 200, body
    await _gone(api, f"{NS}/gc-a/configmaps/owner")
    await _gone(api, f"{NS}/gc-a/configmaps/dep")
    assert await _owner_uids(api, f"{NS}/gc-b/configmaps/dep") == [local["metadata"]["uid"]]
    assert (await api.call("GET", f"{NS}/gc-b/configmaps/owner"))[0] == 200


async def test_background_is_the_default_and_an_owner_without_dependents_just_goes(
    api: API,
) -> None:
    await _namespace(api, "gc-plain")
    await _create(api, "gc-plain", "configmaps", "alone")
    status, body = await api.call(
        "DELETE", f"{NS}/gc-plain/configmaps/alone", {"propagationPolicy": "Background"}
    )
    assert status == 200, body
    assert (await api.call("GET", f"{NS}/gc-plain/configmaps/alone"))[0] == 404


async def test_a_policy_on_an_object_already_being_deleted_adds_its_finalizer(api: API) -> None:
    await _namespace(api, "gc-again")
    path = f"{NS}/gc-again/configmaps/held"
    body = {"metadata": {"name": "held", "finalizers": ["example.com/hold"]}}
    assert (await api.call("POST", f"{NS}/gc-again/configmaps", body))[0] == 201
    status, first = await api.call("DELETE", path)
    assert (status, first["metadata"]["finalizers"]) == (200, ["example.com/hold"])

    status, second = await api.call("DELETE", path, {"propagationPolicy": "Orphan"})
    assert status == 200, second
    assert second["metadata"]["finalizers"] == ["example.com/hold", "orphan"]
    assert second["metadata"]["deletionTimestamp"] == first["metadata"]["deletionTimestamp"]

    async def orphan_done() -> tuple[bool, str]:
        status, body = await api.call("GET", path)
        finalizers = body["metadata"].get("finalizers")
        return finalizers == ["example.com/hold"], f"{status} finalizers={finalizers}"

    await eventually(orphan_done, timeout=TIMEOUT, interval=0.05)
    patch = {"metadata": {"finalizers": None}}
    status, _ = await api.call("PATCH", path, patch, content_type="application/merge-patch+json")
    assert status == 200
    await _gone(api, path)

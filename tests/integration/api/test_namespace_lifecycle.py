"""Namespaces: the default namespace, admission of content, and deletion that empties them."""

from __future__ import annotations

from tests.helpers.eventually import eventually
from tests.integration.conftest import API

NS = "/api/v1/namespaces"


async def _namespace(api: API, name: str) -> dict[str, object]:
    status, body = await api.call("POST", NS, {"metadata": {"name": name}})
    assert status == 201, body
    return body


async def test_root_has_a_default_namespace(api: API) -> None:
    status, body = await api.call("GET", f"{NS}/default")
    assert status == 200
    assert body["status"] == {"phase": "Active"}
    assert body["spec"] == {"finalizers": ["kubernetes"]}
    assert body["metadata"]["labels"] == {"kubernetes.io/metadata.name": "default"}


async def test_creating_into_a_missing_namespace_is_404(api: API) -> None:
    status, body = await api.call("POST", f"{NS}/ghost/configmaps", {"metadata": {"name": "c"}})
    assert (status, body["message"]) == (404, 'namespaces "ghost" not found')


async def test_default_namespace_may_not_be_deleted(api: API) -> None:
    status, body = await api.call("DELETE", f"{NS}/default")
    assert status == 403
    assert body["message"] == 'namespaces "default" is forbidden: this namespace may not be deleted'
    assert (await api.call("GET", f"{NS}/default"))[1]["status"]["phase"] == "Active"


async def test_deleting_a_namespace_empties_it_then_removes_it(api: API) -> None:
    await _namespace(api, "doomed")
    for i in range(3):
        created = await api.call("POST", f"{NS}/doomed/configmaps", {"metadata": {"name": f"c{i}"}})
        assert created[0] == 201
    await api.call("POST", f"{NS}/doomed/secrets", {"metadata": {"name": "s"}})
    await api.call("POST", f"{NS}/other/configmaps", {"metadata": {"name": "keep"}})
    await _namespace(api, "bystander")
    await api.call("POST", f"{NS}/bystander/configmaps", {"metadata": {"name": "keep"}})

    status, body = await api.call("DELETE", f"{NS}/doomed")
    assert status == 200
    assert body["kind"] == "Namespace"
    assert body["status"]["phase"] == "Terminating"
    assert body["metadata"]["deletionTimestamp"]

    async def gone() -> tuple[bool, str]:
        status, body = await api.call("GET", f"{NS}/doomed")
        return status == 404, f"namespace still there: {status} {body}"

    await eventually(gone, timeout=20, interval=0.1)
    assert (await api.call("GET", f"{NS}/doomed/configmaps"))[1]["items"] == []
    assert (await api.call("GET", f"{NS}/bystander/configmaps/keep"))[0] == 200


async def test_terminating_namespace_refuses_new_content(api: API) -> None:
    await _namespace(api, "closing")
    # A finalizer on content keeps the namespace terminating while we try to add more.
    await api.call(
        "POST",
        f"{NS}/closing/configmaps",
        {"metadata": {"name": "held", "finalizers": ["example.com/hold"]}},
    )
    await api.call("DELETE", f"{NS}/closing")
    status, body = await api.call(
        "POST", f"{NS}/closing/configmaps", {"metadata": {"name": "late"}}
    )
    assert status == 403
    assert body["message"] == (
        'configmaps "late" is forbidden: unable to create new content in namespace closing '
        "because it is being terminated"
    )
    assert body["details"]["causes"][0]["reason"] == "NamespaceTerminating"

    async def held_is_marked() -> tuple[bool, str]:
        _, body = await api.call("GET", f"{NS}/closing/configmaps/held")
        return bool(body.get("metadata", {}).get("deletionTimestamp")), str(body)

    await eventually(held_is_marked, timeout=20, interval=0.1)
    assert (await api.call("GET", f"{NS}/closing"))[1]["status"]["phase"] == "Terminating"
    await api.call(
        "PATCH",
        f"{NS}/closing/configmaps/held",
        {"metadata": {"finalizers": None}},
        content_type="application/merge-patch+json",
    )

    async def gone() -> tuple[bool, str]:
        status, _ = await api.call("GET", f"{NS}/closing")
        return status == 404, f"status {status}"

    await eventually(gone, timeout=20, interval=0.1)

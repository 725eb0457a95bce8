"""Events in core/v1 and events.k8s.io/v1: legacy vs strict validation, field selectors, cells."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.api.test_resources import TABLE, VALID
from tests.integration.conftest import API

CORE = "/api/v1/namespaces/default/events"
V1 = "/apis/events.k8s.io/v1/namespaces/default/events"


def core_event(name: str, **fields: Any) -> dict[str, Any]:
    return {"metadata": {"name": name}, **VALID["events"], **fields}


def v1_event(name: str, **fields: Any) -> dict[str, Any]:
    return {"metadata": {"name": name}, **VALID["events.events.k8s.io"], **fields}


@pytest.mark.parametrize(
    ("url", "obj", "message"),
    [
        (
            CORE,
            core_event("e", involvedObject={"kind": "Pod", "name": "p", "namespace": "other"}),
            'Event "e" is invalid: involvedObject.namespace: Invalid value: "other": does not '
            "match event.namespace",
        ),
        (
            CORE,
            core_event("e", eventTime="2024-05-01T10:00:00.000000Z", reason=""),
            'Event "e" is invalid: [reportingController: Required value, reportingController: '
            'Invalid value: "": name part must be non-empty, reportingController: Invalid value: '
            "\"\": name part must consist of alphanumeric characters, '-', '_' or '.', and "
            "must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  "
            "or '123-abc', regex used for validation is "
            "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'), reportingInstance: Required value, "
            "action: Required value, reason: Required value]",
        ),
        (
            V1,
            v1_event("e", eventTime=None, type="Bogus", deprecatedCount=3),
            'Event.events.k8s.io "e" is invalid: [eventTime: Required value, type: Invalid value: '
            '"": has invalid value: Bogus, count: Invalid value: "": needs to be unset]',
        ),
        (
            V1,
            v1_event("e", series={"count": 1}, deprecatedSource={"component": "kubelet"}),
            'Event.events.k8s.io "e" is invalid: [series.count: Invalid value: "": should be at '
            'least 2, series.lastObservedTime: Required value, source: Invalid value: "": needs '
            "to be unset]",
        ),
        (
            V1,
            v1_event("e", action="x" * 129),
            'Event.events.k8s.io "e" is invalid: action: Invalid value: "": can have at most 128 '
            "characters",
        ),
        (
            V1,
            v1_event("Bad_Name"),
            'Event.events.k8s.io "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": '
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
            "'-' or '.', and must start and end with an alphanumeric character (e.g. "
            "'example.com', regex used for validation is "
            "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        ),
    ],
    ids=[
        "core-namespace-mismatch",
        "core-new-style-needs-reporting",
        "v1-strict-fields",
        "v1-series-and-deprecated-source",
        "v1-action-too-long",
        "v1-name-is-a-subdomain",
    ],
)
async def test_invalid_events_get_upstream_messages(
    api: API, url: str, obj: dict[str, Any], message: str
) -> None:
    status, body = await api.call("POST", url, obj)
    assert (status, body["reason"]) == (422, "Invalid"), body
    assert body["message"] == message


async def test_core_event_names_need_only_be_path_segments(api: API) -> None:
    status, body = await api.call("POST", CORE, core_event("web.17d3a:Started"))
    assert status == 201, body


async def test_v1_event_update_keeps_fields_immutable(api: API) -> None:
    status, created = await api.call("POST", V1, v1_event("e"))
    assert status == 201, created
    created["note"] = "something else"
    status, body = await api.call("PUT", f"{V1}/e", created)
    assert status == 422
    assert body["message"] == (
        'Event.events.k8s.io "e" is invalid: message: Invalid value: "something else": field is '
        "immutable"
    )
    created["note"] = VALID["events.events.k8s.io"]["note"]
    created["series"] = {"count": 2, "lastObservedTime": "2024-05-01T10:05:00.000000Z"}
    status, body = await api.call("PUT", f"{V1}/e", created)
    assert status == 200, body


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("involvedObject.name=web", ["a", "b"]),
        ("involvedObject.kind=Node", ["c"]),
        ("reason=Killing", ["b"]),
        ("type=Warning", ["b"]),
        ("source=kubelet", ["a", "b"]),
        ("source=scheduler", ["c"]),
        ("reportingComponent=scheduler", ["c"]),
        ("involvedObject.namespace=default,type!=Warning", ["a"]),
    ],
)
async def test_core_event_field_selectors(api: API, selector: str, expected: list[str]) -> None:
    pod = {"kind": "Pod", "name": "web", "namespace": "default"}
    for obj in (
        core_event("a", involvedObject=pod),
        core_event("b", involvedObject=pod, reason="Killing", type="Warning"),
        core_event(
            "c",
            involvedObject={"kind": "Node", "name": "n1"},
            source={},
            reportingComponent="scheduler",
        ),
    ):
        status, body = await api.call("POST", CORE, obj)
        assert status == 201, body
    status, listed = await api.call("GET", f"{CORE}?fieldSelector={selector}")
    assert status == 200, listed
    assert [i["metadata"]["name"] for i in listed["items"]] == expected


async def test_v1_event_field_selectors_use_v1_names(api: API) -> None:
    assert (await api.call("POST", V1, v1_event("a")))[0] == 201
    for selector, expected in (
        ("regarding.name=web", ["a"]),
        ("regarding.kind=Node", []),
        ("reportingController=example.com/controller", ["a"]),
        ("reason=Started,type=Normal", ["a"]),
    ):
        status, listed = await api.call("GET", f"{V1}?fieldSelector={selector}")
        assert status == 200, listed
        assert [i["metadata"]["name"] for i in listed["items"]] == expected
    status, body = await api.call("GET", f"{V1}?fieldSelector=involvedObject.name%3Dweb")
    assert (status, body["message"]) == (400, "field label not supported: involvedObject.name")


async def test_event_table_cells(api: API) -> None:
    event = core_event(
        "e",
        count=3,
        firstTimestamp="2024-05-01T10:00:00Z",
        lastTimestamp="2024-05-01T10:05:00Z",
        source={"component": "kubelet", "host": "node-1"},
        message="  Started container  ",
    )
    assert (await api.call("POST", CORE, event))[0] == 201
    assert (await api.call("POST", V1, v1_event("n")))[0] == 201
    for url, name in ((CORE, "e"), (V1, "n")):
        status, table = await api.call("GET", f"{url}/{name}", headers={"Accept": TABLE})
        assert status == 200
        names = [c["name"] for c in table["columnDefinitions"]]
        cells = dict(zip(names, table["rows"][0]["cells"], strict=True))
        assert (cells["Type"], cells["Reason"], cells["Object"]) == ("Normal", "Started", "pod/web")
        assert cells["Message"] == "Started container"
        if name == "e":
            assert (cells["Source"], cells["Count"]) == ("kubelet, node-1", 3)
        else:
            assert (cells["Source"], cells["Count"]) == ("example.com/controller, controller-1", 1)
        assert cells["Last Seen"].endswith(("d", "h", "m", "s", "y"))

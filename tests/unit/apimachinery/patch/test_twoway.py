from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kcp.apimachinery.errors import APIError
from kcp.apimachinery.patch import (
    PatchNotApplicableError,
    apply_strategic_merge_patch,
    create_two_way_merge_patch,
)
from kcp.apimachinery.patch.jsonvalue import JSON, JSONObject, json_equal
from tests.unit.apimachinery.patch.jsondata import (
    DEPLOYMENT,
    NON_NULL_SCALARS,
    NULL_FREE_VALUES,
    SMP_OBJECTS,
    WIDGET,
)


def _containers(*containers: JSON) -> JSONObject:
    return {"spec": {"template": {"spec": {"containers": list(containers)}}}}


def test_create_reproduces_the_kubectl_132_deployment_patch() -> None:
    original = _containers(
        {"name": "a", "image": "nginx:1", "env": [{"name": "X"}, {"name": "Y"}]},
        {"name": "b", "image": "busybox:1"},
    )
    modified = _containers(
        {"name": "b", "image": "busybox:2"},
        {"name": "a", "image": "nginx:2", "env": [{"name": "X"}]},
    )
    assert create_two_way_merge_patch(original, modified, DEPLOYMENT) == {
        "spec": {
            "template": {
                "spec": {
                    "$setElementOrder/containers": [{"name": "b"}, {"name": "a"}],
                    "containers": [
                        {"image": "busybox:2", "name": "b"},
                        {
                            "$setElementOrder/env": [{"name": "X"}],
                            "env": [{"$patch": "delete", "name": "Y"}],
                            "image": "nginx:2",
                            "name": "a",
                        },
                    ],
                }
            }
        }
    }


@pytest.mark.parametrize(
    ("original", "modified", "expected"),
    [
        pytest.param({"a": 1, "tags": ["x"]}, {"a": 1, "tags": ["x"]}, {}, id="equal"),
        pytest.param({"a": 1, "b": 2}, {"a": 1}, {"b": None}, id="removed-member"),
        pytest.param(
            {"tags": ["x", "y"]},
            {"tags": ["y", "z"]},
            {
                "tags": ["z"],
                "$deleteFromPrimitiveList/tags": ["x"],
                "$setElementOrder/tags": ["y", "z"],
            },
            id="primitive-set",
        ),
        pytest.param(
            {"items": [{"name": "a"}, {"name": "b"}]},
            {"items": [{"name": "b"}, {"name": "a"}]},
            {"$setElementOrder/items": [{"name": "b"}, {"name": "a"}]},
            id="reorder-only",
        ),
        pytest.param(
            {"spec": {"strategy": {"type": "A", "rollingUpdate": {"x": 1}}}},
            {"spec": {"strategy": {"type": "B"}}},
            {"spec": {"strategy": {"type": "B", "rollingUpdate": None, "$retainKeys": ["type"]}}},
            id="retain-keys",
        ),
        pytest.param(
            {"spec": {"fixed": {"a": 1, "b": 2}}},
            {"spec": {"fixed": {"a": 1}}},
            {"spec": {"fixed": {"a": 1}}},
            id="atomic-map-whole",
        ),
        pytest.param({"other": [1, 2]}, {"other": [2]}, {"other": [2]}, id="plain-list-whole"),
        pytest.param({}, {"items": [{"name": "a"}]}, {"items": [{"name": "a"}]}, id="new-list"),
    ],
)
def test_create_gives_upstream_shaped_patch(
    original: JSONObject, modified: JSONObject, expected: JSONObject
) -> None:
    assert create_two_way_merge_patch(original, modified, WIDGET) == expected


def test_create_keyed_elements_without_their_key_is_422() -> None:
    with pytest.raises(PatchNotApplicableError):
        create_two_way_merge_patch({"items": [{"v": 1}]}, {"items": [{"v": 2}]}, WIDGET)


def test_create_list_of_lists_in_merge_list_is_422() -> None:
    with pytest.raises(PatchNotApplicableError):
        create_two_way_merge_patch({"tags": [["a"]]}, {"tags": [["b"]]}, WIDGET)


_NAMES = st.sampled_from(["a", "b", "c", "d"])
_ITEMS = st.lists(
    st.fixed_dictionaries(
        {"name": _NAMES},
        optional={
            "v": NON_NULL_SCALARS,
            "tags": st.lists(st.sampled_from(["x", "y", "z"]), unique=True, max_size=3),
        },
    ),
    unique_by=lambda item: str(item["name"]),
    max_size=4,
)
_TAGS = st.lists(st.sampled_from(["p", "q", "r"]) | st.integers(0, 2), unique=True, max_size=4)
_SPEC = st.fixed_dictionaries(
    {},
    optional={
        "strategy": st.dictionaries(st.sampled_from(["type", "x", "y"]), NULL_FREE_VALUES),
        "fixed": NULL_FREE_VALUES,
        "labels": st.dictionaries(st.text(max_size=2), st.text(max_size=2), max_size=3),
    },
)
WIDGETS: st.SearchStrategy[JSONObject] = st.fixed_dictionaries(
    {},
    optional={
        "items": _ITEMS,
        "tags": _TAGS,
        "spec": _SPEC,
        "other": NULL_FREE_VALUES,
        "metadata": st.fixed_dictionaries(
            {}, optional={"finalizers": st.lists(_NAMES, unique=True, max_size=3)}
        ),
    },
)


@settings(max_examples=200, deadline=None)
@given(original=WIDGETS, modified=WIDGETS)
def test_create_then_apply_round_trips(original: JSONObject, modified: JSONObject) -> None:
    original_before, modified_before = copy.deepcopy(original), copy.deepcopy(modified)
    patch = create_two_way_merge_patch(original, modified, WIDGET)
    assert json_equal(apply_strategic_merge_patch(original, patch, WIDGET), modified)
    assert create_two_way_merge_patch(modified, modified, WIDGET) == {}
    assert (original, modified) == (original_before, modified_before)


@settings(max_examples=100, deadline=None)
@given(original=SMP_OBJECTS, modified=SMP_OBJECTS)
def test_create_arbitrary_objects_returns_or_raises_api_error(
    original: JSONObject, modified: JSONObject
) -> None:
    try:
        patch = create_two_way_merge_patch(original, modified, WIDGET)
    except APIError:
        return
    assert isinstance(patch, dict)

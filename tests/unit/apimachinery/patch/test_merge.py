from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings

from kcp.apimachinery.errors import APIError, BadRequestError, InvalidError
from kcp.apimachinery.patch import (
    apply_merge_patch,
    apply_merge_patch_to_object,
    create_merge_patch,
)
from kcp.apimachinery.patch.jsonvalue import JSON, JSONObject, json_equal
from tests.unit.apimachinery.patch.jsondata import (
    JSON_VALUES,
    NULL_FREE_OBJECTS,
    container_ids,
)

# RFC 7386 appendix A, one row each, in the RFC's order.
RFC7386_EXAMPLES = [
    pytest.param({"a": "b"}, {"a": "c"}, {"a": "c"}, id="1-replace-member"),
    pytest.param({"a": "b"}, {"b": "c"}, {"a": "b", "b": "c"}, id="2-add-member"),
    pytest.param({"a": "b"}, {"a": None}, {}, id="3-remove-member"),
    pytest.param({"a": "b", "b": "c"}, {"a": None}, {"b": "c"}, id="4-remove-one-of-two"),
    pytest.param({"a": ["b"]}, {"a": "c"}, {"a": "c"}, id="5-array-replaced-by-string"),
    pytest.param({"a": "c"}, {"a": ["b"]}, {"a": ["b"]}, id="6-string-replaced-by-array"),
    pytest.param(
        {"a": {"b": "c"}}, {"a": {"b": "d", "c": None}}, {"a": {"b": "d"}}, id="7-nested-merge"
    ),
    pytest.param({"a": [{"b": "c"}]}, {"a": [1]}, {"a": [1]}, id="8-arrays-not-merged"),
    pytest.param(["a", "b"], ["c", "d"], ["c", "d"], id="9-array-target-and-patch"),
    pytest.param({"a": "b"}, ["c"], ["c"], id="10-array-patch"),
    pytest.param({"a": "foo"}, None, None, id="11-null-patch"),
    pytest.param({"a": "foo"}, "bar", "bar", id="12-string-patch"),
    pytest.param({"e": None}, {"a": 1}, {"e": None, "a": 1}, id="13-existing-null-kept"),
    pytest.param([1, 2], {"a": "b", "c": None}, {"a": "b"}, id="14-array-target-object-patch"),
    pytest.param({}, {"a": {"bb": {"ccc": None}}}, {"a": {"bb": {}}}, id="15-nested-nulls-pruned"),
]


@pytest.mark.parametrize(("target", "patch", "expected"), RFC7386_EXAMPLES)
def test_apply_rfc7386_example_gives_rfc_result(target: JSON, patch: JSON, expected: JSON) -> None:
    assert apply_merge_patch(target, patch) == expected


def test_apply_kubectl_label_removal_deletes_only_that_label() -> None:
    obj: JSONObject = {"metadata": {"name": "cm", "labels": {"foo": "bar", "keep": "me"}}}
    patched = apply_merge_patch(obj, {"metadata": {"labels": {"foo": None}}})
    assert patched == {"metadata": {"name": "cm", "labels": {"keep": "me"}}}


@pytest.mark.parametrize("patch", [None, "x", 1, True], ids=["null", "string", "number", "bool"])
def test_apply_to_object_non_object_patch_is_400_invalid_json_patch(patch: JSON) -> None:
    with pytest.raises(BadRequestError) as caught:
        apply_merge_patch_to_object({"a": 1}, patch)
    assert caught.value.message == "Invalid JSON Patch"


def test_apply_to_object_list_patch_is_422_invalid_patch_field() -> None:
    with pytest.raises(InvalidError) as caught:
        apply_merge_patch_to_object({"a": 1}, [1])
    status = caught.value.status
    assert status["code"] == 422
    assert status["message"].startswith(' "" is invalid: patch: Invalid value: "[1]": json:')
    assert status["details"]["causes"][0]["field"] == "patch"


def test_apply_to_object_merges() -> None:
    assert apply_merge_patch_to_object({"a": {"b": 1}}, {"a": {"c": 2}}) == {"a": {"b": 1, "c": 2}}


@pytest.mark.parametrize(
    ("original", "modified", "expected"),
    [
        pytest.param({"a": 1}, {"a": 1}, {}, id="equal"),
        pytest.param({"a": 1}, {"a": 2, "b": 3}, {"a": 2, "b": 3}, id="changed-and-added"),
        pytest.param({"a": 1, "b": 2}, {"b": 2}, {"a": None}, id="removed"),
        pytest.param({"a": {"x": 1, "y": 2}}, {"a": {"x": 1, "y": 3}}, {"a": {"y": 3}}),
        pytest.param({"a": [1, 2]}, {"a": [1, 2]}, {}, id="equal-lists"),
        pytest.param({"a": [1, 2]}, {"a": [2, 1]}, {"a": [2, 1]}, id="reordered-list"),
        pytest.param({"a": 1}, {"a": True}, {"a": True}, id="bool-is-no-number"),
        pytest.param({"a": 1}, {"a": 1.0}, {}, id="same-number"),
        pytest.param({"a": "s"}, {"a": {"b": 1}}, {"a": {"b": 1}}, id="type-change"),
    ],
)
def test_create_merge_patch_is_minimal(
    original: JSONObject, modified: JSONObject, expected: JSON
) -> None:
    assert create_merge_patch(original, modified) == expected


def test_create_merge_patch_for_non_objects_is_the_modified_value() -> None:
    assert create_merge_patch([1], {"a": None}) == {"a": None}
    assert create_merge_patch({"a": 1}, [2]) == [2]


@settings(max_examples=150, deadline=None)
@given(original=NULL_FREE_OBJECTS, modified=NULL_FREE_OBJECTS)
def test_create_merge_patch_round_trips_for_null_free_objects(
    original: JSONObject, modified: JSONObject
) -> None:
    patch = create_merge_patch(original, modified)
    result = apply_merge_patch(original, patch)
    assert json_equal(result, modified)
    assert container_ids(patch).isdisjoint(container_ids(modified))


@settings(max_examples=200, deadline=None)
@given(target=JSON_VALUES, patch=JSON_VALUES)
def test_apply_arbitrary_patch_never_mutates_or_aliases_inputs(target: JSON, patch: JSON) -> None:
    target_before, patch_before = copy.deepcopy(target), copy.deepcopy(patch)
    result = apply_merge_patch(target, patch)
    assert target == target_before
    assert patch == patch_before
    assert container_ids(result).isdisjoint(container_ids(target) | container_ids(patch))


@settings(max_examples=100, deadline=None)
@given(target=JSON_VALUES, patch=JSON_VALUES)
def test_apply_to_object_arbitrary_patch_returns_or_raises_api_error(
    target: JSON, patch: JSON
) -> None:
    obj: JSONObject = target if isinstance(target, dict) else {"value": target}
    try:
        result = apply_merge_patch_to_object(obj, patch)
    except APIError:
        return
    assert isinstance(result, dict)

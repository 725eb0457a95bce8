from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings

from kcp.apimachinery.errors import APIError, BadRequestError
from kcp.apimachinery.patch import (
    PatchNotApplicableError,
    apply_strategic_merge_patch,
    object_schema,
)
from kcp.apimachinery.patch.jsonvalue import JSON, JSONObject
from tests.unit.apimachinery.patch.jsondata import (
    DEPLOYMENT,
    SMP_OBJECTS,
    SMP_PATCHES,
    WIDGET,
    container_ids,
)


def _deployment(replicas: int, containers: list[JSON]) -> JSONObject:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web", "namespace": "default", "resourceVersion": "7"},
        "spec": {"replicas": replicas, "template": {"spec": {"containers": containers}}},
    }


def test_apply_kubectl_132_deployment_patch_merges_reorders_and_deletes() -> None:
    # kubectl-wire.md section 12: `kubectl apply` after swapping containers, bumping
    # images and dropping env Y from container a.
    live = _deployment(
        1,
        [
            {
                "name": "a",
                "image": "nginx:1",
                "env": [{"name": "X", "value": "1"}, {"name": "Y", "value": "2"}],
            },
            {"name": "b", "image": "busybox:1", "args": ["sleep", "1d"]},
        ],
    )
    patch: JSON = {
        "spec": {
            "replicas": 2,
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
            },
        }
    }
    live_before = copy.deepcopy(live)
    result = apply_strategic_merge_patch(live, patch, DEPLOYMENT)
    assert result == _deployment(
        2,
        [
            {"name": "b", "image": "busybox:2", "args": ["sleep", "1d"]},
            {"name": "a", "image": "nginx:2", "env": [{"name": "X", "value": "1"}]},
        ],
    )
    assert live == live_before


def test_apply_retain_keys_switches_deployment_strategy() -> None:
    live: JSONObject = {
        "spec": {"strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1}}}
    }
    patch: JSON = {"spec": {"strategy": {"$retainKeys": ["type"], "type": "Recreate"}}}
    assert apply_strategic_merge_patch(live, patch, DEPLOYMENT) == {
        "spec": {"strategy": {"type": "Recreate"}}
    }


DIRECTIVE_CASES = [
    pytest.param({"a": 1, "b": 2}, {"a": None}, {"b": 2}, id="null-deletes-member"),
    pytest.param({"a": 1}, {"b": None}, {"a": 1}, id="null-for-absent-member-ignored"),
    pytest.param({"spec": {"x": 1}}, {"spec": {"y": 2}}, {"spec": {"x": 1, "y": 2}}, id="maps"),
    pytest.param(
        {"spec": {"x": 1, "y": 2}},
        {"spec": {"$patch": "replace", "z": 3}},
        {"spec": {"z": 3}},
        id="patch-replace-map",
    ),
    pytest.param(
        {"spec": {"x": 1}}, {"spec": {"$patch": "delete"}}, {"spec": {}}, id="patch-delete-map"
    ),
    pytest.param(
        {"spec": {"x": 1}},
        {"spec": {"$patch": "merge", "y": 2}},
        {"spec": {"x": 1, "y": 2}},
        id="patch-merge-map",
    ),
    pytest.param(
        {"items": [{"name": "a", "v": 1}, {"name": "b", "v": 1}]},
        {"items": [{"name": "b", "v": 2}, {"name": "c", "v": 3}]},
        {"items": [{"name": "a", "v": 1}, {"name": "b", "v": 2}, {"name": "c", "v": 3}]},
        id="keyed-list-merge-and-append",
    ),
    pytest.param(
        {"items": [{"name": "a"}, {"name": "b"}]},
        {"items": [{"name": "a", "$patch": "delete"}]},
        {"items": [{"name": "b"}]},
        id="keyed-list-delete-element",
    ),
    pytest.param(
        {"items": [{"name": "a", "v": 1}, {"name": "b"}]},
        {"items": [{"$patch": "replace"}, {"name": "c"}]},
        {"items": [{"name": "c"}]},
        id="list-element-replace-replaces-list",
    ),
    pytest.param(
        {"items": [{"name": "a", "tags": ["x"]}]},
        {"items": [{"name": "a", "tags": ["y", "x"]}]},
        {"items": [{"name": "a", "tags": ["y", "x"]}]},
        id="nested-set-in-keyed-element",
    ),
    pytest.param({"tags": ["a", "b"]}, {"tags": ["b", "c"]}, {"tags": ["a", "b", "c"]}, id="set"),
    pytest.param({"tags": ["a", "a"]}, {"tags": ["a"]}, {"tags": ["a"]}, id="set-deduplicates"),
    pytest.param(
        {"tags": ["a", "b", "c"]},
        {"$deleteFromPrimitiveList/tags": ["b", "zz"]},
        {"tags": ["a", "c"]},
        id="delete-from-primitive-list",
    ),
    pytest.param(
        {"tags": [1, True]},
        {"$deleteFromPrimitiveList/tags": [1]},
        {"tags": [True]},
        id="delete-from-primitive-list-keeps-json-types",
    ),
    pytest.param(
        {"items": [{"name": "b"}, {"name": "a"}]},
        {"$setElementOrder/items": [{"name": "a"}, {"name": "b"}]},
        {"items": [{"name": "a"}, {"name": "b"}]},
        id="set-element-order-alone-reorders",
    ),
    pytest.param(
        {"tags": ["b", "a"]},
        {"$setElementOrder/tags": ["a", "b"]},
        {"tags": ["a", "b"]},
        id="set-element-order-primitives",
    ),
    pytest.param(
        {"spec": {"strategy": {"type": "A", "rollingUpdate": {"x": 1}}}},
        {"spec": {"strategy": {"$retainKeys": ["type", "gone"], "type": "B"}}},
        {"spec": {"strategy": {"type": "B"}}},
        id="retain-keys",
    ),
    pytest.param({"other": [1, 2]}, {"other": [3]}, {"other": [3]}, id="unlisted-list-replaced"),
    pytest.param(
        {"other": {"x": [1], "y": 1}},
        {"other": {"x": [2], "y": None}},
        {"other": {"x": [2]}},
        id="unlisted-map-merges-like-merge-patch",
    ),
    pytest.param(
        {"spec": {"fixed": {"a": 1, "b": 2}}},
        {"spec": {"fixed": {"c": 3}}},
        {"spec": {"fixed": {"c": 3}}},
        id="atomic-map-replaced",
    ),
    pytest.param(
        {"spec": {"labels": {"a": "1", "b": "2"}}},
        {"spec": {"labels": {"a": None, "c": "3", "$x": "4"}}},
        {"spec": {"labels": {"b": "2", "c": "3", "$x": "4"}}},
        id="free-form-map-keeps-dollar-keys-as-data",
    ),
    pytest.param(
        {},
        {"items": [{"name": "a", "$patch": "delete"}, {"name": "b", "tags": ["t"]}]},
        {"items": [{"name": "b", "tags": ["t"]}]},
        id="new-list-has-no-directives-left",
    ),
    pytest.param(
        {},
        {"spec": {"$patch": "replace", "x": {"y": None, "z": 1}}},
        {"spec": {"x": {"z": 1}}},
        id="new-map-has-no-directives-or-nulls-left",
    ),
    pytest.param({"a": 1}, None, {"a": 1}, id="null-patch-is-a-no-op"),
    pytest.param({"a": {"b": 1}}, {"$patch": "delete"}, {}, id="top-level-delete"),
    pytest.param({"items": "oops"}, {"items": [{"name": "a"}]}, {"items": [{"name": "a"}]}),
]


@pytest.mark.parametrize(("original", "patch", "expected"), DIRECTIVE_CASES)
def test_apply_directive_gives_upstream_result(
    original: JSONObject, patch: JSON, expected: JSONObject
) -> None:
    assert apply_strategic_merge_patch(original, patch, WIDGET) == expected


@pytest.mark.parametrize(
    ("original", "patch", "expected"),
    [
        pytest.param(
            {"metadata": {"finalizers": ["a", "b"]}},
            {"metadata": {"finalizers": ["c"]}},
            {"metadata": {"finalizers": ["c", "a", "b"]}},
            id="finalizer-added-without-order-goes-first",
        ),
        pytest.param(
            {"metadata": {"ownerReferences": [{"uid": "1", "name": "x"}]}},
            {"metadata": {"ownerReferences": [{"uid": "2", "name": "y"}]}},
            {
                "metadata": {
                    "ownerReferences": [{"uid": "2", "name": "y"}, {"uid": "1", "name": "x"}]
                }
            },
            id="owner-references-by-uid",
        ),
        pytest.param(
            {"metadata": {"managedFields": [{"manager": "a"}, {"manager": "b"}]}},
            {"metadata": {"managedFields": [{"manager": "c"}]}},
            {"metadata": {"managedFields": [{"manager": "c"}]}},
            id="managed-fields-atomic",
        ),
        pytest.param(
            {"metadata": {"annotations": {"a": "1"}, "labels": {"l": "1"}}},
            {"metadata": {"annotations": {"b": "2"}, "labels": {"l": None}}},
            {"metadata": {"annotations": {"a": "1", "b": "2"}, "labels": {}}},
            id="labels-and-annotations",
        ),
    ],
)
def test_apply_object_meta_follows_its_patch_tags(
    original: JSONObject, patch: JSON, expected: JSONObject
) -> None:
    assert apply_strategic_merge_patch(original, patch, object_schema()) == expected


def _named(*names: str) -> list[JSON]:
    return [{"name": name} for name in names]


# design-proposals/api-machinery/preserve-order-in-strategic-merge-patch.md examples.
# Where the proposal's prose and upstream's mergeSortedSlice differ (server-only
# elements that came after a named one in the live list), the code wins.
ORDER_CASES = [
    pytest.param(
        _named("B", "C", "A"),
        {"items": _named("A", "B", "D")},
        ["C", "A", "B", "D"],
        id="no-directive-patch-order-kept",
    ),
    pytest.param(
        _named("B", "A"),
        {"$setElementOrder/items": _named("A", "B")},
        ["A", "B"],
        id="directive-without-list",
    ),
    pytest.param(
        _named("C", "B", "D", "A", "E"),
        {"$setElementOrder/items": _named("A", "B"), "items": _named("A", "B")},
        ["C", "D", "A", "B", "E"],
        id="server-only-interleaved",
    ),
    pytest.param(
        _named("A", "B"),
        {"$setElementOrder/items": _named("C", "A", "B"), "items": _named("A", "B")},
        ["A", "B"],
        id="unknown-names-in-directive-ignored",
    ),
    pytest.param(
        _named("A", "B"),
        {"$setElementOrder/items": _named("C", "B", "A"), "items": _named("C")},
        ["C", "B", "A"],
        id="new-element-placed-by-directive",
    ),
]


@pytest.mark.parametrize(("live", "patch", "expected"), ORDER_CASES)
def test_apply_list_order_follows_upstream(
    live: list[JSON], patch: JSONObject, expected: list[str]
) -> None:
    result = apply_strategic_merge_patch({"items": live}, patch, WIDGET)
    items = result["items"]
    assert isinstance(items, list)
    assert [item["name"] for item in items if isinstance(item, dict)] == expected


def test_apply_finalizers_proposal_example_matches_upstream_code() -> None:
    live: JSONObject = {"metadata": {"finalizers": ["b", "e", "a", "c", "d"]}}
    patch: JSON = {
        "metadata": {
            "$setElementOrder/finalizers": ["a", "b", "f"],
            "$deleteFromPrimitiveList/finalizers": ["c"],
            "finalizers": ["f"],
        }
    }
    result = apply_strategic_merge_patch(live, patch, object_schema())
    assert result == {"metadata": {"finalizers": ["e", "a", "b", "f", "d"]}}


BAD_REQUESTS = [
    pytest.param(
        ["a"],
        "json: cannot unmarshal array into Go value of type map[string]interface {}",
        id="patch-not-an-object",
    ),
    pytest.param(
        {"$patch": "frobnicate"}, "unknown patch type: frobnicate in map: map[$patch:frobnicate]"
    ),
    pytest.param(
        {"items": [{"name": "a", "$patch": "bogus"}]},
        "unknown patch type: bogus in map: map[$patch:bogus name:a]",
        id="unknown-element-directive",
    ),
    pytest.param(
        {"items": [{"$patch": "delete"}]},
        "map: map[$patch:delete] does not contain declared merge key: name",
        id="delete-without-merge-key",
    ),
    pytest.param(
        {"items": [{"v": 1}]},
        "map: map[v:1] does not contain declared merge key: name",
        id="element-without-merge-key",
    ),
    pytest.param({"$retainKeys": "a"}, "invalid patch format of retainKeys", id="retain-not-list"),
    pytest.param(
        {"$retainKeys": ["a"], "b": 1}, "invalid patch format of retainKeys", id="retain-mismatch"
    ),
    pytest.param(
        {"$setElementOrder/items": "a"},
        "invalid patch format of setElementOrder list",
        id="order-not-a-list",
    ),
    pytest.param(
        {"$setElementOrderX/items": []},
        "invalid patch format of setElementOrder list",
        id="order-bad-prefix",
    ),
    pytest.param(
        {"$setElementOrder/items": [{"name": "a"}], "items": [{"name": "b"}]},
        "The order in patch list:\n[map[name:b]]\n doesn't match $setElementOrder list:\n"
        "[map[name:a]]\n",
        id="order-contradicts-list",
    ),
    pytest.param(
        {"$setElementOrder/items": ["a"]},
        "map: a does not contain declared merge key: name",
        id="order-entry-without-merge-key",
    ),
    pytest.param(
        {"$deleteFromPrimitiveList/tags": "a"},
        "invalid patch format of primitive list",
        id="delete-list-not-a-list",
    ),
    pytest.param(
        {"$deleteFromPrimitiveList": ["a"]},
        "invalid patch format of primitive list",
        id="delete-list-without-field",
    ),
    pytest.param({"$bogus": 1}, 'unknown strategic merge patch directive "$bogus"', id="unknown"),
]


@pytest.mark.parametrize(("patch", "message"), BAD_REQUESTS)
def test_apply_malformed_patch_is_400(patch: JSON, message: str) -> None:
    with pytest.raises(BadRequestError) as caught:
        apply_strategic_merge_patch({"items": [{"name": "a"}]}, patch, WIDGET)
    assert caught.value.status["code"] == 400
    assert caught.value.message == message


@pytest.mark.parametrize(
    ("original", "patch", "cause"),
    [
        pytest.param({}, {"tags": [["a"]]}, "lists of lists are not supported", id="list-of-lists"),
        pytest.param(
            {"tags": [["a"]]}, {"tags": ["b"]}, "lists of lists are not supported", id="live-lists"
        ),
        pytest.param(
            {"items": ["a"]}, {"items": [{"name": "a"}]}, "list element a is not a map", id="live"
        ),
        pytest.param(
            {"items": [{"v": 1}]},
            {"items": [{"name": "a"}]},
            "map: map[v:1] does not contain declared merge key: name",
            id="live-element-without-merge-key",
        ),
    ],
)
def test_apply_patch_that_cannot_apply_is_generic_422(
    original: JSONObject, patch: JSON, cause: str
) -> None:
    with pytest.raises(PatchNotApplicableError) as caught:
        apply_strategic_merge_patch(original, patch, WIDGET)
    assert caught.value.status["code"] == 422
    assert caught.value.status["reason"] == "Invalid"
    assert caught.value.cause == cause


def test_apply_result_shares_nothing_with_inputs() -> None:
    original: JSONObject = {"items": [{"name": "a", "tags": ["x"]}], "spec": {"fixed": {"k": []}}}
    patch: JSON = {"items": [{"name": "b", "v": [1]}], "spec": {"fixed": {"k": [2]}}, "n": {"m": 1}}
    result = apply_strategic_merge_patch(original, patch, WIDGET)
    assert container_ids(result).isdisjoint(container_ids(original) | container_ids(patch))


@settings(max_examples=300, deadline=None)
@given(original=SMP_OBJECTS, patch=SMP_PATCHES)
def test_apply_arbitrary_patch_returns_or_raises_api_error_without_mutating(
    original: JSONObject, patch: JSON
) -> None:
    original_before, patch_before = copy.deepcopy(original), copy.deepcopy(patch)
    try:
        result = apply_strategic_merge_patch(original, patch, WIDGET)
    except APIError:
        pass
    else:
        assert container_ids(result).isdisjoint(container_ids(original) | container_ids(patch))
    assert original == original_before
    assert patch == patch_before

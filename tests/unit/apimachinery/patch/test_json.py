from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings

from kcp.apimachinery.errors import APIError, BadRequestError, RequestEntityTooLargeError
from kcp.apimachinery.patch import (
    GENERIC_INVALID_MESSAGE,
    MAX_OPERATIONS,
    PatchNotApplicableError,
    apply_json_patch,
)
from kcp.apimachinery.patch.jsonvalue import JSON
from tests.unit.apimachinery.patch.jsondata import (
    JSON_OBJECTS,
    JSON_PATCHES,
    JSON_VALUES,
    container_ids,
)

# RFC 6902 appendix A, in the RFC's own numbering. A.13 (a duplicated "op" member) is a
# property of the JSON text, which is already decoded by the time it reaches us.
RFC6902_EXAMPLES = [
    pytest.param(
        {"foo": "bar"},
        [{"op": "add", "path": "/baz", "value": "qux"}],
        {"baz": "qux", "foo": "bar"},
        id="A.1-add-object-member",
    ),
    pytest.param(
        {"foo": ["bar", "baz"]},
        [{"op": "add", "path": "/foo/1", "value": "qux"}],
        {"foo": ["bar", "qux", "baz"]},
        id="A.2-add-array-element",
    ),
    pytest.param(
        {"baz": "qux", "foo": "bar"},
        [{"op": "remove", "path": "/baz"}],
        {"foo": "bar"},
        id="A.3-remove-object-member",
    ),
    pytest.param(
        {"foo": ["bar", "qux", "baz"]},
        [{"op": "remove", "path": "/foo/1"}],
        {"foo": ["bar", "baz"]},
        id="A.4-remove-array-element",
    ),
    pytest.param(
        {"baz": "qux", "foo": "bar"},
        [{"op": "replace", "path": "/baz", "value": "boo"}],
        {"baz": "boo", "foo": "bar"},
        id="A.5-replace-value",
    ),
    pytest.param(
        {"foo": {"bar": "baz", "waldo": "fred"}, "qux": {"corge": "grault"}},
        [{"op": "move", "from": "/foo/waldo", "path": "/qux/thud"}],
        {"foo": {"bar": "baz"}, "qux": {"corge": "grault", "thud": "fred"}},
        id="A.6-move-value",
    ),
    pytest.param(
        {"foo": ["all", "grass", "cows", "eat"]},
        [{"op": "move", "from": "/foo/1", "path": "/foo/3"}],
        {"foo": ["all", "cows", "eat", "grass"]},
        id="A.7-move-array-element",
    ),
    pytest.param(
        {"baz": "qux", "foo": ["a", 2, "c"]},
        [
            {"op": "test", "path": "/baz", "value": "qux"},
            {"op": "test", "path": "/foo/1", "value": 2},
        ],
        {"baz": "qux", "foo": ["a", 2, "c"]},
        id="A.8-test-success",
    ),
    pytest.param(
        {"foo": "bar"},
        [{"op": "add", "path": "/child", "value": {"grandchild": {}}}],
        {"foo": "bar", "child": {"grandchild": {}}},
        id="A.10-add-nested-object",
    ),
    pytest.param(
        {"foo": "bar"},
        [{"op": "add", "path": "/baz", "value": "qux", "xyz": 123}],
        {"foo": "bar", "baz": "qux"},
        id="A.11-ignore-unrecognized-members",
    ),
    pytest.param(
        {"/": 9, "~1": 10},
        [{"op": "test", "path": "/~01", "value": 10}],
        {"/": 9, "~1": 10},
        id="A.14-escape-ordering",
    ),
    pytest.param(
        {"foo": ["bar"]},
        [{"op": "add", "path": "/foo/-", "value": ["abc", "def"]}],
        {"foo": ["bar", ["abc", "def"]]},
        id="A.16-add-array-value",
    ),
]

RFC6902_FAILURES = [
    pytest.param({"baz": "qux"}, [{"op": "test", "path": "/baz", "value": "bar"}], id="A.9"),
    pytest.param({"foo": "bar"}, [{"op": "add", "path": "/baz/bat", "value": "qux"}], id="A.12"),
    pytest.param({"/": 9, "~1": 10}, [{"op": "test", "path": "/~01", "value": "10"}], id="A.15"),
]


@pytest.mark.parametrize(("document", "patch", "expected"), RFC6902_EXAMPLES)
def test_apply_rfc6902_example_gives_rfc_result(
    document: JSON, patch: JSON, expected: JSON
) -> None:
    assert apply_json_patch(document, patch) == expected


@pytest.mark.parametrize(("document", "patch"), RFC6902_FAILURES)
def test_apply_rfc6902_error_example_is_422(document: JSON, patch: JSON) -> None:
    with pytest.raises(PatchNotApplicableError):
        apply_json_patch(document, patch)


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        pytest.param(
            {"op": "add"},
            "json: cannot unmarshal object into Go value of type jsonpatch.Patch",
            id="object",
        ),
        pytest.param(
            "x", "json: cannot unmarshal string into Go value of type jsonpatch.Patch", id="string"
        ),
        pytest.param(
            [{"op": "remove", "path": "/a"}, 1],
            "json: cannot unmarshal number into Go value of type jsonpatch.Operation",
            id="number-operation",
        ),
        pytest.param(
            [[]],
            "json: cannot unmarshal array into Go value of type jsonpatch.Operation",
            id="array-operation",
        ),
    ],
)
def test_apply_patch_not_a_list_of_objects_is_400(patch: JSON, message: str) -> None:
    with pytest.raises(BadRequestError) as caught:
        apply_json_patch({"a": 1}, patch)
    assert caught.value.status["code"] == 400
    assert caught.value.message == message


@pytest.mark.parametrize(
    ("document", "operation"),
    [
        pytest.param({}, {"op": "frobnicate", "path": "/a"}, id="unknown-op"),
        pytest.param({}, {"path": "/a", "value": 1}, id="missing-op"),
        pytest.param({}, {"op": "add", "value": 1}, id="missing-path"),
        pytest.param({}, {"op": "add", "path": 7, "value": 1}, id="path-not-a-string"),
        pytest.param({}, {"op": "add", "path": "a", "value": 1}, id="pointer-without-slash"),
        pytest.param({"a": 1}, {"op": "test", "path": "/~2", "value": 1}, id="bad-escape"),
        pytest.param({}, {"op": "add", "path": "/a"}, id="missing-value"),
        pytest.param({}, {"op": "remove", "path": "/a"}, id="remove-missing-member"),
        pytest.param({}, {"op": "replace", "path": "/a", "value": 1}, id="replace-missing"),
        pytest.param({"a": [1]}, {"op": "add", "path": "/a/2", "value": 1}, id="index-past-end"),
        pytest.param({"a": [1, 2]}, {"op": "remove", "path": "/a/01"}, id="leading-zero"),
        pytest.param({"a": [1]}, {"op": "remove", "path": "/a/-"}, id="dash-not-for-remove"),
        pytest.param({"a": [1]}, {"op": "remove", "path": "/a/-1"}, id="negative-index"),
        pytest.param({"a": "s"}, {"op": "add", "path": "/a/b", "value": 1}, id="scalar-parent"),
        pytest.param({"a": {"b": 1}}, {"op": "move", "from": "/a", "path": "/a/b/c"}, id="move-in"),
        pytest.param({}, {"op": "copy", "from": "/x", "path": "/y"}, id="copy-missing-from"),
        pytest.param({"a": True}, {"op": "test", "path": "/a", "value": 1}, id="bool-is-no-number"),
        pytest.param({}, {"op": "remove", "path": ""}, id="remove-root"),
    ],
)
def test_apply_operation_that_cannot_apply_is_generic_422(document: JSON, operation: JSON) -> None:
    with pytest.raises(PatchNotApplicableError) as caught:
        apply_json_patch(document, [operation])
    assert caught.value.status == {
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Failure",
        "message": GENERIC_INVALID_MESSAGE,
        "reason": "Invalid",
        "details": {},
        "code": 422,
    }
    assert caught.value.cause


def test_apply_unknown_op_keeps_upstream_cause() -> None:
    with pytest.raises(PatchNotApplicableError) as caught:
        apply_json_patch({}, [{"op": "frobnicate", "path": "/a"}])
    assert caught.value.cause == "Unexpected kind: frobnicate"


def test_apply_more_than_max_operations_is_413() -> None:
    patch: JSON = [{"op": "test", "path": "", "value": {}}] * (MAX_OPERATIONS + 1)
    with pytest.raises(RequestEntityTooLargeError) as caught:
        apply_json_patch({}, patch)
    assert caught.value.status["code"] == 413
    assert caught.value.message == (
        "Request entity too large: The allowed maximum operations in a JSON patch is 10000, "
        "got 10001"
    )


def test_apply_exactly_max_operations_is_allowed() -> None:
    patch: JSON = [{"op": "test", "path": "", "value": {}}] * MAX_OPERATIONS
    assert apply_json_patch({}, patch) == {}


def test_apply_doubling_copies_stop_at_the_copy_limit() -> None:
    patch: JSON = [{"op": "copy", "from": "/a", "path": "/a/-"} for _ in range(40)]
    with pytest.raises(PatchNotApplicableError) as caught:
        apply_json_patch({"a": ["x" * 64]}, patch)
    assert "accumulated size increase of copy" in caught.value.cause


def test_apply_index_too_long_for_int_is_422() -> None:
    with pytest.raises(PatchNotApplicableError):
        apply_json_patch({"a": [1]}, [{"op": "remove", "path": "/a/" + "9" * 6000}])


def test_apply_null_patch_is_a_no_op() -> None:
    assert apply_json_patch({"a": 1}, None) == {"a": 1}


def test_apply_failure_is_all_or_nothing() -> None:
    document: JSON = {"a": 1, "list": [1, 2]}
    snapshot = copy.deepcopy(document)
    patch: JSON = [
        {"op": "remove", "path": "/a"},
        {"op": "add", "path": "/list/0", "value": 0},
        {"op": "test", "path": "/list/0", "value": 99},
    ]
    with pytest.raises(PatchNotApplicableError):
        apply_json_patch(document, patch)
    assert document == snapshot


@pytest.mark.parametrize(
    ("document", "operation", "expected"),
    [
        pytest.param({"a": 1}, {"op": "replace", "path": "", "value": [1]}, [1], id="replace-root"),
        pytest.param({"a": 1}, {"op": "add", "path": "", "value": "x"}, "x", id="add-root"),
        pytest.param({"a": 1}, {"op": "copy", "from": "", "path": "/b"}, {"a": 1, "b": {"a": 1}}),
        pytest.param(
            {"a": 1}, {"op": "move", "from": "/a", "path": "/a"}, {"a": 1}, id="self-move"
        ),
        pytest.param({"a/b": 1, "m~n": 2}, {"op": "remove", "path": "/a~1b"}, {"m~n": 2}),
        pytest.param({"m~n": 2}, {"op": "replace", "path": "/m~0n", "value": 3}, {"m~n": 3}),
        pytest.param({"": 1}, {"op": "replace", "path": "/", "value": 2}, {"": 2}, id="empty-key"),
        pytest.param({"a": [1, 2]}, {"op": "add", "path": "/a/2", "value": 3}, {"a": [1, 2, 3]}),
        pytest.param({"a": 1.0}, {"op": "test", "path": "/a", "value": 1}, {"a": 1.0}),
        pytest.param(
            {"metadata": {"resourceVersion": "105"}},
            {"op": "replace", "path": "/metadata/resourceVersion", "value": "116"},
            {"metadata": {"resourceVersion": "116"}},
            id="kubectl-resource-version",
        ),
    ],
)
def test_apply_operation_edge_case_follows_rfc(
    document: JSON, operation: JSON, expected: JSON
) -> None:
    assert apply_json_patch(document, [operation]) == expected


def test_apply_result_does_not_alias_patch_values() -> None:
    value: JSON = {"nested": [1]}
    patch: JSON = [{"op": "add", "path": "/a", "value": value}]
    result = apply_json_patch({}, patch)
    assert isinstance(result, dict)
    assert container_ids(result).isdisjoint(container_ids(patch))


@settings(max_examples=250, deadline=None)
@given(document=JSON_OBJECTS | JSON_VALUES, patch=JSON_PATCHES)
def test_apply_arbitrary_patch_returns_or_raises_api_error_without_mutating(
    document: JSON, patch: JSON
) -> None:
    document_before, patch_before = copy.deepcopy(document), copy.deepcopy(patch)
    try:
        result = apply_json_patch(document, patch)
    except APIError:
        pass
    else:
        assert container_ids(result).isdisjoint(container_ids(document) | container_ids(patch))
    assert document == document_before
    assert patch == patch_before

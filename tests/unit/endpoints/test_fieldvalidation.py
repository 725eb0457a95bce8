"""fieldValidation of built-in bodies: upstream's messages, duplicate keys, Go printing."""

from __future__ import annotations

from typing import Any

import pytest

from kcp.apimachinery.errors import BadRequestError, InvalidError
from kcp.apimachinery.request import FieldValidation, RequestContext, UserInfo
from kcp.endpoints import fieldvalidation
from kcp.logicalcluster import ROOT
from kcp.registry.catalogue import BUILTIN_DEFINITIONS

CONFIGMAPS = next(d for d in BUILTIN_DEFINITIONS if d.kind == "ConfigMap")


def _ctx(validation: FieldValidation) -> RequestContext:
    return RequestContext(ROOT, UserInfo("u"), field_validation=validation)


@pytest.mark.parametrize(
    ("body", "paths"),
    [
        (b'{"a":1,"b":2}', []),
        (b'{"a":1,"a":2,"a":3}', ["a"]),
        (b'{"d":{"x":"","x":""},"e":[{"g":1,"g":1}]}', ["d.x", "e[0].g"]),
        (b"[1, 2]", []),
        (b"not json", []),
    ],
    ids=["none", "top-level-once", "nested", "not-an-object", "undecodable"],
)
def test_duplicate_fields(body: bytes, paths: list[str]) -> None:
    assert fieldvalidation.duplicate_fields("application/json", body) == paths


def test_duplicates_are_not_looked_for_in_yaml() -> None:
    assert fieldvalidation.duplicate_fields("application/yaml", b"a: 1\na: 2\n") == []


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        ({"b": [1, "x", None, True], "a": {"z": 1.0}}, "map[a:map[z:1] b:[1 x <nil> true]]"),
        (1.5, "1.5"),
        (1e6, "1e+06"),
        (123456.0, "123456"),
        (1234567.0, "1.234567e+06"),
        (0.0001, "0.0001"),
        (0.00001, "1e-05"),
        (-2.5e-7, "-2.5e-07"),
        (False, "false"),
    ],
)
def test_go_sprint_matches_fmt(value: Any, printed: str) -> None:
    assert fieldvalidation.go_sprint(value) == printed


def test_strict_object_is_a_400_with_every_problem() -> None:
    body = b'{"kind":"ConfigMap","spec":1,"data":{},"data":{},"metadata":{"x":1}}'
    obj = {"kind": "ConfigMap", "spec": 1, "data": {}, "metadata": {"x": 1}}
    with pytest.raises(BadRequestError) as err:
        fieldvalidation.validate_object(_ctx("Strict"), CONFIGMAPS, obj, "application/json", body)
    assert err.value.message == (
        'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: '
        'unknown field "spec", unknown field "metadata.x", duplicate field "data"'
    )


def test_warn_object_warns_and_prunes() -> None:
    ctx = _ctx("Warn")
    obj = {"spec": 1, "data": {"a": "b"}}
    pruned = fieldvalidation.validate_object(ctx, CONFIGMAPS, obj, "application/json", b"{}")
    assert pruned == {"data": {"a": "b"}}
    assert ctx.warnings == ['unknown field "spec"']


def test_ignore_object_prunes_silently() -> None:
    ctx = _ctx("Ignore")
    pruned = fieldvalidation.validate_object(ctx, CONFIGMAPS, {"spec": 1}, "", b"")
    assert (pruned, ctx.warnings) == ({}, [])


def test_errors_stop_at_one_hundred() -> None:
    obj = {f"f{i}": i for i in range(150)}
    with pytest.raises(BadRequestError) as err:
        fieldvalidation.validate_object(_ctx("Strict"), CONFIGMAPS, obj, "", b"")
    assert err.value.message.count("unknown field") == fieldvalidation.MAX_STRICT_ERRORS


def test_strict_strategic_patch_shows_the_patch_as_go_prints_it() -> None:
    document = {"spec": {"b": 1}, "data": {"k": "v"}}
    check = fieldvalidation.PatchValidation(
        _ctx("Strict"), CONFIGMAPS, "application/strategic-merge-patch+json", b"{}", document
    )
    with pytest.raises(InvalidError) as err:
        check.check({"kind": "ConfigMap", "spec": {"b": 1}, "zeta": 1, "data": {"k": "v"}})
    assert err.value.code == 422
    assert err.value.message == (
        ' "" is invalid: patch: Invalid value: "map[data:map[k:v] spec:map[b:1]]": '
        'strict decoding error: unknown field "spec", unknown field "zeta"'
    )


def test_strict_merge_patch_shows_the_patched_object_as_json() -> None:
    check = fieldvalidation.PatchValidation(
        _ctx("Strict"), CONFIGMAPS, "application/merge-patch+json", b'{"spec":1}', {"spec": 1}
    )
    with pytest.raises(InvalidError) as err:
        check.check({"spec": 1, "data": {}})
    assert err.value.message == (
        ' "" is invalid: patch: Invalid value: "{\\"data\\":{},\\"spec\\":1}": '
        'strict decoding error: unknown field "spec"'
    )


def test_json_patch_operations_with_unknown_members_are_named() -> None:
    document = [{"op": "add", "path": "/data/a", "value": "b", "note": "x"}]
    ctx = _ctx("Warn")
    check = fieldvalidation.PatchValidation(
        ctx, CONFIGMAPS, "application/json-patch+json", b"[]", document
    )
    assert check.check({"data": {"a": "b"}}) == {"data": {"a": "b"}}
    check.emit_warnings()
    assert ctx.warnings == ['json patch unknown field "[0].note"']


def test_patch_warnings_come_from_the_last_attempt_only() -> None:
    ctx = _ctx("Warn")
    check = fieldvalidation.PatchValidation(
        ctx, CONFIGMAPS, "application/merge-patch+json", b"{}", {}
    )
    check.check({"spec": 1})
    check.check({"spec": 1})
    check.emit_warnings()
    assert ctx.warnings == ['unknown field "spec"']

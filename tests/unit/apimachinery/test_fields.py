"""Field selectors: upstream's syntax, escaping, messages and matching, and a parser that
never crashes. Expected messages are kube-apiserver 1.32's (pkg/fields/selector.go,
runtime.DefaultMetaV1FieldSelectorConversion, the per-type conversions)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kcp.apimachinery.errors import BadRequestError
from kcp.apimachinery.fields import (
    EVERYTHING,
    METADATA_FIELDS,
    FieldRequirement,
    FieldSelector,
    check_supported,
    escape_value,
    parse_field_selector,
)


def _eq(field: str, value: str) -> FieldRequirement:
    return FieldRequirement(field, "=", value)


def _ne(field: str, value: str) -> FieldRequirement:
    return FieldRequirement(field, "!=", value)


@pytest.mark.parametrize(
    ("text", "requirements", "canonical"),
    [
        pytest.param("", (), "", id="empty"),
        pytest.param(
            "metadata.name=cm1", (_eq("metadata.name", "cm1"),), "metadata.name=cm1", id="eq"
        ),
        pytest.param("a==b", (_eq("a", "b"),), "a=b", id="double-equals-is-equals"),
        pytest.param("a!=b", (_ne("a", "b"),), "a!=b", id="not-equals"),
        pytest.param("a=", (_eq("a", ""),), "a=", id="empty-value"),
        pytest.param("=b", (_eq("", "b"),), "=b", id="empty-field"),
        pytest.param("=", (), "", id="both-empty-selects-everything"),
        pytest.param("!=,==", (), "", id="both-empty-not-equals-dropped"),
        pytest.param(",,a=b,", (_eq("a", "b"),), "a=b", id="empty-terms-skipped"),
        pytest.param("b=1,a=2", (_eq("a", "2"), _eq("b", "1")), "a=2,b=1", id="sorted-terms"),
        pytest.param("a=b\\,c", (_eq("a", "b,c"),), "a=b\\,c", id="escaped-comma"),
        pytest.param("a=b\\=c", (_eq("a", "b=c"),), "a=b\\=c", id="escaped-equals"),
        pytest.param("a=b\\\\", (_eq("a", "b\\"),), "a=b\\\\", id="escaped-backslash"),
        pytest.param("a=!b", (_eq("a", "!b"),), "a=!b", id="bang-in-value"),
        pytest.param("a!b=c", (_eq("a!b", "c"),), "a!b=c", id="bang-in-field"),
        pytest.param("a!!=b", (_ne("a!", "b"),), "a!!=b", id="first-operator-wins"),
        pytest.param("x\\=1,y=2", (_eq("x\\", "1"), _eq("y", "2")), "x\\=1,y=2", id="field-raw"),
        pytest.param(" a = b ", (_eq(" a ", " b "),), " a = b ", id="spaces-are-data"),
        pytest.param(
            "involvedObject.name=x,involvedObject.kind=ConfigMap",
            (_eq("involvedObject.kind", "ConfigMap"), _eq("involvedObject.name", "x")),
            "involvedObject.kind=ConfigMap,involvedObject.name=x",
            id="describe-events",
        ),
    ],
)
def test_parse_field_selector_accepts_upstream_syntax(
    text: str, requirements: tuple[FieldRequirement, ...], canonical: str
) -> None:
    selector = parse_field_selector(text)
    assert selector.requirements == requirements
    assert str(selector) == canonical


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("a", "invalid selector: 'a'; can't understand 'a'", id="no-operator"),
        pytest.param("a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'", id="bare-term"),
        pytest.param("a!b", "invalid selector: 'a!b'; can't understand 'a!b'", id="bang-only"),
        pytest.param(
            "a=b=c", "invalid field selector: unescaped character in value: 61", id="bare-equals"
        ),
        pytest.param(
            "a==b=c", "invalid field selector: unescaped character in value: 61", id="after-=="
        ),
        pytest.param(
            "a=b\\x", "invalid field selector: invalid escape sequence: \\x", id="unknown-escape"
        ),
        pytest.param(
            "a=b\\", "invalid field selector: invalid escape sequence: \\", id="trailing-backslash"
        ),
        pytest.param(
            "z,a=b=c",
            "invalid field selector: unescaped character in value: 61",
            id="terms-checked-in-sorted-order",
        ),
    ],
)
def test_parse_field_selector_rejects_with_upstream_message(text: str, message: str) -> None:
    with pytest.raises(BadRequestError) as caught:
        parse_field_selector(text)
    assert caught.value.message == message
    assert caught.value.status["code"] == 400


@pytest.mark.parametrize(
    ("text", "fields", "expected"),
    [
        pytest.param("", {}, True, id="empty-matches-all"),
        pytest.param("a=b", {"a": "b"}, True, id="equals"),
        pytest.param("a=b", {"a": "c"}, False, id="equals-other"),
        pytest.param("a=", {}, True, id="missing-field-reads-empty"),
        pytest.param("a!=b", {}, True, id="not-equals-missing"),
        pytest.param("a!=b", {"a": "b"}, False, id="not-equals-same"),
        pytest.param("a=b,c!=d", {"a": "b", "c": "d"}, False, id="and"),
        pytest.param("a=b\\,c", {"a": "b,c"}, True, id="escaped-value"),
    ],
)
def test_field_selector_matches_like_upstream(
    text: str, fields: dict[str, str], expected: bool
) -> None:
    assert parse_field_selector(text).matches(fields) is expected


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        pytest.param("metadata.name=x", "metadata.name", "x", id="equals"),
        pytest.param("metadata.name==x", "metadata.name", "x", id="double-equals"),
        pytest.param("metadata.name!=x", "metadata.name", None, id="not-equals"),
        pytest.param("metadata.name!=x,metadata.name=y", "metadata.name", "y", id="first-equals"),
        pytest.param("metadata.namespace=", "metadata.namespace", "", id="empty"),
        pytest.param("a=b", "metadata.name", None, id="other-field"),
    ],
)
def test_exact_value_finds_first_equality(text: str, field: str, expected: str | None) -> None:
    assert parse_field_selector(text).exact_value(field) == expected


def test_fields_lists_field_names_once() -> None:
    selector = parse_field_selector("a=1,b!=2,a!=3")
    assert selector.fields() == frozenset({"a", "b"})
    assert EVERYTHING.fields() == frozenset()
    assert EVERYTHING.is_empty()
    assert not selector.is_empty()


def test_check_supported_default_types_name_the_metadata_fields() -> None:
    selector = parse_field_selector('metadata.name=x,spec."foo"=1')
    with pytest.raises(BadRequestError) as caught:
        check_supported(selector)
    assert caught.value.message == (
        '"spec.\\"foo\\"" is not a known field selector: only "metadata.name", "metadata.namespace"'
    )


def test_check_supported_registered_types_say_not_supported() -> None:
    selector = parse_field_selector("status.phase=Running,spec.foo=1")
    with pytest.raises(BadRequestError) as caught:
        check_supported(selector, {"metadata.name", "status.phase"})
    assert caught.value.message == "field label not supported: spec.foo"


@pytest.mark.parametrize(
    ("text", "supported"),
    [
        pytest.param("metadata.name=a,metadata.namespace!=b", None, id="default"),
        pytest.param("=", None, id="dropped-term-needs-no-support"),
        pytest.param("status.phase=x", {"status.phase"}, id="registered"),
    ],
)
def test_check_supported_accepts_known_fields(text: str, supported: set[str] | None) -> None:
    check_supported(parse_field_selector(text), supported)


def test_check_supported_rejects_namespace_where_type_lacks_it() -> None:
    # A cluster-scoped custom resource supports metadata.name only.
    with pytest.raises(BadRequestError) as caught:
        check_supported(parse_field_selector("metadata.namespace=x"), {"metadata.name"})
    assert caught.value.message == "field label not supported: metadata.namespace"
    assert "metadata.namespace" in METADATA_FIELDS


def test_escape_value_escapes_backslash_first() -> None:
    assert escape_value("a\\,=b!") == "a\\\\\\,\\=b!"


# ---------------------------------------------------------------------------------------
# Properties: any text parses or raises BadRequestError; printed selectors parse back.

_FUZZ = settings(max_examples=300, deadline=None)
_BUILT = settings(max_examples=100, deadline=None)


def _parse_or_reject(text: str) -> FieldSelector | None:
    try:
        return parse_field_selector(text)
    except BadRequestError:
        return None


def _sorted(selector: FieldSelector) -> list[tuple[str, str, str]]:
    return sorted((r.field, r.operator, r.value) for r in selector.requirements)


@_FUZZ
@given(st.text(st.characters(exclude_categories=())))
def test_parse_field_selector_raises_only_bad_request_on_any_text(text: str) -> None:
    _parse_or_reject(text)


@_FUZZ
@given(st.text("ab.=!,\\ x"))
def test_parsed_selector_prints_a_fixpoint_after_one_round(text: str) -> None:
    selector = _parse_or_reject(text)
    if selector is not None:
        once = parse_field_selector(str(selector))
        assert _sorted(once) == _sorted(selector)
        assert str(parse_field_selector(str(once))) == str(once)


# Fields can hold anything but the separators the parser splits on; values anything at all.
_FIELD = st.text(st.characters(exclude_characters=",=\\!"), max_size=8)
_VALUE = st.text(max_size=8)
_REQUIREMENTS = st.builds(FieldRequirement, _FIELD, st.sampled_from(["=", "!="]), _VALUE).filter(
    lambda r: bool(r.field or r.value)
)
_SELECTORS = st.lists(_REQUIREMENTS, max_size=4).map(lambda rs: FieldSelector(tuple(rs)))


@_BUILT
@given(_SELECTORS)
def test_printed_selector_parses_back_to_the_same_requirements(selector: FieldSelector) -> None:
    reparsed = parse_field_selector(str(selector))
    assert _sorted(reparsed) == _sorted(selector)


@_BUILT
@given(_SELECTORS, st.dictionaries(_FIELD, _VALUE, max_size=3))
def test_printed_selector_parses_back_to_same_matches(
    selector: FieldSelector, fields: dict[str, str]
) -> None:
    for r in selector.requirements:  # make some requirements hold
        fields.setdefault(r.field, r.value)
    assert parse_field_selector(str(selector)).matches(fields) == selector.matches(fields)

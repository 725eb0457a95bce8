"""Label selectors: upstream's syntax, messages and matching, and a parser that never crashes.

Expected messages are kube-apiserver 1.32's, copied from upstream tests and real
`Error from server (BadRequest)` output where available.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kcp.apimachinery.errors import BadRequestError
from kcp.apimachinery.goformat import go_quote
from kcp.apimachinery.labels import (
    EVERYTHING,
    NOTHING,
    LabelSelector,
    Operator,
    Requirement,
    new_requirement,
    parse_label_selector,
    selector_from_label_selector_dict,
)

_NAME_RULE = (
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
    "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
)
_VALUE_RULE = (
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
    "'.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
    "'my_value',  or '12345', regex used for validation is "
    "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
)
_SUBDOMAIN_RULE = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
    "'.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used "
    "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
)
_REQ = "unable to parse requirement: "
_GT_INT = "for 'Gt', 'Lt' operators, the value must be an integer"
_LONG = "a" * 64
_WIDE = "\u00e9" * 32  # 32 characters, 64 UTF-8 bytes


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        pytest.param("", "", id="empty"),
        pytest.param("a in (x,y),b!=z", "a in (x,y),b!=z", id="set-and-not-equals"),
        pytest.param("!a", "!a", id="does-not-exist"),
        pytest.param("a", "a", id="exists"),
        pytest.param("a notin ()", "a notin ()", id="notin-empty-set"),
        pytest.param("a in (,)", "a in ()", id="set-of-empty-values"),
        pytest.param("a in (y,x,y)", "a in (x,y)", id="set-sorted-and-deduplicated"),
        pytest.param("x in (a,,b)", "x in (,a,b)", id="double-comma-is-empty-value"),
        pytest.param("  a = b ,\tc\n", "a=b,c", id="whitespace-around-tokens"),
        pytest.param("a=", "a=", id="empty-value"),
        pytest.param("a==b", "a==b", id="double-equals-kept"),
        pytest.param("example.com/key=v", "example.com/key=v", id="prefixed-key"),
        pytest.param("a>1,b<20", "a>1,b<20", id="gt-lt"),
        pytest.param("z,y=1,!x", "!x,y=1,z", id="sorted-by-key"),
        pytest.param("in in (in),notin notin (notin)", "in in (in),notin notin (notin)", id="kw"),
        pytest.param("a=b \x00garbage", "a=b", id="nul-after-space-ends-input"),
        pytest.param("a=\x00b", "a=b", id="nul-inside-token-is-skipped"),
        pytest.param("a" * 63 + "=" + "b" * 63, "a" * 63 + "=" + "b" * 63, id="max-lengths"),
    ],
)
def test_parse_label_selector_accepts_upstream_syntax(text: str, canonical: str) -> None:
    assert str(parse_label_selector(text)) == canonical


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("=b", "found '=', expected: !, identifier, or 'end of string'", id="no-key"),
        pytest.param(",a", "found ',', expected: !, identifier, or 'end of string'", id="comma"),
        pytest.param("a,", "found '', expected: identifier after ','", id="trailing-comma"),
        pytest.param("!a=b", "found '=', expected: ',' or 'end of string'", id="not-with-value"),
        pytest.param("a=b\nc", "found 'c', expected: ',' or 'end of string'", id="two-values"),
        pytest.param(
            "a b", _REQ + "found 'b', expected: in, notin, =, ==, !=, gt, lt", id="no-operator"
        ),
        pytest.param("a in", _REQ + "found '' expected: '('", id="in-without-set"),
        pytest.param("a in b", _REQ + "found 'b' expected: '('", id="in-without-parens"),
        pytest.param("a in (b c)", _REQ + "found 'c', expected: ',' or ')'", id="set-no-comma"),
        pytest.param("a in (=)", _REQ + "found '=', expected: ',', ')' or identifier", id="op"),
        pytest.param("x in (a,,)", _REQ + "found ')', expected: ',', or identifier", id="a,,)"),
        pytest.param("a=(", _REQ + "found '(', expected: identifier", id="paren-value"),
        pytest.param("a!==b", _REQ + "found '=', expected: identifier", id="not-equals-equals"),
        pytest.param("!", _REQ + "found '', expected: identifier", id="bare-not"),
        pytest.param(
            "a>x", _REQ + f'values[0]: Invalid value: "x": {_GT_INT}', id="gt-not-integer"
        ),
        pytest.param(
            "a>99999999999999999999",
            _REQ + f'values[0]: Invalid value: "99999999999999999999": {_GT_INT}',
            id="gt-overflows-int64",
        ),
        pytest.param(
            "a<-1",
            _REQ + f'values[0][a]: Invalid value: "-1": {_VALUE_RULE}',
            id="lt-negative-is-bad-label-value",
        ),
        pytest.param(
            "a>-x",
            _REQ + f'[values[0]: Invalid value: "-x": {_GT_INT}, '
            f'values[0][a]: Invalid value: "-x": {_VALUE_RULE}]',
            id="two-problems-aggregated",
        ),
        pytest.param(
            _LONG,
            _REQ + f'<nil>: Invalid value: "{_LONG}": name part must be no more than 63 characters',
            id="key-too-long",
        ),
        pytest.param(
            "a=" + _LONG,
            _REQ + f'values[0][a]: Invalid value: "{_LONG}": must be no more than 63 characters',
            id="value-too-long",
        ),
        pytest.param(
            "app:monolith",
            _REQ + f'<nil>: Invalid value: "app:monolith": name part {_NAME_RULE}',
            id="colon-in-key",
        ),
        pytest.param(
            "a/b/c ?=? def",
            _REQ + '<nil>: Invalid value: "a/b/c": a qualified name '
            f"{_NAME_RULE} with an optional DNS subdomain prefix and '/' "
            "(e.g. 'example.com/MyName')",
            id="two-slashes",
        ),
        pytest.param(
            "/a", _REQ + '<nil>: Invalid value: "/a": prefix part must be non-empty', id="no-prefix"
        ),
        pytest.param(
            "a/",
            _REQ
            + f'<nil>: Invalid value: "a/": name part must be non-empty; name part {_NAME_RULE}',
            id="no-name",
        ),
        pytest.param(
            "app.kubernetes_io/name=x",
            _REQ + f'<nil>: Invalid value: "app.kubernetes_io/name": prefix part {_SUBDOMAIN_RULE}',
            id="bad-prefix",
        ),
        pytest.param(
            "a=\u00e9", _REQ + f'values[0][a]: Invalid value: "\u00e9": {_VALUE_RULE}', id="utf8"
        ),
        pytest.param(
            "a=" + _WIDE,
            _REQ + f'values[0][a]: Invalid value: "{_WIDE}": '
            f"must be no more than 63 characters; {_VALUE_RULE}",
            id="length-counted-in-bytes",
        ),
        pytest.param(
            "k\x01=v", _REQ + f'<nil>: Invalid value: "k\\x01": name part {_NAME_RULE}', id="ctl"
        ),
    ],
)
def test_parse_label_selector_rejects_with_upstream_message(text: str, message: str) -> None:
    with pytest.raises(BadRequestError) as caught:
        parse_label_selector(text)
    assert caught.value.message == message
    assert caught.value.status["code"] == 400
    assert caught.value.status["reason"] == "BadRequest"


@pytest.mark.parametrize(
    ("text", "labels", "expected"),
    [
        pytest.param("", {}, True, id="empty-matches-all"),
        pytest.param("a=b", {"a": "b"}, True, id="equals"),
        pytest.param("a=b", {}, False, id="equals-missing"),
        pytest.param("a=", {}, False, id="empty-value-needs-key"),
        pytest.param("a=", {"a": ""}, True, id="empty-value-present"),
        pytest.param("a!=b", {}, True, id="not-equals-missing"),
        pytest.param("a!=b", {"a": "b"}, False, id="not-equals-same"),
        pytest.param("a in (x,y)", {"a": "y"}, True, id="in"),
        pytest.param("a in (x,y)", {"a": "z"}, False, id="in-other"),
        pytest.param("a notin (x)", {}, True, id="notin-missing"),
        pytest.param("a notin ()", {"a": ""}, False, id="notin-empty-set-empty-value"),
        pytest.param("a notin ()", {"a": "x"}, True, id="notin-empty-set-other-value"),
        pytest.param("a", {"a": ""}, True, id="exists"),
        pytest.param("!a", {"a": ""}, False, id="does-not-exist-present"),
        pytest.param("!a", {"b": "c"}, True, id="does-not-exist"),
        pytest.param("a>1", {"a": "2"}, True, id="gt"),
        pytest.param("a>1", {"a": "1"}, False, id="gt-equal"),
        pytest.param("a>1", {"a": "+5"}, True, id="gt-signed-label"),
        pytest.param("a>1", {"a": "x"}, False, id="gt-non-integer-label"),
        pytest.param("a>1", {"a": "1_0"}, False, id="gt-underscore-is-not-integer"),
        pytest.param("a>1", {}, False, id="gt-missing"),
        pytest.param("a<10", {"a": "-3"}, True, id="lt-negative-label"),
        pytest.param("a=b,c", {"a": "b"}, False, id="and"),
    ],
)
def test_label_selector_matches_like_upstream(
    text: str, labels: dict[str, str], expected: bool
) -> None:
    assert parse_label_selector(text).matches(labels) is expected


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        pytest.param("a=b", "a", "b", id="equals"),
        pytest.param("a==b", "a", "b", id="double-equals"),
        pytest.param("a in (b)", "a", "b", id="in-one"),
        pytest.param("a in (b,c)", "a", None, id="in-two"),
        pytest.param("a!=b", "a", None, id="not-equals"),
        pytest.param("a=b", "c", None, id="other-key"),
        pytest.param("a,a=b", "a", None, id="first-requirement-decides"),
        pytest.param("a=", "a", "", id="empty-value"),
    ],
)
def test_exact_value_pins_only_single_value_equality(
    text: str, key: str, expected: str | None
) -> None:
    assert parse_label_selector(text).exact_value(key) == expected


def test_everything_and_nothing_differ_in_matching_not_printing() -> None:
    assert EVERYTHING.is_empty()
    assert EVERYTHING.matches({})
    assert not NOTHING.is_empty()
    assert not NOTHING.matches({})
    assert str(EVERYTHING) == str(NOTHING) == ""
    assert not parse_label_selector("a").is_empty()


def test_requirements_are_exposed_sorted_with_values() -> None:
    selector = parse_label_selector("b in (y,x),a")
    assert selector.requirements == (
        Requirement("a", Operator.EXISTS),
        Requirement("b", Operator.IN, ("x", "y")),
    )


def test_label_selector_constructor_sorts_requirements_stably() -> None:
    first = Requirement("a", Operator.NOT_EQUALS, ("x",))
    second = Requirement("a", Operator.EQUALS, ("y",))
    selector = LabelSelector((Requirement("b", Operator.EXISTS), first, second))
    assert str(selector) == "a!=x,a=y,b"


@pytest.mark.parametrize(
    ("spec", "canonical"),
    [
        pytest.param({}, "", id="empty-object"),
        pytest.param({"matchLabels": {}, "matchExpressions": []}, "", id="empty-fields"),
        pytest.param({"matchLabels": {"b": "2", "a": "1"}}, "a=1,b=2", id="match-labels"),
        pytest.param(
            {
                "matchLabels": {"app": "web"},
                "matchExpressions": [
                    {"key": "tier", "operator": "In", "values": ["b", "a"]},
                    {"key": "env", "operator": "NotIn", "values": ["prod"]},
                    {"key": "x", "operator": "Exists"},
                    {"key": "y", "operator": "DoesNotExist", "values": None},
                ],
            },
            "app=web,env notin (prod),tier in (a,b),x,!y",
            id="expressions",
        ),
    ],
)
def test_selector_from_dict_builds_upstream_selector(spec: dict[str, Any], canonical: str) -> None:
    selector = selector_from_label_selector_dict(spec)
    assert str(selector) == canonical
    assert not selector.matches_nothing


def test_selector_from_dict_none_matches_nothing() -> None:
    assert selector_from_label_selector_dict(None) is NOTHING


def test_selector_from_dict_empty_matches_everything() -> None:
    assert selector_from_label_selector_dict({}).matches({"any": "thing"})


def test_selector_from_dict_keeps_values_order_but_prints_sorted() -> None:
    spec = {"matchExpressions": [{"key": "a", "operator": "In", "values": ["z", "y", "z"]}]}
    selector = selector_from_label_selector_dict(spec)
    assert selector.requirements[0].values == ("z", "y", "z")
    assert str(selector) == "a in (y,z,z)"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        pytest.param(
            {"matchExpressions": [{"key": "a", "operator": "Gt", "values": ["1"]}]},
            '"Gt" is not a valid pod selector operator',
            id="gt-not-allowed",
        ),
        pytest.param(
            {"matchExpressions": [{"key": "a", "operator": "in", "values": ["1"]}]},
            '"in" is not a valid pod selector operator',
            id="operator-is-case-sensitive",
        ),
        pytest.param(
            {"matchExpressions": [{"key": "a", "operator": "In", "values": []}]},
            "values: Invalid value: []string(nil): "
            "for 'in', 'notin' operators, values set can't be empty",
            id="in-without-values",
        ),
        pytest.param(
            {"matchExpressions": [{"key": "a", "operator": "Exists", "values": ["x", "y"]}]},
            'values: Invalid value: []string{"x", "y"}: '
            "values set must be empty for exists and does not exist",
            id="exists-with-values",
        ),
        pytest.param(
            {"matchLabels": {"-a": "b"}},
            f'key: Invalid value: "-a": name part {_NAME_RULE}',
            id="bad-match-labels-key",
        ),
        pytest.param(
            {"matchLabels": {"a": "b c"}},
            f'values[0][a]: Invalid value: "b c": {_VALUE_RULE}',
            id="bad-match-labels-value",
        ),
        pytest.param(
            {"matchExpressions": [{"key": "", "operator": "In", "values": []}]},
            '[key: Invalid value: "": name part must be non-empty; name part '
            f"{_NAME_RULE}, values: Invalid value: []string(nil): "
            "for 'in', 'notin' operators, values set can't be empty]",
            id="aggregated",
        ),
        pytest.param(
            {"matchLabels": ["a"]}, "invalid label selector: matchLabels must be an object", id="s"
        ),
        pytest.param(
            {"matchExpressions": [{"key": 1, "operator": "Exists"}]},
            "invalid label selector: matchExpressions[0].key must be a string",
            id="non-string-key",
        ),
    ],
)
def test_selector_from_dict_rejects_with_upstream_message(
    spec: dict[str, Any], message: str
) -> None:
    with pytest.raises(BadRequestError) as caught:
        selector_from_label_selector_dict(spec)
    assert caught.value.message == message


def test_new_requirement_validates_like_upstream() -> None:
    assert new_requirement("a", Operator.GREATER_THAN, ["5"]) == Requirement(
        "a", Operator.GREATER_THAN, ("5",)
    )
    with pytest.raises(BadRequestError) as caught:
        new_requirement("a", Operator.EQUALS, ["x", "y"])
    assert caught.value.message == (
        'values: Invalid value: []string{"x", "y"}: '
        "exact-match compatibility requires one single value"
    )


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        pytest.param("plain", '"plain"', id="plain"),
        pytest.param('a"b\\c', '"a\\"b\\\\c"', id="quote-and-backslash"),
        pytest.param("\n\t\x00\x7f", '"\\n\\t\\x00\\x7f"', id="controls"),
        pytest.param("\u00e9\u4e16", '"\u00e9\u4e16"', id="printable-unicode-kept"),
        pytest.param("\u00a0\u200b", '"\\u00a0\\u200b"', id="unicode-spaces-escaped"),
        pytest.param("\U000e0001", '"\\U000e0001"', id="astral-format-char"),
        pytest.param("\ud800", '"\\xed\\xa0\\x80"', id="surrogate-as-bytes"),
    ],
)
def test_go_quote_matches_strconv_quote(text: str, quoted: str) -> None:
    assert go_quote(text) == quoted


# ---------------------------------------------------------------------------------------
# Properties: any text parses or raises BadRequestError; printed selectors parse back.

_PARSER_ALPHABET = "ab/.-_1 \t\n=!(),<>\x00\\é"
_FUZZ = settings(max_examples=300, deadline=None)
_BUILT = settings(max_examples=100, deadline=None)  # generated selectors cost more per example


def _parse_or_reject(text: str) -> LabelSelector | None:
    try:
        return parse_label_selector(text)
    except BadRequestError:
        return None


@_FUZZ
@given(st.text(st.characters(exclude_categories=())))
def test_parse_label_selector_raises_only_bad_request_on_any_text(text: str) -> None:
    _parse_or_reject(text)


@_FUZZ
@given(st.text(_PARSER_ALPHABET))
def test_parse_label_selector_raises_only_bad_request_on_selector_like_text(text: str) -> None:
    _parse_or_reject(text)


# Requirement-shaped fragments, valid or nearly so: a good share of them parses.
_FRAGMENT = st.tuples(
    st.sampled_from(["", "!", " "]),
    st.sampled_from(["a", "in", "b.c/d", "x-1", "/", "a/b/c"]),
    st.sampled_from(["", "=", "==", "!=", " in ", " notin ", ">", "<", " ", "!"]),
    st.sampled_from(["", "x", "1", "(x, y)", "()", "(,)", "(a,,b)", "(a,,)", "(in)", "-1", "\t"]),
).map("".join)


@_FUZZ
@given(st.lists(_FRAGMENT, max_size=4).map(",".join))
def test_parsed_selector_prints_a_fixpoint(text: str) -> None:
    selector = _parse_or_reject(text)
    if selector is not None:
        assert parse_label_selector(str(selector)) == selector


_ALNUM = "aZ09"
_NAME = st.one_of(
    st.sampled_from(["in", "notin", "a", "A-1_b.c"]),
    st.builds(
        "{}{}{}".format,
        st.sampled_from(_ALNUM),
        st.text("aZ9-_.", max_size=5),
        st.sampled_from(_ALNUM),
    ),
)
_PREFIX = st.sampled_from(["example.com", "a", "k8s.io", "x-1.y2"])
_KEY = st.one_of(_NAME, st.builds("{}/{}".format, _PREFIX, _NAME))
_VALUE = st.one_of(st.just(""), _NAME)


@st.composite
def _requirements(draw: st.DrawFn) -> Requirement:
    key = draw(_KEY)
    operator = draw(st.sampled_from(list(Operator)))
    values: list[str]
    if operator in (Operator.IN, Operator.NOT_IN):
        values = sorted(draw(st.sets(_VALUE, min_size=1, max_size=3)))
    elif operator in (Operator.EXISTS, Operator.DOES_NOT_EXIST):
        values = []
    elif operator in (Operator.GREATER_THAN, Operator.LESS_THAN):
        values = [str(draw(st.one_of(st.integers(0, 6), st.just(2**63 - 1))))]
    else:
        values = [draw(_VALUE)]
    return new_requirement(key, operator, values)


_SELECTORS = st.lists(_requirements(), max_size=5).map(lambda rs: LabelSelector(tuple(rs)))
_LABELS = st.dictionaries(
    st.one_of(_KEY, st.sampled_from(["a", "in"])),
    st.one_of(_VALUE, st.integers(-5, 5).map(str)),
    max_size=4,
)


@_BUILT
@given(_SELECTORS)
def test_printed_selector_parses_back_to_itself(selector: LabelSelector) -> None:
    assert parse_label_selector(str(selector)) == selector


@_BUILT
@given(_SELECTORS, _LABELS)
def test_printed_selector_parses_back_to_same_matches(
    selector: LabelSelector, labels: dict[str, str]
) -> None:
    reparsed = parse_label_selector(str(selector))
    assert reparsed.matches(labels) == selector.matches(labels)
    assert selector.matches(labels) == all(r.matches(labels) for r in selector.requirements)


@_BUILT
@given(_SELECTORS, st.sampled_from([" ", "\t", "  \n "]))
def test_whitespace_between_tokens_does_not_change_the_selector(
    selector: LabelSelector, space: str
) -> None:
    spaced = []
    for r in selector.requirements:
        text = str(r)
        for symbol in ("!=", "==", "(", ")", ">", "<"):
            text = text.replace(symbol, f"{space}{symbol}{space}")
        if r.operator is Operator.EQUALS:
            text = text.replace("=", f"{space}={space}", 1)
        spaced.append(f"{space}{text}{space}")
    assert parse_label_selector(",".join(spaced)) == selector

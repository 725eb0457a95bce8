"""Label selectors, parsed, matched and printed as k8s.io/apimachinery does (kube 1.32).

Two ways in, both pure:

- `parse_label_selector("app=web,tier in (a,b),!legacy")` reads the `?labelSelector=`
  string syntax (pkg/labels/selector.go `Parse`);
- `selector_from_label_selector_dict(spec)` reads a `metav1.LabelSelector` JSON object
  (`matchLabels`, `matchExpressions`; pkg/apis/meta/v1/helpers.go `LabelSelectorAsSelector`).
  `None` gives `NOTHING`, `{}` gives `EVERYTHING`: a nil selector selects no objects,
  an empty one selects all of them.

Every failure is a `BadRequestError` whose message is upstream's word for word, because
kube-apiserver hands the parser's error to `NewBadRequest` unchanged:
`unable to parse requirement: <nil>: Invalid value: "-a": name part must ...`.

The parser mirrors upstream's lexer step by step, quirks included:

- whitespace is only space, tab, CR and LF; a NUL character ends a token the way the end
  of input does (Go's lexer reads the byte 0 as "end");
- `in` and `notin` are keywords only where an operator may stand (`in in (in)` is valid);
- `a notin ()` means "not in {""}"; `x in (a,,)` is an error (fixed only in 1.35);
- `in`/`notin` value sets are de-duplicated and sorted, requirements are sorted by key;
- lengths are counted in UTF-8 bytes, as Go's `len` does.

The module is longer than most because it carries its own copy of the label key and
value rules (the messages embed them, so they must match upstream byte for byte);
values are quoted as Go does by `kcp.apimachinery.goformat`.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kcp.apimachinery.errors import BadRequestError
from kcp.apimachinery.goformat import go_quote

__all__ = [
    "EVERYTHING",
    "NOTHING",
    "LabelSelector",
    "Operator",
    "Requirement",
    "new_requirement",
    "parse_label_selector",
    "selector_from_label_selector_dict",
]


class Operator(enum.StrEnum):
    """selection.Operator, with upstream's spelling as the value."""

    EQUALS = "="
    DOUBLE_EQUALS = "=="
    NOT_EQUALS = "!="
    IN = "in"
    NOT_IN = "notin"
    EXISTS = "exists"
    DOES_NOT_EXIST = "!"
    GREATER_THAN = "gt"
    LESS_THAN = "lt"


_BINARY_OPERATORS = ", ".join(
    op.value
    for op in (
        Operator.IN,
        Operator.NOT_IN,
        Operator.EQUALS,
        Operator.DOUBLE_EQUALS,
        Operator.NOT_EQUALS,
        Operator.GREATER_THAN,
        Operator.LESS_THAN,
    )
)
_SYMBOL = {
    Operator.EQUALS: "=",
    Operator.DOUBLE_EQUALS: "==",
    Operator.NOT_EQUALS: "!=",
    Operator.IN: " in ",
    Operator.NOT_IN: " notin ",
    Operator.GREATER_THAN: ">",
    Operator.LESS_THAN: "<",
}


@dataclass(frozen=True, slots=True)
class Requirement:
    """One `key <operator> values` term. Build validated ones with `new_requirement`."""

    key: str
    operator: Operator
    values: tuple[str, ...] = ()

    def matches(self, labels: Mapping[str, str]) -> bool:
        value = labels.get(self.key)
        match self.operator:
            case Operator.IN | Operator.EQUALS | Operator.DOUBLE_EQUALS:
                return value is not None and value in self.values
            case Operator.NOT_IN | Operator.NOT_EQUALS:
                return value is None or value not in self.values
            case Operator.EXISTS:
                return value is not None
            case Operator.DOES_NOT_EXIST:
                return value is None
            case Operator.GREATER_THAN | Operator.LESS_THAN:
                have = _parse_int64(value) if value is not None else None
                want = _parse_int64(self.values[0]) if len(self.values) == 1 else None
                if have is None or want is None:
                    return False
                return have > want if self.operator is Operator.GREATER_THAN else have < want

    def __str__(self) -> str:
        if self.operator is Operator.EXISTS:
            return self.key
        if self.operator is Operator.DOES_NOT_EXIST:
            return "!" + self.key
        values = self.values[0] if len(self.values) == 1 else ",".join(sorted(self.values))
        if self.operator in (Operator.IN, Operator.NOT_IN):
            values = f"({values})"
        return self.key + _SYMBOL[self.operator] + values


@dataclass(frozen=True, slots=True)
class LabelSelector:
    """An AND of requirements, kept sorted by key (stably) as upstream's `Add` keeps them.

    `matches_nothing` marks upstream's `labels.Nothing()`, the selector of a nil
    `metav1.LabelSelector`; it ignores its requirements.
    """

    requirements: tuple[Requirement, ...] = ()
    matches_nothing: bool = False

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.requirements, key=lambda r: r.key))
        object.__setattr__(self, "requirements", ordered)

    def matches(self, labels: Mapping[str, str]) -> bool:
        if self.matches_nothing:
            return False
        return all(r.matches(labels) for r in self.requirements)

    def is_empty(self) -> bool:
        """True when the selector does not restrict anything (upstream `Empty()`)."""
        return not self.matches_nothing and not self.requirements

    def exact_value(self, key: str) -> str | None:
        """The one value `key` must have, if the first requirement on `key` pins it.

        Upstream `RequiresExactMatch`: `=`, `==` or a one-value `in`, looked up in the
        first requirement on `key` only.
        """
        for r in self.requirements:
            if r.key == key:
                pins = r.operator in (Operator.EQUALS, Operator.DOUBLE_EQUALS, Operator.IN)
                return r.values[0] if pins and len(r.values) == 1 else None
        return None

    def __str__(self) -> str:
        if self.matches_nothing:
            return ""
        return ",".join(str(r) for r in self.requirements)


EVERYTHING = LabelSelector()
NOTHING = LabelSelector(matches_nothing=True)


def parse_label_selector(text: str) -> LabelSelector:
    """Parse the `labelSelector` string syntax; "" selects everything.

    Raises `BadRequestError` with upstream's message for any malformed input.
    """
    return LabelSelector(_Parser(text).parse())


def selector_from_label_selector_dict(obj: Mapping[str, Any] | None) -> LabelSelector:
    """Convert a `metav1.LabelSelector` JSON object; None selects nothing, {} everything.

    `matchLabels` come first (in key order; upstream walks a Go map), then
    `matchExpressions` in order; the first invalid one raises `BadRequestError`.
    """
    if obj is None:
        return NOTHING
    if not isinstance(obj, Mapping):
        raise BadRequestError("invalid label selector: must be an object")
    match_labels = _mapping_of_strings(obj.get("matchLabels"), "matchLabels")
    expressions = obj.get("matchExpressions") or []
    if not isinstance(expressions, Sequence) or isinstance(expressions, str):
        raise BadRequestError("invalid label selector: matchExpressions must be a list")
    if not match_labels and not expressions:
        return EVERYTHING
    requirements = [
        new_requirement(key, Operator.EQUALS, [value])
        for key, value in sorted(match_labels.items())
    ]
    for index, expr in enumerate(expressions):
        where = f"matchExpressions[{index}]"
        if not isinstance(expr, Mapping):
            raise BadRequestError(f"invalid label selector: {where} must be an object")
        key = _string(expr.get("key", ""), f"{where}.key")
        raw_op = _string(expr.get("operator", ""), f"{where}.operator")
        values = _list_of_strings(expr.get("values"), f"{where}.values")
        if raw_op not in _EXPRESSION_OPERATORS:
            raise BadRequestError(f"{go_quote(raw_op)} is not a valid pod selector operator")
        requirements.append(new_requirement(key, _EXPRESSION_OPERATORS[raw_op], values))
    return LabelSelector(tuple(requirements))


_EXPRESSION_OPERATORS = {
    "In": Operator.IN,
    "NotIn": Operator.NOT_IN,
    "Exists": Operator.EXISTS,
    "DoesNotExist": Operator.DOES_NOT_EXIST,
}


def new_requirement(key: str, operator: Operator, values: Sequence[str]) -> Requirement:
    """Validate and build one requirement (upstream `NewRequirement`, no field path).

    Raises `BadRequestError` naming every problem at once, as upstream's aggregate does:
    one message alone, several as `[first, second]`.
    """
    try:
        return _validated(key, operator, list(values))
    except _ParseError as err:
        raise BadRequestError(str(err)) from None


class _ParseError(Exception):
    """A message upstream returns as a plain error; callers decide how to wrap it."""


def _validated(key: str, operator: Operator, values: list[str]) -> Requirement:
    problems: list[str] = []
    if key_errors := _label_key_errors(key):
        problems.append(_invalid("key", key, "; ".join(key_errors)))
    if detail := _count_problem(operator, len(values)):
        problems.append(_invalid("values", values, detail))
    if operator in (Operator.GREATER_THAN, Operator.LESS_THAN):
        problems.extend(
            _invalid(f"values[{i}]", v, "for 'Gt', 'Lt' operators, the value must be an integer")
            for i, v in enumerate(values)
            if _parse_int64(v) is None
        )
    for i, value in enumerate(values):
        if value_errors := _label_value_errors(value):
            problems.append(_invalid(f"values[{i}][{key}]", value, "; ".join(value_errors)))
    if problems:
        raise _ParseError(_aggregate(problems))
    return Requirement(key, operator, tuple(values))


def _count_problem(operator: Operator, count: int) -> str:
    """What is wrong with the number of values for `operator`, or ""."""
    match operator:
        case Operator.IN | Operator.NOT_IN if count == 0:
            return "for 'in', 'notin' operators, values set can't be empty"
        case Operator.EQUALS | Operator.DOUBLE_EQUALS | Operator.NOT_EQUALS if count != 1:
            return "exact-match compatibility requires one single value"
        case Operator.EXISTS | Operator.DOES_NOT_EXIST if count != 0:
            return "values set must be empty for exists and does not exist"
        case Operator.GREATER_THAN | Operator.LESS_THAN if count != 1:
            return "for 'Gt', 'Lt' operators, exactly one value is required"
    return ""


# ---------------------------------------------------------------------------------------
# The lexer and parser (pkg/labels/selector.go Lexer, Parser).


class _Tok(enum.Enum):
    ERROR = enum.auto()
    END = enum.auto()
    CLOSE = enum.auto()
    COMMA = enum.auto()
    NOT = enum.auto()
    DOUBLE_EQUALS = enum.auto()
    EQUALS = enum.auto()
    GREATER = enum.auto()
    IDENTIFIER = enum.auto()
    IN = enum.auto()
    LESS = enum.auto()
    NOT_EQUALS = enum.auto()
    NOT_IN = enum.auto()
    OPEN = enum.auto()


_LITERALS = {
    ")": _Tok.CLOSE,
    ",": _Tok.COMMA,
    "!": _Tok.NOT,
    "==": _Tok.DOUBLE_EQUALS,
    "=": _Tok.EQUALS,
    ">": _Tok.GREATER,
    "in": _Tok.IN,
    "<": _Tok.LESS,
    "!=": _Tok.NOT_EQUALS,
    "notin": _Tok.NOT_IN,
    "(": _Tok.OPEN,
}
_OPERATOR_TOKENS = {
    _Tok.IN: Operator.IN,
    _Tok.EQUALS: Operator.EQUALS,
    _Tok.DOUBLE_EQUALS: Operator.DOUBLE_EQUALS,
    _Tok.GREATER: Operator.GREATER_THAN,
    _Tok.LESS: Operator.LESS_THAN,
    _Tok.NOT_IN: Operator.NOT_IN,
    _Tok.NOT_EQUALS: Operator.NOT_EQUALS,
}
_SPECIAL = frozenset("=!(),><")
_WHITESPACE = frozenset(" \t\r\n")
_END = "\0"  # what upstream's read() returns at the end, and for a NUL byte


def _lex(text: str) -> list[tuple[_Tok, str]]:
    """Split `text` into tokens, ending with one END token."""
    pos = 0

    def read() -> str:
        nonlocal pos
        if pos < len(text):
            pos += 1
            return text[pos - 1]
        return _END

    def scan_identifier() -> tuple[_Tok, str]:
        nonlocal pos
        buffer: list[str] = []
        while (ch := read()) != _END:
            if ch in _SPECIAL or ch in _WHITESPACE:
                pos -= 1
                break
            buffer.append(ch)
        literal = "".join(buffer)
        return _LITERALS.get(literal, _Tok.IDENTIFIER), literal

    def scan_symbol() -> tuple[_Tok, str]:
        nonlocal pos
        buffer = ""
        last: tuple[_Tok, str] | None = None
        while (ch := read()) != _END:
            if ch not in _SPECIAL:
                pos -= 1
                break
            buffer += ch
            if buffer in _LITERALS:
                last = (_LITERALS[buffer], buffer)
            elif last is not None:
                pos -= 1
                break
        if last is None:
            return _Tok.ERROR, f"error expected: keyword found '{buffer}'"
        return last

    tokens: list[tuple[_Tok, str]] = []
    while True:
        ch = read()
        while ch in _WHITESPACE:
            ch = read()
        if ch == _END:
            tokens.append((_Tok.END, ""))
            return tokens
        pos -= 1
        tokens.append(scan_symbol() if ch in _SPECIAL else scan_identifier())


class _Parser:
    """Recursive descent over the token list, in upstream's order of checks."""

    def __init__(self, text: str) -> None:
        self._tokens = _lex(text)
        self._position = 0

    def _lookahead(self, values: bool) -> tuple[_Tok, str]:
        tok, literal = self._tokens[min(self._position, len(self._tokens) - 1)]
        if values and tok in (_Tok.IN, _Tok.NOT_IN):
            tok = _Tok.IDENTIFIER
        return tok, literal

    def _consume(self, values: bool) -> tuple[_Tok, str]:
        item = self._lookahead(values)
        self._position += 1
        return item

    def parse(self) -> tuple[Requirement, ...]:
        requirements: list[Requirement] = []
        while True:
            tok, literal = self._lookahead(values=True)
            if tok is _Tok.END:
                return tuple(requirements)
            if tok not in (_Tok.IDENTIFIER, _Tok.NOT):
                raise BadRequestError(
                    f"found '{literal}', expected: !, identifier, or 'end of string'"
                )
            try:
                requirements.append(self._requirement())
            except _ParseError as err:
                raise BadRequestError(f"unable to parse requirement: {err}") from None
            tok, literal = self._consume(values=True)
            if tok is _Tok.END:
                return tuple(requirements)
            if tok is not _Tok.COMMA:
                raise BadRequestError(f"found '{literal}', expected: ',' or 'end of string'")
            tok, literal = self._lookahead(values=True)
            if tok not in (_Tok.IDENTIFIER, _Tok.NOT):
                raise BadRequestError(f"found '{literal}', expected: identifier after ','")

    def _requirement(self) -> Requirement:
        operator: Operator | None = None
        tok, key = self._consume(values=True)
        if tok is _Tok.NOT:
            operator = Operator.DOES_NOT_EXIST
            tok, key = self._consume(values=True)
        if tok is not _Tok.IDENTIFIER:
            raise _ParseError(f"found '{key}', expected: identifier")
        if key_errors := _label_key_errors(key):
            raise _ParseError(_invalid("<nil>", key, "; ".join(key_errors)))
        if operator is None and self._lookahead(values=True)[0] in (_Tok.END, _Tok.COMMA):
            operator = Operator.EXISTS
        if operator is not None:
            return _validated(key, operator, [])
        tok, literal = self._consume(values=False)
        if tok not in _OPERATOR_TOKENS:
            raise _ParseError(f"found '{literal}', expected: {_BINARY_OPERATORS}")
        operator = _OPERATOR_TOKENS[tok]
        if operator in (Operator.IN, Operator.NOT_IN):
            values = self._value_set()
        else:
            values = self._exact_value()
        return _validated(key, operator, sorted(values))

    def _value_set(self) -> set[str]:
        tok, literal = self._consume(values=True)
        if tok is not _Tok.OPEN:
            raise _ParseError(f"found '{literal}' expected: '('")
        tok, literal = self._lookahead(values=True)
        if tok is _Tok.CLOSE:  # "()" is the set {""}
            self._consume(values=True)
            return {""}
        if tok not in (_Tok.IDENTIFIER, _Tok.COMMA):
            raise _ParseError(f"found '{literal}', expected: ',', ')' or identifier")
        values = self._identifiers()
        if self._consume(values=True)[0] is not _Tok.CLOSE:
            raise _ParseError(f"found '{literal}', expected: ')'")
        return values

    def _identifiers(self) -> set[str]:
        values: set[str] = set()
        while True:
            tok, literal = self._consume(values=True)
            if tok is _Tok.IDENTIFIER:
                values.add(literal)
                after, after_literal = self._lookahead(values=True)
                if after is _Tok.CLOSE:
                    return values
                if after is not _Tok.COMMA:
                    raise _ParseError(f"found '{after_literal}', expected: ',' or ')'")
            elif tok is _Tok.COMMA:  # empty values: "(,", ",)" and ",,"
                if not values:
                    values.add("")
                after = self._lookahead(values=True)[0]
                if after is _Tok.CLOSE:
                    values.add("")
                    return values
                if after is _Tok.COMMA:
                    self._consume(values=True)  # 1.32 skips the second comma (so "(a,,)" fails)
                    values.add("")
            else:
                raise _ParseError(f"found '{literal}', expected: ',', or identifier")

    def _exact_value(self) -> set[str]:
        if self._lookahead(values=True)[0] in (_Tok.END, _Tok.COMMA):
            return {""}
        tok, literal = self._consume(values=True)
        if tok is not _Tok.IDENTIFIER:
            raise _ParseError(f"found '{literal}', expected: identifier")
        return {literal}


# ---------------------------------------------------------------------------------------
# Validation (pkg/util/validation/validation.go, 1.32 wording) and Go-style messages.

_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
_NAME_RE = re.compile(_NAME_FMT)
_NAME_MSG = (
    "must consist of alphanumeric characters, '-', '_' or '.', "
    "and must start and end with an alphanumeric character"
)
_NAME_EXAMPLES = ("MyName", "my.name", "123-abc")
_VALUE_FMT = f"({_NAME_FMT})?"
_VALUE_RE = re.compile(_VALUE_FMT)
_VALUE_MSG = (
    "a valid label must be an empty string or consist of alphanumeric characters, "
    "'-', '_' or '.', and must start and end with an alphanumeric character"
)
_DNS_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
_SUBDOMAIN_FMT = _DNS_LABEL_FMT + "(\\." + _DNS_LABEL_FMT + ")*"
_SUBDOMAIN_RE = re.compile(_SUBDOMAIN_FMT)
_SUBDOMAIN_MSG = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
    "'-' or '.', and must start and end with an alphanumeric character"
)
_INT64_RE = re.compile("[+-]?[0-9]+")


def _regex_error(message: str, fmt: str, *examples: str) -> str:
    shown = " or ".join(f"'{example}', " for example in examples)
    return f"{message} (e.g. {shown}regex used for validation is '{fmt}')"


def _byte_len(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _label_key_errors(key: str) -> list[str]:
    """IsQualifiedName: an optional DNS subdomain prefix and '/', then a name."""
    parts = key.split("/")
    errors: list[str] = []
    if len(parts) > 2:
        return [
            "a qualified name "
            + _regex_error(_NAME_MSG, _NAME_FMT, *_NAME_EXAMPLES)
            + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
        ]
    name = parts[-1]
    if len(parts) == 2:
        prefix = parts[0]
        if not prefix:
            errors.append("prefix part must be non-empty")
        else:
            errors.extend("prefix part " + e for e in _subdomain_errors(prefix))
    if not name:
        errors.append("name part must be non-empty")
    elif _byte_len(name) > 63:
        errors.append("name part must be no more than 63 characters")
    if not _NAME_RE.fullmatch(name):
        errors.append("name part " + _regex_error(_NAME_MSG, _NAME_FMT, *_NAME_EXAMPLES))
    return errors


def _subdomain_errors(value: str) -> list[str]:
    errors: list[str] = []
    if _byte_len(value) > 253:
        errors.append("must be no more than 253 characters")
    if not _SUBDOMAIN_RE.fullmatch(value):
        errors.append(_regex_error(_SUBDOMAIN_MSG, _SUBDOMAIN_FMT, "example.com"))
    return errors


def _label_value_errors(value: str) -> list[str]:
    errors: list[str] = []
    if _byte_len(value) > 63:
        errors.append("must be no more than 63 characters")
    if not _VALUE_RE.fullmatch(value):
        errors.append(_regex_error(_VALUE_MSG, _VALUE_FMT, "MyValue", "my_value", "12345"))
    return errors


def _parse_int64(text: str) -> int | None:
    """Go's strconv.ParseInt(text, 10, 64), or None where it fails."""
    if not _INT64_RE.fullmatch(text):
        return None
    value = int(text)
    return value if -(2**63) <= value < 2**63 else None


def _invalid(path: str, value: str | list[str], detail: str) -> str:
    """field.Invalid(path, value, detail).Error()."""
    if isinstance(value, str):
        shown = go_quote(value)
    elif value:
        shown = "[]string{" + ", ".join(go_quote(v) for v in value) + "}"
    else:
        shown = "[]string(nil)"
    return f"{path}: Invalid value: {shown}: {detail}"


def _aggregate(messages: list[str]) -> str:
    """utilerrors.Aggregate.Error(): duplicates dropped, several in brackets."""
    unique = list(dict.fromkeys(messages))
    return unique[0] if len(unique) == 1 else "[" + ", ".join(unique) + "]"


def _string(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise BadRequestError(f"invalid label selector: {where} must be a string")
    return value


def _list_of_strings(value: object, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise BadRequestError(f"invalid label selector: {where} must be a list of strings")
    return [_string(v, where) for v in value]


def _mapping_of_strings(value: object, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise BadRequestError(f"invalid label selector: {where} must be an object")
    return {_string(k, where): _string(v, f"{where}.{k}") for k, v in value.items()}

"""Field selectors, parsed, matched and printed as k8s.io/apimachinery does (kube 1.32).

`parse_field_selector("metadata.name=cm1,metadata.namespace!=kube-system")` reads the
`?fieldSelector=` syntax (pkg/fields/selector.go `ParseSelector`):

- terms are split on commas; `\\,` is a comma inside a value;
- each term splits at its first `!=`, `==` or `=` (`==` means `=`); the field is taken
  literally, the value is unescaped (`\\\\`, `\\,` and `\\=` only; an unescaped `,` or
  `=` in a value, or any other escape, is an error);
- empty terms are skipped and a term with both sides empty (`=`, `!=`) selects
  everything, as upstream's `Transform` drops it;
- terms are kept in the order of their sorted raw text, which is the order `str()` prints.

Which fields a resource supports is the registry's business: `check_supported` rejects the
others with kube-apiserver's message. Errors are `BadRequestError`, as kube-apiserver
wraps them into a 400 unchanged.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Literal

from kcp.apimachinery.errors import BadRequestError
from kcp.apimachinery.goformat import go_quote

__all__ = [
    "EVERYTHING",
    "METADATA_FIELDS",
    "FieldRequirement",
    "FieldSelector",
    "check_supported",
    "escape_value",
    "parse_field_selector",
]

# The fields every type supports when it registers no conversion of its own
# (runtime.DefaultMetaV1FieldSelectorConversion).
METADATA_FIELDS = frozenset({"metadata.name", "metadata.namespace"})


@dataclass(frozen=True, slots=True)
class FieldRequirement:
    """`field=value` or `field!=value`; a missing field reads as ""."""

    field: str
    operator: Literal["=", "!="]
    value: str

    def matches(self, fields: Mapping[str, str]) -> bool:
        return (fields.get(self.field, "") == self.value) == (self.operator == "=")

    def __str__(self) -> str:
        return f"{self.field}{self.operator}{escape_value(self.value)}"


@dataclass(frozen=True, slots=True)
class FieldSelector:
    """An AND of field requirements; no requirements selects everything."""

    requirements: tuple[FieldRequirement, ...] = ()

    def matches(self, fields: Mapping[str, str]) -> bool:
        return all(r.matches(fields) for r in self.requirements)

    def is_empty(self) -> bool:
        return not self.requirements

    def exact_value(self, field: str) -> str | None:
        """The value of the first `field=value` term (upstream `RequiresExactMatch`)."""
        for r in self.requirements:
            if r.field == field and r.operator == "=":
                return r.value
        return None

    def fields(self) -> frozenset[str]:
        """The field names the selector uses."""
        return frozenset(r.field for r in self.requirements)

    def __str__(self) -> str:
        return ",".join(str(r) for r in self.requirements)


EVERYTHING = FieldSelector()


def parse_field_selector(text: str) -> FieldSelector:
    """Parse the `fieldSelector` string syntax; "" selects everything.

    Raises `BadRequestError` with upstream's message for any malformed input.
    """
    requirements: list[FieldRequirement] = []
    for part in sorted(_split_terms(text)):
        if not part:
            continue
        split = _split_term(part)
        if split is None:
            raise BadRequestError(f"invalid selector: '{text}'; can't understand '{part}'")
        field, operator, raw_value = split
        value = _unescape(raw_value)
        if field or value:
            requirements.append(FieldRequirement(field, "!=" if operator == "!=" else "=", value))
    return FieldSelector(tuple(requirements))


def check_supported(selector: FieldSelector, supported: Collection[str] | None = None) -> None:
    """Reject the first field the resource cannot select on, as kube-apiserver words it.

    `supported=None` is a type that registers no field-label conversion (configmaps,
    serviceaccounts, RBAC, ...): only `metadata.name` and `metadata.namespace` work and
    the message is runtime.DefaultMetaV1FieldSelectorConversion's,
    `"spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace"`.
    A type with its own conversion (pods, secrets, namespaces, events, custom resources)
    passes its fields and gets `field label not supported: spec.foo`.
    """
    for field in (r.field for r in selector.requirements):
        if supported is None and field not in METADATA_FIELDS:
            raise BadRequestError(
                f"{go_quote(field)} is not a known field selector: "
                'only "metadata.name", "metadata.namespace"'
            )
        if supported is not None and field not in supported:
            raise BadRequestError(f"field label not supported: {field}")


def escape_value(value: str) -> str:
    """Escape `\\`, `,` and `=` in a value (upstream `EscapeValue`)."""
    return value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=")


def _split_terms(text: str) -> list[str]:
    """Split on commas that are not escaped; escapes stay in the terms."""
    if not text:
        return []
    terms: list[str] = []
    start = 0
    escaped = False
    for i, ch in enumerate(text):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == ",":
            terms.append(text[start:i])
            start = i + 1
    terms.append(text[start:])
    return terms


_TERM_OPERATORS = ("!=", "==", "=")


def _split_term(term: str) -> tuple[str, str, str] | None:
    """Split at the first operator: (field, operator, raw value)."""
    for i in range(len(term)):
        for op in _TERM_OPERATORS:
            if term.startswith(op, i):
                return term[:i], op, term[i + len(op) :]
    return None


def _unescape(raw: str) -> str:
    r"""Undo `escape_value`; reject `\x` escapes and bare `,` or `=` (upstream `UnescapeValue`)."""
    out: list[str] = []
    escaped = False
    for ch in raw:
        if escaped:
            if ch not in "\\,=":
                raise BadRequestError(f"invalid field selector: invalid escape sequence: \\{ch}")
            out.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch in ",=":
            # Go prints the rune with %v: its code point in decimal.
            raise BadRequestError(
                f"invalid field selector: unescaped character in value: {ord(ch)}"
            )
        else:
            out.append(ch)
    if escaped:
        raise BadRequestError("invalid field selector: invalid escape sequence: \\")
    return "".join(out)

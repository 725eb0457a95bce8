"""What the built-in types share: typed reads of decoded JSON, Go-shaped bad values,
label-selector validation, and the table cells kube-apiserver's printers use.

Not a home for per-type rules: those stay in each group's module. The pieces here
mirror small upstream helpers: `metav1validation.ValidateLabelSelector`
(k8s.io/apimachinery pkg/apis/meta/v1/validation), `translateTimestampSince` and the
default table convertor's `Name`/`Created At` columns (pkg/printers/internalversion
and k8s.io/apiserver pkg/registry/rest/table.go).

Decoded JSON may hold any type where Go would have refused the body; the `Reader`
reports such a field as `FieldValueTypeInvalid` ("must be of type array") instead of
letting a strategy fail with a 500.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from kcp.apimachinery import table
from kcp.apimachinery.errors import FieldError
from kcp.apimachinery.goformat import go_quote
from kcp.apimachinery.table import AGE_DESCRIPTION, NAME_DESCRIPTION, TableColumn
from kcp.apimachinery.unstructured import JSON, Object, json_type
from kcp.apimachinery.validation import GoValue, Path, validate_label_name, validate_labels
from kcp.apimachinery.validation.names import is_valid_label_value

__all__ = [
    "AGE",
    "CREATED_AT",
    "NAME",
    "Reader",
    "framed",
    "go_quote",
    "go_strings",
    "none_if_empty",
    "since",
    "validate_label_selector",
]


def _name(obj: Object) -> JSON:
    return obj.get("metadata", {}).get("name", "")


def _created_at(obj: Object) -> JSON:
    return obj.get("metadata", {}).get("creationTimestamp", "")


NAME = TableColumn("Name", "string", _name, "name", NAME_DESCRIPTION)
AGE = TableColumn("Age", "string", table.age, "", AGE_DESCRIPTION)
# The default table convertor's second column (types without a printer: roles, CRDs).
CREATED_AT = TableColumn("Created At", "date", _created_at, "", AGE_DESCRIPTION)


def framed(layout: Sequence[TableColumn]) -> tuple[TableColumn, ...]:
    """The columns of `layout` that go between the NAME and AGE `build_table` adds.

    `layout` is upstream's full column list; what is left once every Name and Age
    column is dropped is what today's `ResourceDefinition.columns` can express.
    """
    return tuple(c for c in layout if c.name not in ("Name", "Age"))


def none_if_empty(value: str) -> str:
    return value or "<none>"


def since(stamp: object) -> str:
    """`translateTimestampSince`: a human duration since an RFC 3339 time, or `<unknown>`."""
    if not isinstance(stamp, str) or not stamp:
        return "<unknown>"
    try:
        when = datetime.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return "<unknown>"
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.UTC)
    return table.human_duration((datetime.datetime.now(datetime.UTC) - when).total_seconds())


# -- Go's spelling of bad values ------------------------------------------------------


def go_strings(values: Iterable[str], type_name: str = "[]string") -> GoValue:
    """`%#v` of a string slice: `[]string{"a", "b"}`."""
    return GoValue(type_name + "{" + ", ".join(go_quote(v) for v in values) + "}")


# -- typed reads ----------------------------------------------------------------------


class Reader:
    """Reads fields of decoded JSON with Go's zero values, collecting type errors.

    Absent and null read as the zero value ({} / [] / "" / None for numbers); a
    value of the wrong JSON type is reported once in `errors` and read as zero too.
    """

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def _wrong(self, path: Path | str, value: object, expected: str) -> None:
        self.errors.append(
            FieldError(
                "FieldValueTypeInvalid", str(path), f"must be of type {expected}", json_type(value)
            )
        )

    def as_object(self, value: object, path: Path | str) -> dict[str, Any]:
        if value is None:
            return {}
        if isinstance(value, dict):
            return value
        self._wrong(path, value, "object")
        return {}

    def as_list(self, value: object, path: Path | str) -> list[Any]:
        if value is None:
            return []
        if isinstance(value, list):
            return value
        self._wrong(path, value, "array")
        return []

    def as_string(self, value: object, path: Path | str) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        self._wrong(path, value, "string")
        return ""

    def as_strings(self, value: object, path: Path) -> list[str]:
        return [self.as_string(v, path.index(i)) for i, v in enumerate(self.as_list(value, path))]

    def as_int(self, value: object, path: Path | str) -> int | None:
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        self._wrong(path, value, "integer")
        return None

    def as_bool(self, value: object, path: Path | str) -> bool:
        if value is None:
            return False
        if isinstance(value, bool):
            return value
        self._wrong(path, value, "boolean")
        return False


# -- label selectors ------------------------------------------------------------------

_SELECTOR_OPERATORS = ("In", "NotIn", "Exists", "DoesNotExist")


def validate_label_selector(read: Reader, value: object, path: Path) -> list[FieldError]:
    """`ValidateLabelSelector` (strict: label values in expressions are checked)."""
    selector = read.as_object(value, path)
    errs = validate_labels(selector.get("matchLabels"), path.child("matchLabels"))
    expressions = path.child("matchExpressions")
    for index, raw in enumerate(read.as_list(selector.get("matchExpressions"), expressions)):
        where = expressions.index(index)
        expr = read.as_object(raw, where)
        operator = read.as_string(expr.get("operator"), where.child("operator"))
        values = read.as_strings(expr.get("values"), where.child("values"))
        if operator in ("In", "NotIn") and not values:
            errs.append(
                FieldError.required(
                    str(where.child("values")),
                    "must be specified when `operator` is 'In' or 'NotIn'",
                )
            )
        elif operator in ("Exists", "DoesNotExist") and values:
            errs.append(
                FieldError.forbidden(
                    str(where.child("values")),
                    "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                )
            )
        elif operator not in _SELECTOR_OPERATORS:
            errs.append(
                FieldError.invalid(
                    str(where.child("operator")), operator, "not a valid selector operator"
                )
            )
        errs += validate_label_name(
            read.as_string(expr.get("key"), where.child("key")), where.child("key")
        )
        for i, item in enumerate(values):
            errs += [
                FieldError.invalid(str(where.child("values").index(i)), item, msg)
                for msg in is_valid_label_value(item)
            ]
    return errs

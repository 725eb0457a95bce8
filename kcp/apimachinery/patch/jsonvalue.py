"""JSON values as Python holds them, and the few operations every patch format needs.

A JSON value is what `json.loads` returns: dicts with string keys, lists, strings,
numbers, booleans and None. The patch modules work on these directly, never on
bytes, so the HTTP edge decodes once and the registry keeps plain dicts.

`clone` gives the patch functions their all-or-nothing, never-mutate guarantee: they
copy what they change. `json_equal` is JSON's equality, not Python's: `True` is not
`1`, while `1` and `1.0` are the same number (RFC 6902 section 4.6). `go_format` renders
a value as Go's `%v` does, because upstream error messages embed values that way
(`map[name:a]`, `[a b]`, `<nil>`).
"""

from __future__ import annotations

from typing import TypeAlias

__all__ = ["JSON", "JSONObject", "clone", "clone_object", "go_format", "go_kind", "json_equal"]

JSON: TypeAlias = dict[str, "JSON"] | list["JSON"] | str | int | float | bool | None
JSONObject: TypeAlias = dict[str, JSON]


def clone(value: JSON) -> JSON:
    """A deep copy that shares no container with `value`."""
    if isinstance(value, dict):
        return {key: clone(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clone(item) for item in value]
    return value


def clone_object(value: JSONObject) -> JSONObject:
    return {key: clone(item) for key, item in value.items()}


def json_equal(left: JSON, right: JSON) -> bool:
    """Structural equality with JSON's types: booleans are not numbers."""
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    if isinstance(left, int | float) and isinstance(right, int | float):
        return left == right
    if isinstance(left, dict):
        return (
            isinstance(right, dict)
            and left.keys() == right.keys()
            and all(json_equal(item, right[key]) for key, item in left.items())
        )
    if isinstance(left, list):
        return (
            isinstance(right, list)
            and len(left) == len(right)
            and all(json_equal(a, b) for a, b in zip(left, right, strict=True))
        )
    return type(left) is type(right) and left == right


def go_kind(value: JSON) -> str:
    """The JSON kind word Go's encoding/json puts in its unmarshal errors."""
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "bool"
    if value is None:
        return "null"
    return "number"


def go_format(value: JSON) -> str:
    """`fmt.Sprintf("%v", value)` for a decoded JSON value."""
    if isinstance(value, dict):
        inner = " ".join(f"{key}:{go_format(value[key])}" for key in sorted(value))
        return f"map[{inner}]"
    if isinstance(value, list):
        return "[" + " ".join(go_format(item) for item in value) + "]"
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    if isinstance(value, int) and value.bit_length() > 10_000:
        return f"<a {value.bit_length()}-bit integer>"  # beyond Python's int-to-str limit
    return str(value)

"""JSON values and Kubernetes objects as plain dicts: the one home of `Any`.

Objects travel as the dicts their JSON decodes to (kopf's `bodies.py` approach, not
generated classes). Known shapes get `TypedDict` views elsewhere; this module gives
the aliases and the few accessors every layer uses.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["JSON", "Object", "deep_copy", "json_type", "meta_of"]

JSON = Any  # a decoded JSON value: dict, list, str, int, float, bool or None
Object = dict[str, Any]  # a Kubernetes object (or list) as decoded JSON


def meta_of(obj: Object) -> dict[str, Any]:
    """`obj["metadata"]`, created empty if absent; a non-dict is replaced."""
    meta = obj.get("metadata")
    if not isinstance(meta, dict):
        meta = {}
        obj["metadata"] = meta
    return meta


def deep_copy(obj: Object) -> Object:
    return copy.deepcopy(obj)


def json_type(value: object) -> str:
    """The JSON type name of a decoded value, as validation messages name it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
        return "array"
    return type(value).__name__

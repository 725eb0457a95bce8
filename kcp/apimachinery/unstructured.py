"""JSON values and Kubernetes objects as plain dicts: the one home of `Any`.

Objects travel as the dicts their JSON decodes to (kopf's `bodies.py` approach, not
generated classes). Known shapes get `TypedDict` views elsewhere; this module gives
the aliases and the few accessors every layer uses.
"""

from __future__ import annotations

import copy
from typing import Any

__all__ = ["JSON", "Object", "deep_copy", "meta_of"]

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

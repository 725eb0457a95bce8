"""Element order after a strategic merge of a list, as the apiserver computes it.

A merged list holds two kinds of elements: those the patch (or a `$setElementOrder`
directive) names, and those only the server had. Upstream
(strategicpatch/patch.go `normalizeElementOrder`, `mergeSortedSlice`) sorts each kind
by its own reference order, then interleaves them, walking both: a server-only element
goes first only when the server list had it before the patch element being compared.
So a new element (unknown to the server) goes before the server-only elements that
remain, and `$setElementOrder` moves the named elements after the unnamed ones.
design-proposals/api-machinery/preserve-order-in-strategic-merge-patch.md describes
the intent; this mirrors the code, which is what kubectl meets.

Elements are identified by their merge-key value (lists of objects) or by themselves
(lists of primitives), with JSON equality.
"""

from __future__ import annotations

from collections.abc import Sequence

from kcp.apimachinery.patch.jsonvalue import JSON, json_equal

__all__ = ["ElementIndex", "element_identity", "hashable", "normalize_order", "partition"]

_Hashable = tuple[str, object]


def element_identity(item: JSON, merge_key: str | None) -> tuple[bool, JSON]:
    """What names `item` in its list: (found, value) - its merge key's value, or itself."""
    if merge_key is None:
        return True, item
    if isinstance(item, dict) and merge_key in item:
        return True, item[merge_key]
    return False, None


def hashable(value: JSON) -> _Hashable | None:
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int | float):
        return ("number", value)
    if isinstance(value, str):
        return ("string", value)
    if value is None:
        return ("null", None)
    return None  # objects and lists: compared with json_equal instead


class ElementIndex:
    """The first position of each element of a list, looked up by identity."""

    def __init__(self, items: Sequence[JSON], merge_key: str | None) -> None:
        self._merge_key = merge_key
        self._positions: dict[_Hashable, int] = {}
        self._others: list[tuple[JSON, int]] = []
        for position, item in enumerate(items):
            found, identity = element_identity(item, merge_key)
            if not found:
                continue
            tag = hashable(identity)
            if tag is None:
                self._others.append((identity, position))
            else:
                self._positions.setdefault(tag, position)

    def find(self, item: JSON) -> int:
        """The position of `item`, or -1."""
        found, identity = element_identity(item, self._merge_key)
        if not found:
            return -1
        tag = hashable(identity)
        if tag is not None:
            return self._positions.get(tag, -1)
        for other, position in self._others:
            if json_equal(other, identity):
                return position
        return -1


def partition(
    items: Sequence[JSON], named_by: Sequence[JSON], merge_key: str | None
) -> tuple[list[JSON], list[JSON]]:
    """Split `items` into those `named_by` names and the rest, keeping their order."""
    index = ElementIndex(named_by, merge_key)
    named: list[JSON] = []
    rest: list[JSON] = []
    for item in items:
        (named if index.find(item) >= 0 else rest).append(item)
    return named, rest


def normalize_order(
    patch_items: Sequence[JSON],
    server_only: Sequence[JSON],
    patch_order: Sequence[JSON],
    server_order: Sequence[JSON],
    merge_key: str | None,
) -> list[JSON]:
    """patch.go normalizeElementOrder: sort both kinds, then interleave them."""
    by_patch = ElementIndex(patch_order, merge_key)
    by_server = ElementIndex(server_order, merge_key)
    right = sorted(patch_items, key=by_patch.find)
    left = sorted(server_only, key=by_server.find)
    merged: list[JSON] = []
    i = j = 0
    while i < len(left) and j < len(right):
        left_at, right_at = by_server.find(left[i]), by_server.find(right[j])
        if left_at >= 0 and right_at >= 0 and left_at < right_at:
            merged.append(left[i])
            i += 1
        else:
            merged.append(right[j])
            j += 1
    merged.extend(left[i:])
    merged.extend(right[j:])
    return merged

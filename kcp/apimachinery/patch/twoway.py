"""Computing a strategic merge patch from two versions of an object.

`create_two_way_merge_patch(original, modified, schema)` returns a patch that turns
`original` into `modified` when applied with `apply_strategic_merge_patch` and the same
schema. It mirrors strategicpatch/patch.go `CreateTwoWayMergeMapPatch` (`diffMaps` with
`SetElementOrder` on), the patch kubectl's `edit` and client-go helpers send:

- added and changed members, `null` for removed ones, recursion into objects;
- merge lists by key: changed elements reduced to their changes plus the key, new
  elements whole, removed ones as `{key: ..., $patch: delete}`, and a
  `$setElementOrder/<list>` naming every element whenever content or order changed;
- merge lists of primitives: additions in the list, removals in
  `$deleteFromPrimitiveList/<list>`, and `$setElementOrder/<list>` likewise;
- `$retainKeys` for fields marked `retain_keys`.

Like upstream it cannot express a member set to `null` (that is a deletion) nor
duplicate keys in a merge list. Equal atomic values produce no entry (upstream repeats
an atomic map even when unchanged; the result of applying is the same).
"""

from __future__ import annotations

from collections.abc import Iterable

from kcp.apimachinery.patch import order
from kcp.apimachinery.patch.errors import PatchNotApplicableError
from kcp.apimachinery.patch.jsonvalue import JSON, JSONObject, clone, json_equal
from kcp.apimachinery.patch.schema import PatchSchema
from kcp.apimachinery.patch.strategic import (
    DELETE_FROM_PRIMITIVE_LIST,
    DIRECTIVE,
    NO_LIST_OF_LISTS,
    RETAIN_KEYS,
    SET_ELEMENT_ORDER,
    no_merge_key,
)

__all__ = ["create_two_way_merge_patch"]


def create_two_way_merge_patch(
    original: JSONObject, modified: JSONObject, schema: PatchSchema
) -> JSONObject:
    """A strategic merge patch from `original` to `modified`; 422 if a list cannot be
    diffed under `schema` (lists of lists, elements without their merge key)."""
    try:
        return _diff_maps(original, modified, schema, retain_keys=False)
    except RecursionError as err:
        raise PatchNotApplicableError("object nesting is too deep") from err


def _diff_maps(
    original: JSONObject, modified: JSONObject, schema: PatchSchema, *, retain_keys: bool
) -> JSONObject:
    patch: JSONObject = {}
    for key, new in modified.items():
        if key not in original:
            patch[key] = clone(new)
            continue
        old, field = original[key], schema.child(key)
        if isinstance(old, dict) and isinstance(new, dict) and not field.is_atomic:
            nested = _diff_maps(old, new, field, retain_keys=field.retain_keys)
            if nested:
                patch[key] = nested
        elif isinstance(old, list) and isinstance(new, list) and field.is_merge_list:
            _diff_lists(key, old, new, field, patch)
        elif not json_equal(old, new):
            patch[key] = clone(new)
    for key in original:
        if key not in modified:
            patch[key] = None
    if retain_keys:
        kept: list[JSON] = [key for key in sorted(modified) if modified[key] is not None]
        dropped = any(value is not None and key not in modified for key, value in original.items())
        if kept and (patch or dropped):
            patch[RETAIN_KEYS] = kept
    return patch


def _diff_lists(
    key: str, old: list[JSON], new: list[JSON], schema: PatchSchema, patch: JSONObject
) -> None:
    """patch.go diffLists: write the list's patch entries under `key` into `patch`."""
    if not old:
        if new:
            patch[key] = clone(new)
        return
    if any(isinstance(item, list) for item in (*old, *new)):
        raise PatchNotApplicableError(NO_LIST_OF_LISTS)
    merge_key = schema.merge_key
    if merge_key is not None and any(isinstance(item, dict) for item in (*old, *new)):
        _diff_keyed(key, old, new, schema, merge_key, patch)
        return
    in_old, in_new = order.ElementIndex(old, None), order.ElementIndex(new, None)
    additions = _distinct(item for item in new if in_old.find(item) < 0)
    removals = _distinct(item for item in old if in_new.find(item) < 0)
    if additions:
        patch[key] = additions
    if removals:
        patch[f"{DELETE_FROM_PRIMITIVE_LIST}/{key}"] = removals
    if new and (removals or not json_equal(old, new)):
        patch[f"{SET_ELEMENT_ORDER}/{key}"] = clone(new)


def _diff_keyed(
    key: str,
    old: list[JSON],
    new: list[JSON],
    schema: PatchSchema,
    merge_key: str,
    patch: JSONObject,
) -> None:
    for item in (*old, *new):
        if not isinstance(item, dict) or merge_key not in item:
            raise PatchNotApplicableError(no_merge_key(item, merge_key))
    in_old, in_new = order.ElementIndex(old, merge_key), order.ElementIndex(new, merge_key)
    changes: list[JSON] = []
    for item in new:
        assert isinstance(item, dict)
        at = in_old.find(item)
        if at < 0:
            changes.append(clone(item))
            continue
        before = old[at]
        assert isinstance(before, dict)
        nested = _diff_maps(before, item, schema.element(), retain_keys=schema.retain_keys)
        if nested:
            nested[merge_key] = clone(item[merge_key])
            changes.append(nested)
    deleted = _distinct(
        {merge_key: clone(item[merge_key]), DIRECTIVE: "delete"}
        for item in old
        if isinstance(item, dict) and in_new.find(item) < 0
    )
    changes.extend(deleted)
    same_order = len(old) == len(new) and all(
        in_old.find(item) == position for position, item in enumerate(new)
    )
    if changes:
        patch[key] = changes
    if new and (changes or not same_order):
        patch[f"{SET_ELEMENT_ORDER}/{key}"] = [
            {merge_key: clone(item[merge_key])} for item in new if isinstance(item, dict)
        ]


def _distinct(items: Iterable[JSON]) -> list[JSON]:
    distinct: list[JSON] = []
    for item in items:
        if not any(json_equal(item, seen) for seen in distinct):
            distinct.append(clone(item))
    return distinct

"""Strategic merge patch (`application/strategic-merge-patch+json`), the apply half.

What kubectl sends by default for built-in types: a merge patch (objects merge, `null`
deletes) in which lists the type marks `patchStrategy: merge` merge too, by a key
(containers by `name`) or as sets (finalizers), plus directives:

- `$patch: replace` in an object replaces it; in a list element, replaces the list.
- `$patch: delete` in an object empties it; in a keyed list element, removes the
  elements with that key. `$patch: merge` is the default, accepted and ignored.
- `$setElementOrder/<list>`: the order the named elements must end up in.
- `$deleteFromPrimitiveList/<list>`: values to remove from a merged primitive list.
- `$retainKeys: [...]`: drop every member of the object not listed.

Semantics mirror k8s.io/apimachinery pkg/util/strategicpatch/patch.go (`mergeMap`,
`mergeSlice`, `mergePatchIntoOriginal`) with `MergeParallelList` and
`IgnoreUnmatchedNulls` on, as the apiserver calls it. Where upstream copies a patch
value verbatim into an absent field (leaving its directives in the object for the
decoder to drop), we apply it to an empty value instead, so directives never land in
stored objects.

Errors follow handlers/patch.go `interpretStrategicMergePatchError`: malformed
directives are 400 with mergepatch's messages; `lists of lists are not supported` is the
generic 422. Upstream answers several other malformed patches with a bare 500 (an
unknown `$patch` value, an element without its merge key, a `$setElementOrder` that
contradicts its list); those are 400 here, with the same messages, and a live list that
does not fit its schema is 422. A `$`-key that is no directive and no declared field of
a struct is rejected as an unknown directive (free-form maps keep such keys as data).
"""

from __future__ import annotations

from kcp.apimachinery.errors import BadRequestError
from kcp.apimachinery.patch import order
from kcp.apimachinery.patch.errors import PatchNotApplicableError
from kcp.apimachinery.patch.jsonvalue import (
    JSON,
    JSONObject,
    clone,
    clone_object,
    go_format,
    go_kind,
    json_equal,
)
from kcp.apimachinery.patch.schema import PatchSchema

__all__ = ["apply_strategic_merge_patch"]

DIRECTIVE = "$patch"
RETAIN_KEYS = "$retainKeys"
SET_ELEMENT_ORDER = "$setElementOrder"
DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList"

# k8s.io/apimachinery pkg/util/mergepatch/errors.go
BAD_PRIMITIVE_LIST = "invalid patch format of primitive list"
BAD_RETAIN_KEYS = "invalid patch format of retainKeys"
BAD_SET_ELEMENT_ORDER = "invalid patch format of setElementOrder list"
NO_LIST_OF_LISTS = "lists of lists are not supported"


def apply_strategic_merge_patch(
    original: JSONObject, patch: JSON, schema: PatchSchema
) -> JSONObject:
    """Apply `patch` to a copy of `original` as `schema` directs; return the copy."""
    if patch is None:  # Go unmarshals `null` into an empty map: nothing to do
        patch = {}
    if not isinstance(patch, dict):
        raise BadRequestError(
            f"json: cannot unmarshal {go_kind(patch)} into Go value of type "
            "map[string]interface {}"
        )
    try:
        return _merge_map(clone_object(original), patch, schema)
    except RecursionError as err:
        raise BadRequestError("strategic merge patch nesting is too deep") from err


def no_merge_key(item: JSON, merge_key: str) -> str:
    return f"map: {go_format(item)} does not contain declared merge key: {merge_key}"


def bad_patch_type(directive: JSON, item: JSONObject) -> str:
    return f"unknown patch type: {go_format(directive)} in map: {go_format(item)}"


def directive_target(key: str, prefix: str, malformed: str) -> str:
    """The field a parallel-list directive names: `$prefix/<field>`."""
    head, slash, name = key.partition("/")
    if head != prefix or not slash:
        raise BadRequestError(malformed)
    return name


def _merge_map(original: JSONObject, patch: JSONObject, schema: PatchSchema) -> JSONObject:
    """Merge `patch` into `original`, which this module owns and changes in place."""
    if DIRECTIVE in patch:
        directive = patch[DIRECTIVE]
        if directive == "delete":
            return {}
        rest = {key: value for key, value in patch.items() if key != DIRECTIVE}
        if directive == "replace":
            return _merge_map({}, rest, schema)
        if directive != "merge":
            raise BadRequestError(bad_patch_type(directive, patch))
        patch = rest
    _retain_keys(original, patch)
    done = _merge_ordered_lists(original, patch, schema)
    deletions: list[tuple[str, list[JSON]]] = []
    for key, value in patch.items():
        if key in done or key == RETAIN_KEYS:
            continue
        if key.startswith(DELETE_FROM_PRIMITIVE_LIST):
            name = directive_target(key, DELETE_FROM_PRIMITIVE_LIST, BAD_PRIMITIVE_LIST)
            if not isinstance(value, list):
                raise BadRequestError(BAD_PRIMITIVE_LIST)
            deletions.append((name, value))
            continue
        if key.startswith("$") and schema.is_struct and key not in schema.fields:
            raise BadRequestError(f'unknown strategic merge patch directive "{key}"')
        if value is None:
            original.pop(key, None)
        else:
            original[key] = _merge_value(original.get(key), value, schema.child(key))
    for name, doomed in deletions:
        current = original.get(name)
        if isinstance(current, list):
            original[name] = [v for v in current if not any(json_equal(v, d) for d in doomed)]
    return original


def _merge_value(current: JSON, value: JSON, schema: PatchSchema) -> JSON:
    """The new value of a member; `current` is owned, `value` comes from the patch."""
    if isinstance(value, dict):
        base = current if isinstance(current, dict) and not schema.is_atomic else {}
        return _merge_map(base, value, schema)
    if isinstance(value, list):
        if schema.is_merge_list:
            return _merge_list(current if isinstance(current, list) else [], value, schema)
        return clone(value)
    return value


def _retain_keys(original: JSONObject, patch: JSONObject) -> None:
    """patch.go applyRetainKeysDirective."""
    if RETAIN_KEYS not in patch:
        return
    keys = patch[RETAIN_KEYS]
    if not isinstance(keys, list) or not all(isinstance(key, str) for key in keys):
        raise BadRequestError(BAD_RETAIN_KEYS)
    retained = {key for key in keys if isinstance(key, str)}
    for key, value in patch.items():
        if value is None or key.startswith(
            (RETAIN_KEYS, SET_ELEMENT_ORDER, DELETE_FROM_PRIMITIVE_LIST)
        ):
            continue
        if key not in retained:
            raise BadRequestError(BAD_RETAIN_KEYS)
    for key in [key for key in original if key not in retained]:
        del original[key]


def _merge_ordered_lists(original: JSONObject, patch: JSONObject, schema: PatchSchema) -> set[str]:
    """patch.go mergePatchIntoOriginal: every `$setElementOrder/<list>` with its list.

    Returns the patch keys consumed, so the caller skips them.
    """
    done: set[str] = set()
    for key, wanted in patch.items():
        if not key.startswith(SET_ELEMENT_ORDER):
            continue
        done.add(key)
        name = directive_target(key, SET_ELEMENT_ORDER, BAD_SET_ELEMENT_ORDER)
        if not isinstance(wanted, list):
            raise BadRequestError(BAD_SET_ELEMENT_ORDER)
        field = schema.child(name)
        patch_list = patch.get(name)
        if not field.is_merge_list or (name in patch and patch_list is None):
            continue  # no order to keep: the list is replaced, or deleted, below
        if patch_list is not None and not isinstance(patch_list, list):
            raise BadRequestError(BAD_SET_ELEMENT_ORDER)
        _check_against_order(patch_list or [], wanted, field.merge_key)
        current = original.get(name)
        before = list(current) if isinstance(current, list) else []
        if patch_list is not None:
            merged = _merge_list(list(before), patch_list, field)
            done.add(name)
        elif isinstance(current, list):
            merged = current
        else:
            continue
        named, server_only = _partition_live(merged, wanted, field.merge_key)
        original[name] = order.normalize_order(named, server_only, wanted, before, field.merge_key)
    return done


def _check_against_order(patch_list: list[JSON], wanted: list[JSON], merge_key: str | None) -> None:
    """patch.go validatePatchWithSetOrderList: the patch list follows the order given."""
    if merge_key is not None:
        for entry in wanted:
            if not isinstance(entry, dict) or merge_key not in entry:
                raise BadRequestError(no_merge_key(entry, merge_key))
    if not wanted or not patch_list:
        return
    candidates = [
        item
        for item in patch_list
        if merge_key is None or not (isinstance(item, dict) and item.get(DIRECTIVE) == "delete")
    ]
    at = seen = 0
    while at < len(candidates) and seen < len(wanted):
        item = candidates[at]
        if isinstance(item, dict) and DIRECTIVE in item:
            at += 1
            continue
        found, identity = order.element_identity(item, merge_key)
        if not found:
            raise BadRequestError(no_merge_key(item, merge_key or ""))
        _, expected = order.element_identity(wanted[seen], merge_key)
        if json_equal(identity, expected):
            at += 1
        seen += 1
    if at < len(candidates):
        raise BadRequestError(
            f"The order in patch list:\n{go_format(patch_list)}\n doesn't match "
            f"{SET_ELEMENT_ORDER} list:\n{go_format(wanted)}\n"
        )


def _partition_live(
    items: list[JSON], named_by: list[JSON], merge_key: str | None
) -> tuple[list[JSON], list[JSON]]:
    if merge_key is not None:
        for item in items:
            if not isinstance(item, dict) or merge_key not in item:
                raise PatchNotApplicableError(no_merge_key(item, merge_key))
    return order.partition(items, named_by, merge_key)


def _merge_list(original: list[JSON], patch: list[JSON], schema: PatchSchema) -> list[JSON]:
    """patch.go mergeSlice: `original` is owned and may be reused for the result."""
    merge_key = schema.merge_key
    replace = False
    regular: list[JSON] = []
    for element in patch:
        if not (isinstance(element, dict) and DIRECTIVE in element):
            regular.append(element)
            continue
        directive = element[DIRECTIVE]
        if directive == "replace":
            replace = True
        elif directive == "delete":
            if merge_key is None or merge_key not in element:
                raise BadRequestError(no_merge_key(element, merge_key or ""))
            original = _without_key(original, merge_key, element[merge_key])
        elif directive != "merge":
            raise BadRequestError(bad_patch_type(directive, element))
    if replace:
        return [_fresh(element, schema.element()) for element in regular]
    if any(isinstance(item, list) for item in (*original, *regular)):
        raise PatchNotApplicableError(NO_LIST_OF_LISTS)
    before = list(original)
    if merge_key is None:
        merged = _union(original, regular)
    else:
        merged = _merge_keyed(original, regular, merge_key, schema.element())
    named, server_only = _partition_live(merged, regular, merge_key)
    return order.normalize_order(named, server_only, regular, before, merge_key)


def _fresh(element: JSON, schema: PatchSchema) -> JSON:
    return _merge_map({}, element, schema) if isinstance(element, dict) else clone(element)


def _without_key(items: list[JSON], merge_key: str, value: JSON) -> list[JSON]:
    kept: list[JSON] = []
    for item in items:
        if not isinstance(item, dict):
            raise PatchNotApplicableError(f"list element {go_format(item)} is not a map")
        if not (merge_key in item and json_equal(item[merge_key], value)):
            kept.append(item)
    return kept


def _union(original: list[JSON], additions: list[JSON]) -> list[JSON]:
    """A set union keeping first occurrences (patch.go deduplicateScalars)."""
    merged: list[JSON] = []
    seen: set[object] = set()
    others: list[JSON] = []
    for item in (*original, *(clone(item) for item in additions)):
        key = order.hashable(item)
        if key is None:
            if any(json_equal(item, other) for other in others):
                continue
            others.append(item)
        elif key in seen:
            continue
        else:
            seen.add(key)
        merged.append(item)
    return merged


def _merge_keyed(
    original: list[JSON], patch: list[JSON], merge_key: str, element: PatchSchema
) -> list[JSON]:
    """patch.go mergeSliceWithoutSpecialElements: merge or append each patch element."""
    for item in original:
        if not isinstance(item, dict):
            raise PatchNotApplicableError(f"list element {go_format(item)} is not a map")
    for item in patch:
        if not isinstance(item, dict) or merge_key not in item:
            raise BadRequestError(no_merge_key(item, merge_key))
        at = next(
            (
                position
                for position, live in enumerate(original)
                if isinstance(live, dict)
                and merge_key in live
                and json_equal(live[merge_key], item[merge_key])
            ),
            -1,
        )
        if at >= 0:
            live = original[at]
            assert isinstance(live, dict)
            original[at] = _merge_map(live, item, element)
        else:
            original.append(_merge_map({}, item, element))
    return original

"""RFC 7386 JSON Merge Patch (`application/merge-patch+json`) and its inverse.

`apply_merge_patch(target, patch)` is the RFC's MergePatch function on any JSON values:
objects merge key by key, `null` removes a key, everything else (lists included)
replaces. `create_merge_patch(original, modified)` computes a patch that turns one
object into the other (evanphx/json-patch `CreateMergePatch`); controllers use it to
send minimal updates. A merge patch cannot set a member to `null`, so the round trip
holds for documents whose objects hold no `null` members.

`apply_merge_patch_to_object` is the apiserver's flavour, for PATCH on a stored object
(handlers/patch.go `applyJSPatch`, json-patch v4 `MergePatch`): a `null`, string,
number or boolean body is `Invalid JSON Patch` (400); a list body yields a list, which
cannot decode into an object (422 Invalid on field `patch`).

Neither input is ever mutated, and the result shares no container with them.
"""

from __future__ import annotations

import json

from kcp.apimachinery.errors import BadRequestError, FieldError, GroupKind, InvalidError
from kcp.apimachinery.patch.jsonvalue import JSON, JSONObject, clone, json_equal

__all__ = ["apply_merge_patch", "apply_merge_patch_to_object", "create_merge_patch"]

# json-patch's errBadJSONPatch, which handlers/patch.go turns into a 400.
_BAD_PATCH = "Invalid JSON Patch"


def apply_merge_patch(target: JSON, patch: JSON) -> JSON:
    """RFC 7386 section 2 MergePatch(target, patch)."""
    try:
        return _merge(clone(target), patch)
    except RecursionError as err:
        raise BadRequestError("merge patch nesting is too deep") from err


def apply_merge_patch_to_object(obj: JSONObject, patch: JSON) -> JSONObject:
    """A merge patch on a stored object, with the apiserver's 400 and 422 cases."""
    if isinstance(patch, list):
        rendered = json.dumps(patch, separators=(",", ":"))
        detail = "json: cannot unmarshal array into Go value of type map[string]interface {}"
        raise InvalidError(GroupKind("", ""), "", [FieldError.invalid("patch", rendered, detail)])
    if not isinstance(patch, dict):
        raise BadRequestError(_BAD_PATCH)
    result = apply_merge_patch(obj, patch)
    assert isinstance(result, dict)
    return result


def create_merge_patch(original: JSON, modified: JSON) -> JSON:
    """A merge patch that turns `original` into `modified`.

    Between two objects it is the recursive difference: changed and added members,
    `null` for removed ones, nothing for equal ones. Otherwise the patch is `modified`
    itself, which RFC 7386 applies as a wholesale replacement.
    """
    try:
        if isinstance(original, dict) and isinstance(modified, dict):
            return _diff(original, modified)
        return clone(modified)
    except RecursionError as err:
        raise BadRequestError("merge patch nesting is too deep") from err


def _merge(target: JSON, patch: JSON) -> JSON:
    """MergePatch on a `target` this module owns (it is changed in place)."""
    if not isinstance(patch, dict):
        return clone(patch)
    result: JSONObject = target if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = _merge(result.get(key), value)
    return result


def _diff(original: JSONObject, modified: JSONObject) -> JSONObject:
    patch: JSONObject = {}
    for key, new in modified.items():
        if key not in original:
            patch[key] = clone(new)
            continue
        old = original[key]
        if isinstance(old, dict) and isinstance(new, dict):
            nested = _diff(old, new)
            if nested:
                patch[key] = nested
        elif not json_equal(old, new):
            patch[key] = clone(new)
    for key in original:
        if key not in modified:
            patch[key] = None
    return patch

"""Strategic-merge patch metadata derived from the generated OpenAPI schemas.

Upstream's server reads patch metadata from Go struct tags; kubectl reads the same from
the OpenAPI extensions `x-kubernetes-patch-strategy` / `x-kubernetes-patch-merge-key`
that the generator copied from those tags. This turns a kind's schema into the
`PatchSchema` tree of kcp.apimachinery.patch.schema:

- an object with `properties` -> `struct(...)`, one entry per field;
- an object with `additionalProperties` -> `map_of(values)`;
- an array whose strategy includes `merge` -> `merge_list(key, items)` (a set of
  primitives without a key); `retainKeys` in the strategy sets `retain_keys`;
- `retainKeys` on an object -> `struct(..., retain_keys=True)`;
- anything else (scalars, arrays without `merge`, free-form values) -> `FREE_FORM`:
  maps merge recursively, lists are replaced.

Recursive types (apiextensions JSONSchemaProps) stop at their second occurrence as
`FREE_FORM`; none of them carries patch metadata.
"""

from __future__ import annotations

import functools

from kcp.apimachinery.patch.schema import FREE_FORM, PatchSchema, map_of, merge_list, struct
from kcp.apimachinery.schema import GroupVersionKind
from kcp.apimachinery.unstructured import Object
from kcp.registry.builtin.openapi import data

__all__ = ["patch_schema_for"]

STRATEGY = "x-kubernetes-patch-strategy"
MERGE_KEY = "x-kubernetes-patch-merge-key"


@functools.cache
def patch_schema_for(gvk: GroupVersionKind) -> PatchSchema:
    """The strategic-merge metadata of a built-in kind.

    Raises KeyError for a kind without generated data (add it to
    hack/openapi-gen/kinds.go and run hack/gen-openapi.sh).
    """
    name = data.name_for(gvk)
    if name is None:
        raise KeyError(
            f"no generated OpenAPI schema for {gvk.api_version}, Kind={gvk.kind}: add it to "
            "hack/openapi-gen/kinds.go and run hack/gen-openapi.sh"
        )
    return _derive(data.ref(name), ())


def _derive(node: Object, seen: tuple[str, ...]) -> PatchSchema:
    strategies = str(node.get(STRATEGY, "")).split(",")
    retain_keys = "retainKeys" in strategies
    name = data.ref_name(node)
    if name is not None:
        if name in seen:
            return FREE_FORM
        seen = (*seen, name)
    schema = data.resolve(node)
    if schema.get("type") == "array":
        if "merge" not in strategies:
            return FREE_FORM
        key = node.get(MERGE_KEY)
        items = schema.get("items")
        element = _derive(items, seen) if key and isinstance(items, dict) else None
        return merge_list(key, element, retain_keys=retain_keys)
    properties = schema.get("properties")
    if isinstance(properties, dict):
        fields = {field: _derive(sub, seen) for field, sub in properties.items()}
        return struct(fields, retain_keys=retain_keys)
    values = schema.get("additionalProperties")
    if isinstance(values, dict):
        value_schema = _derive(values, seen)
        return map_of() if value_schema is FREE_FORM else map_of(value_schema)
    return FREE_FORM

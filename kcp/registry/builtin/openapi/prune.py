"""Unknown fields of built-in objects: drop them, and say where they were.

A built-in object is decoded into its Go struct upstream, so a field the struct does
not have never reaches storage; strict decoding (sigs.k8s.io/json, and apimachinery's
unstructured converter for patches) reports each as `unknown field "<path>"`, the
path built of the JSON keys joined by `.` and list indexes as `[i]`: `spec`,
`metadata.foo`, `rules[0].verbz` (never `data.key`: a map takes any key).

Here the generated schema plays the struct. An object schema with `properties` is a
struct and keeps only those; `additionalProperties` is a map; schemas without a type
(apiextensions JSON), with `oneOf` (Quantity, IntOrString) or marked
`x-kubernetes-preserve-unknown-fields` (RawExtension, FieldsV1) keep whatever they
hold, as the Go types that decode themselves do. A value of the wrong JSON type is
left alone: that is validation's business, not pruning's.
"""

from __future__ import annotations

from kcp.apimachinery.schema import GroupVersionKind
from kcp.apimachinery.unstructured import JSON, Object
from kcp.registry.builtin.openapi import data

__all__ = ["has_schema", "prune_and_find_unknown"]

PRESERVE = "x-kubernetes-preserve-unknown-fields"


def has_schema(gvk: GroupVersionKind) -> bool:
    return data.name_for(gvk) is not None


def prune_and_find_unknown(obj: Object, gvk: GroupVersionKind) -> tuple[Object, list[str]]:
    """A copy of `obj` without the fields its kind does not have, and their paths.

    Paths are in document order, as upstream's JSON decoder reports them. An object of
    a kind without generated data is returned as is, with no unknown fields.
    """
    name = data.name_for(gvk)
    if name is None:
        return obj, []
    unknown: list[str] = []
    pruned = _prune(obj, data.ref(name), "", unknown)
    assert isinstance(pruned, dict)
    return pruned, unknown


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _prune(value: JSON, node: Object, path: str, unknown: list[str]) -> JSON:
    schema = data.resolve(node)
    if schema.get(PRESERVE):
        return value
    if isinstance(value, dict):
        properties = schema.get("properties")
        values = schema.get("additionalProperties")
        if isinstance(values, dict):
            return {k: _prune(v, values, _join(path, k), unknown) for k, v in value.items()}
        if schema.get("type") != "object":
            return value
        known = properties if isinstance(properties, dict) else {}
        result: Object = {}
        for key, member in value.items():
            field = known.get(key)
            if field is None:
                unknown.append(_join(path, key))
            else:
                result[key] = _prune(member, field, _join(path, key), unknown)
        return result
    if isinstance(value, list):
        items = schema.get("items")
        if schema.get("type") != "array" or not isinstance(items, dict):
            return value
        return [_prune(item, items, f"{path}[{i}]", unknown) for i, item in enumerate(value)]
    return value

"""Patch metadata: what a strategic merge patch needs to know about a type.

Upstream reads it from Go struct tags (`patchStrategy:"merge" patchMergeKey:"name"`)
or from the OpenAPI extensions `x-kubernetes-patch-strategy` and
`x-kubernetes-patch-merge-key`. Here it is a small tree of `PatchSchema` nodes, one per
field that needs more than the default, built with four helpers:

    POD_SPEC = struct(
        containers=merge_list("name", struct(env=merge_list("name"))),
        volumes=merge_list("name", retain_keys=True),
    )
    DEPLOYMENT = object_schema(spec=struct(template=struct(spec=POD_SPEC)))

- `struct(...)`: an object with known fields. A field not listed is free-form.
- `map_of(values)`: an object of arbitrary keys (labels, annotations, ConfigMap data),
  every value following `values` (free-form when omitted).
- `merge_list(key, items)`: `patchStrategy: merge`. With a key, a list of objects merged
  element by element on that key; without, a list of primitives merged as a set.
- `ATOMIC`: `patchStrategy: replace`; the patch value replaces the whole field.

Defaults, as upstream: objects merge recursively (a `null` member deletes), every list
without `merge` is replaced wholesale, scalars are replaced. `FREE_FORM` is that default
spelled out. `retain_keys` marks `patchStrategy: retainKeys`; applying honours a
`$retainKeys` directive wherever it appears, the flag only tells a diff to emit one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

__all__ = [
    "ATOMIC",
    "FREE_FORM",
    "OBJECT_META_SCHEMA",
    "PatchSchema",
    "map_of",
    "merge_list",
    "object_schema",
    "struct",
]

SchemaKind = Literal["struct", "map", "list", "atomic"]


@dataclass(frozen=True, slots=True)
class PatchSchema:
    """One node of patch metadata; build it with the helpers below."""

    kind: SchemaKind
    fields: Mapping[str, PatchSchema] = field(default_factory=dict)
    values: PatchSchema | None = None
    merge_key: str | None = None
    items: PatchSchema | None = None
    retain_keys: bool = False

    def child(self, name: str) -> PatchSchema:
        """The schema of member `name` of an object described by this node."""
        if self.kind == "struct":
            return self.fields.get(name, FREE_FORM)
        if self.kind == "map" and self.values is not None:
            return self.values
        return FREE_FORM

    def element(self) -> PatchSchema:
        """The schema of one element of a list described by this node."""
        return self.items if self.items is not None else FREE_FORM

    @property
    def is_merge_list(self) -> bool:
        return self.kind == "list"

    @property
    def is_struct(self) -> bool:
        return self.kind == "struct"

    @property
    def is_atomic(self) -> bool:
        return self.kind == "atomic"


FREE_FORM = PatchSchema("map")
ATOMIC = PatchSchema("atomic")


def struct(
    fields: Mapping[str, PatchSchema] | None = None,
    /,
    *,
    retain_keys: bool = False,
    **named: PatchSchema,
) -> PatchSchema:
    """An object with known fields; pass names that are not identifiers in `fields`."""
    merged = {**(fields or {}), **named}
    return PatchSchema("struct", MappingProxyType(merged), retain_keys=retain_keys)


def map_of(values: PatchSchema | None = None) -> PatchSchema:
    """An object of arbitrary keys whose values all follow `values`."""
    return PatchSchema("map", values=values)


def merge_list(
    merge_key: str | None = None,
    items: PatchSchema | None = None,
    *,
    retain_keys: bool = False,
) -> PatchSchema:
    """`patchStrategy: merge` (plus `retainKeys` on the elements when asked)."""
    return PatchSchema("list", merge_key=merge_key, items=items, retain_keys=retain_keys)


# k8s.io/apimachinery pkg/apis/meta/v1 ObjectMeta: its only strategic fields.
OBJECT_META_SCHEMA = struct(
    labels=map_of(),
    annotations=map_of(),
    finalizers=merge_list(),
    ownerReferences=merge_list("uid"),
    managedFields=ATOMIC,
)


def object_schema(
    fields: Mapping[str, PatchSchema] | None = None, /, **named: PatchSchema
) -> PatchSchema:
    """A top-level API type: `metadata` is ObjectMeta, the rest as given."""
    return struct({"metadata": OBJECT_META_SCHEMA, **(fields or {}), **named})

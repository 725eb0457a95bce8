"""OpenAPI v3 schemas of the built-in kinds, and what follows from them.

The data is generated from upstream's Go types by hack/gen-openapi.sh and committed
here as JSON (`<group or core>_<version>.json`, `apimachinery.json`,
`parameters.json`); nothing at run time needs Go. On top of it:

- `schema_for(gvk)`: a kind's component schema (what OpenAPI documents serve and
  `kubectl explain` renders);
- `patch_schema_for(gvk)`: its strategic-merge metadata, from the
  `x-kubernetes-patch-*` extensions;
- `prune_and_find_unknown(obj, gvk)`: upstream's decoding of built-ins, which drops
  unknown fields and (for field validation) names them.
"""

from __future__ import annotations

from kcp.apimachinery.schema import GroupVersionKind
from kcp.apimachinery.unstructured import Object
from kcp.registry.builtin.openapi import data
from kcp.registry.builtin.openapi.patchschema import patch_schema_for
from kcp.registry.builtin.openapi.prune import has_schema, prune_and_find_unknown

__all__ = [
    "has_schema",
    "patch_schema_for",
    "prune_and_find_unknown",
    "schema_for",
    "schema_name_for",
]


def schema_name_for(gvk: GroupVersionKind) -> str | None:
    """Upstream's component name of a kind or list kind (`io.k8s.api.core.v1.ConfigMap`)."""
    return data.name_for(gvk)


def schema_for(gvk: GroupVersionKind) -> Object | None:
    """The component schema of a built-in kind or list kind; None when none was generated.

    The result is shared: copy it before changing it.
    """
    name = data.name_for(gvk)
    return None if name is None else data.schemas()[name]

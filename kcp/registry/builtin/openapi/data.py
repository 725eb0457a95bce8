"""The generated OpenAPI v3 data of the built-in kinds: loading, lookup, references.

The JSON files next to this module are written by `hack/gen-openapi.sh` (a Go program
reflecting over k8s.io/api and friends; never edited by hand). Every file holds
`components.schemas` entries under upstream's names (`io.k8s.api.core.v1.ConfigMap`),
one name space for all of them, so a schema in one file may reference one in another
(events.k8s.io/v1 Event -> core/v1 ObjectReference, everything -> meta/v1).
`parameters.json` describes the query parameters (meta/v1 *Options fields).

Loaded once, lazily, on first use; the values are shared and must not be mutated.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from importlib import resources

import orjson

from kcp.apimachinery.schema import GroupVersionKind
from kcp.apimachinery.unstructured import JSON, Object

__all__ = [
    "REF_PREFIX",
    "closure",
    "name_for",
    "parameters",
    "ref",
    "ref_name",
    "references",
    "resolve",
    "schemas",
]

REF_PREFIX = "#/components/schemas/"
_PARAMETERS_FILE = "parameters.json"


def _files() -> Iterable[tuple[str, bytes]]:
    package = resources.files(__package__)
    for entry in package.iterdir():
        if entry.name.endswith(".json"):
            yield entry.name, entry.read_bytes()


@functools.cache
def _load() -> tuple[Mapping[str, Object], Mapping[str, Object]]:
    all_schemas: dict[str, Object] = {}
    params: Mapping[str, Object] = {}
    for name, raw in sorted(_files()):
        document = orjson.loads(raw)
        if name == _PARAMETERS_FILE:
            params = document["parameters"]
        else:
            all_schemas.update(document["components"]["schemas"])
    return all_schemas, params


def schemas() -> Mapping[str, Object]:
    """Every generated component schema by name."""
    return _load()[0]


def parameters() -> Mapping[str, Object]:
    """Query parameters by options type, then name: `{"type": ..., "description": ...}`."""
    return _load()[1]


@functools.cache
def _gvk_index() -> Mapping[GroupVersionKind, str]:
    index: dict[GroupVersionKind, str] = {}
    for name, schema in schemas().items():
        for gvk in schema.get("x-kubernetes-group-version-kind", ()):
            key = GroupVersionKind(gvk["group"], gvk["version"], gvk["kind"])
            # meta/v1 DeleteOptions and WatchEvent are registered in every group-version.
            index.setdefault(key, name)
    return index


def name_for(gvk: GroupVersionKind) -> str | None:
    """The component name of a kind (or list kind); None when no data was generated."""
    return _gvk_index().get(gvk)


def ref(name: str) -> Object:
    return {"$ref": REF_PREFIX + name}


def ref_name(schema: Object) -> str | None:
    """The component a schema node points at: `$ref`, or upstream's `allOf: [{$ref}]`."""
    target = schema.get("$ref")
    if target is None:
        all_of = schema.get("allOf")
        if isinstance(all_of, list) and len(all_of) == 1 and isinstance(all_of[0], dict):
            target = all_of[0].get("$ref")
    if isinstance(target, str) and target.startswith(REF_PREFIX):
        return target[len(REF_PREFIX) :]
    return None


def resolve(schema: Object) -> Object:
    """The schema a node stands for, following a reference to a generated component."""
    name = ref_name(schema)
    if name is None:
        return schema
    return schemas().get(name, {})


def _references(node: JSON, found: list[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(REF_PREFIX):
                found.append(value[len(REF_PREFIX) :])
            else:
                _references(value, found)
    elif isinstance(node, list):
        for item in node:
            _references(item, found)


def references(node: JSON) -> list[str]:
    """The component names referenced anywhere in a JSON value (schema, path item)."""
    found: list[str] = []
    _references(node, found)
    return found


def closure(roots: Iterable[str], extra: Mapping[str, Object] | None = None) -> dict[str, Object]:
    """The named schemas and every schema they reach, by name, in a stable order.

    `extra` holds schemas that are not generated (custom kinds) and wins over the data.
    """
    known = {**schemas(), **(extra or {})}
    result: dict[str, Object] = {}
    pending = list(roots)
    while pending:
        name = pending.pop()
        if name in result or name not in known:
            continue
        result[name] = known[name]
        pending.extend(references(known[name]))
    return dict(sorted(result.items()))

"""Test data for the patch tests: two patch schemas, hypothesis strategies for JSON values
and patch documents (valid or not), and a check that two values share no container."""

from __future__ import annotations

from hypothesis import strategies as st

from kcp.apimachinery.patch import (
    ATOMIC,
    OBJECT_META_SCHEMA,
    map_of,
    merge_list,
    object_schema,
    struct,
)
from kcp.apimachinery.patch.jsonvalue import JSON

KEYS = st.sampled_from(["a", "b", "c", "name", "items", "tags", "spec", "x/y", "~", ""]) | st.text(
    max_size=3
)

NON_NULL_SCALARS: st.SearchStrategy[JSON] = (
    st.booleans()
    | st.integers(min_value=-3, max_value=3)
    | st.floats(allow_nan=False, allow_infinity=False, width=32)
    | st.text(max_size=4)
)
SCALARS: st.SearchStrategy[JSON] = st.none() | NON_NULL_SCALARS

JSON_VALUES: st.SearchStrategy[JSON] = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=4),
    max_leaves=16,
)
JSON_OBJECTS: st.SearchStrategy[dict[str, JSON]] = st.dictionaries(KEYS, JSON_VALUES, max_size=5)

# Objects whose members are never null (a merge patch cannot express a null member).
NULL_FREE_VALUES: st.SearchStrategy[JSON] = st.recursive(
    NON_NULL_SCALARS,
    lambda children: (
        st.lists(children | st.none(), max_size=4) | st.dictionaries(KEYS, children, max_size=4)
    ),
    max_leaves=16,
)
NULL_FREE_OBJECTS: st.SearchStrategy[dict[str, JSON]] = st.dictionaries(
    KEYS, NULL_FREE_VALUES, max_size=5
)

_SEGMENTS = st.sampled_from(["a", "b", "c", "0", "1", "2", "-", "01", "~0", "~1", "~2", "x"])
POINTERS: st.SearchStrategy[str] = st.lists(_SEGMENTS, max_size=3).map(
    lambda parts: "".join("/" + part for part in parts)
) | st.sampled_from(["a", "/", "//", "/~", "a/b"])

_OP_NAMES = st.sampled_from(["add", "remove", "replace", "move", "copy", "test"])
_OPERATIONS: st.SearchStrategy[JSON] = st.fixed_dictionaries(
    {"op": _OP_NAMES, "path": POINTERS},
    optional={"from": POINTERS, "value": JSON_VALUES},
)
_JUNK_OPERATIONS: st.SearchStrategy[JSON] = st.fixed_dictionaries(
    {},
    optional={
        "op": _OP_NAMES | SCALARS,
        "path": POINTERS | SCALARS,
        "from": POINTERS | SCALARS,
        "value": JSON_VALUES,
    },
)
JSON_PATCHES: st.SearchStrategy[JSON] = st.one_of(
    st.lists(_OPERATIONS, max_size=5),
    st.lists(_OPERATIONS | _JUNK_OPERATIONS | JSON_VALUES, max_size=3),
    JSON_VALUES,
)

# Strategic merge patches: directive keys and values are likely, not just possible.
_SMP_KEYS = st.sampled_from(
    [
        "name",
        "items",
        "tags",
        "spec",
        "strategy",
        "fixed",
        "labels",
        "metadata",
        "finalizers",
        "a",
        "$patch",
        "$retainKeys",
        "$setElementOrder/items",
        "$setElementOrder/tags",
        "$setElementOrder/a",
        "$deleteFromPrimitiveList/tags",
        "$deleteFromPrimitiveList",
        "$bogus",
    ]
)
_SMP_SCALARS = SCALARS | st.sampled_from(["replace", "delete", "merge", "x", "y"])
SMP_VALUES: st.SearchStrategy[JSON] = st.recursive(
    _SMP_SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(_SMP_KEYS, children, max_size=4)
    ),
    max_leaves=20,
)
SMP_OBJECTS: st.SearchStrategy[dict[str, JSON]] = st.dictionaries(_SMP_KEYS, SMP_VALUES, max_size=5)
SMP_PATCHES: st.SearchStrategy[JSON] = st.one_of(SMP_OBJECTS, SMP_OBJECTS, SMP_OBJECTS, SMP_VALUES)


def container_ids(value: JSON) -> set[int]:
    """The ids of every dict and list inside `value`, itself included."""
    if isinstance(value, dict):
        return {id(value)}.union(*(container_ids(item) for item in value.values()))
    if isinstance(value, list):
        return {id(value)}.union(*(container_ids(item) for item in value))
    return set()


# The strategic fields of apps/v1 Deployment that the tests touch (k8s.io/api tags).
CONTAINER = struct(
    env=merge_list("name"),
    ports=merge_list("containerPort"),
    volumeMounts=merge_list("mountPath"),
)
POD_SPEC = struct(
    containers=merge_list("name", CONTAINER),
    initContainers=merge_list("name", CONTAINER),
    volumes=merge_list("name", retain_keys=True),
)
DEPLOYMENT = object_schema(
    spec=struct(
        strategy=struct(retain_keys=True),
        template=struct(metadata=OBJECT_META_SCHEMA, spec=POD_SPEC),
    )
)

# A small type for directive tables: keyed list `items`, set `tags`, atomic `fixed`.
WIDGET = object_schema(
    items=merge_list("name", struct(tags=merge_list())),
    tags=merge_list(),
    spec=struct(strategy=struct(retain_keys=True), fixed=ATOMIC, labels=map_of()),
)

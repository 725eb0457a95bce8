"""meta.k8s.io/v1 Table responses, as `kubectl get` asks for them.

Rows carry the cells a real cluster prints (NAME first, AGE last) and, per
`includeObject`, a PartialObjectMetadata (the default), the whole object, or nothing.
Ages are rendered with upstream's `duration.HumanDuration` rules, so `kubectl get`
output reads exactly as against kube-apiserver.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from kcp.apimachinery.unstructured import JSON, Object

__all__ = [
    "AGE_DESCRIPTION",
    "NAME_DESCRIPTION",
    "IncludeObject",
    "TableColumn",
    "build_table",
    "human_duration",
    "partial_object_metadata",
]

IncludeObject = Literal["None", "Metadata", "Object"]

NAME_DESCRIPTION = (
    "Name must be unique within a namespace. Is required when creating resources, although "
    "some resources may allow a client to request the generation of an appropriate name "
    "automatically. Name is primarily intended for creation idempotence and configuration "
    "definition. Cannot be updated. More info: "
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names"
)
AGE_DESCRIPTION = (
    "CreationTimestamp is a timestamp representing the server time when this object was "
    "created. It is not guaranteed to be set in happens-before order across separate "
    "operations. Clients may not set this value. It is represented in RFC3339 form and is in "
    "UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: "
    "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"
)


@dataclass(frozen=True, slots=True)
class TableColumn:
    name: str
    type: str
    cell: Callable[[Object], JSON]
    format: str = ""
    description: str = ""
    priority: int = 0


def human_duration(seconds: float) -> str:
    """Upstream's k8s.io/apimachinery/pkg/util/duration.HumanDuration."""
    whole = int(seconds)
    if whole < -1:
        return "<invalid>"
    if whole < 0:
        return "0s"
    if whole < 120:
        return f"{whole}s"
    minutes = whole // 60
    if minutes < 10:
        rest = whole % 60
        return f"{minutes}m" if rest == 0 else f"{minutes}m{rest}s"
    if minutes < 180:
        return f"{minutes}m"
    hours = whole // 3600
    if hours < 8:
        rest = minutes % 60
        return f"{hours}h" if rest == 0 else f"{hours}h{rest}m"
    if hours < 48:
        return f"{hours}h"
    if hours < 24 * 8:
        rest = hours % 24
        return f"{hours // 24}d" if rest == 0 else f"{hours // 24}d{rest}h"
    if hours < 24 * 365 * 2:
        return f"{hours // 24}d"
    if hours < 24 * 365 * 8:
        days = (hours // 24) % 365
        years = hours // 24 // 365
        return f"{years}y" if days == 0 else f"{years}y{days}d"
    return f"{hours // 24 // 365}y"


def age(obj: Object, now: datetime.datetime | None = None) -> str:
    stamp = obj.get("metadata", {}).get("creationTimestamp")
    if not isinstance(stamp, str) or not stamp:
        return "<unknown>"
    try:
        created = datetime.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return "<unknown>"
    now = now or datetime.datetime.now(datetime.UTC)
    return human_duration((now - created).total_seconds())


def partial_object_metadata(obj: Object) -> Object:
    return {
        "kind": "PartialObjectMetadata",
        "apiVersion": "meta.k8s.io/v1",
        "metadata": obj.get("metadata", {}),
    }


def _name(obj: Object) -> JSON:
    return obj.get("metadata", {}).get("name", "")


def build_table(
    objects: Sequence[Object],
    columns: Sequence[TableColumn],
    *,
    list_metadata: Object | None = None,
    include_object: IncludeObject = "Metadata",
    framed: bool = True,
) -> Object:
    """A Table of `objects`: NAME, the given columns, then AGE (or `columns` alone)."""
    all_columns = (
        [
            TableColumn("Name", "string", _name, "name", NAME_DESCRIPTION),
            *columns,
            TableColumn("Age", "string", age, "", AGE_DESCRIPTION),
        ]
        if framed
        else list(columns)
    )
    rows = []
    for obj in objects:
        row: Object = {"cells": [column.cell(obj) for column in all_columns]}
        if include_object == "Metadata":
            row["object"] = partial_object_metadata(obj)
        elif include_object == "Object":
            row["object"] = obj
        rows.append(row)
    return {
        "kind": "Table",
        "apiVersion": "meta.k8s.io/v1",
        "metadata": dict(list_metadata or {}),
        "columnDefinitions": [
            {
                "name": c.name,
                "type": c.type,
                "format": c.format,
                "description": c.description,
                "priority": c.priority,
            }
            for c in all_columns
        ],
        "rows": rows,
    }

"""The options of list, watch and delete, already parsed and checked by the edge."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kcp.apimachinery.fields import FieldSelector
from kcp.apimachinery.labels import LabelSelector

__all__ = [
    "DeleteOptions",
    "ListOptions",
    "Preconditions",
    "PropagationPolicy",
    "ResourceVersionMatch",
]

ResourceVersionMatch = Literal["", "NotOlderThan", "Exact"]
PropagationPolicy = Literal["", "Orphan", "Background", "Foreground"]


@dataclass(frozen=True, slots=True)
class ListOptions:
    label_selector: LabelSelector | None = None
    field_selector: FieldSelector | None = None
    resource_version: str = ""
    resource_version_match: ResourceVersionMatch = ""
    limit: int = 0
    continue_token: str = ""
    # watch only
    allow_bookmarks: bool = False
    send_initial_events: bool | None = None
    timeout_seconds: int | None = None


@dataclass(frozen=True, slots=True)
class Preconditions:
    uid: str | None = None
    resource_version: str | None = None


@dataclass(frozen=True, slots=True)
class DeleteOptions:
    preconditions: Preconditions = Preconditions()
    propagation_policy: PropagationPolicy = ""
    grace_period_seconds: int | None = None

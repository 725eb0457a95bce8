"""The catalogue: which resources a logical cluster serves, and how to find them.

Today every logical cluster serves the built-ins; per-cluster CRDs and APIs bound from
providers join the catalogue with their own issues, which is why lookups take the
logical cluster already.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kcp.apimachinery.schema import GroupVersion
from kcp.logicalcluster import LogicalClusterName
from kcp.registry.builtin import core
from kcp.registry.resource import ResourceDefinition

__all__ = ["BUILTIN_DEFINITIONS", "Catalogue"]

BUILTIN_DEFINITIONS: tuple[ResourceDefinition, ...] = core.DEFINITIONS


@dataclass
class Catalogue:
    definitions: tuple[ResourceDefinition, ...] = BUILTIN_DEFINITIONS
    _by_gvr: dict[tuple[str, str, str], ResourceDefinition] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_gvr = {(d.group, d.version, d.resource): d for d in self.definitions}

    def lookup(
        self, cluster: LogicalClusterName, group: str, version: str, resource: str
    ) -> ResourceDefinition | None:
        return self._by_gvr.get((group, version, resource))

    def served(self, cluster: LogicalClusterName) -> Iterable[ResourceDefinition]:
        return self.definitions

    def group_versions(self, cluster: LogicalClusterName) -> list[GroupVersion]:
        """Every served group-version, core first, in a stable order."""
        seen: dict[GroupVersion, None] = {}
        for definition in self.served(cluster):
            seen.setdefault(GroupVersion(definition.group, definition.version), None)
        return list(seen)

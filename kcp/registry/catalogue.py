"""The catalogue: which resources a logical cluster serves, and how to find them.

Today every logical cluster serves the built-ins; per-cluster CRDs and APIs bound from
providers join the catalogue with their own issues, which is why lookups take the
logical cluster already.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field

from kcp.apimachinery.schema import GroupVersion
from kcp.logicalcluster import LogicalClusterName
from kcp.registry.builtin import (
    admissionregistration,
    apiextensions,
    certificates,
    coordination,
    core,
    events,
    openapi,
    rbac,
)
from kcp.registry.resource import ResourceDefinition

__all__ = ["BUILTIN_DEFINITIONS", "Catalogue"]


def _with_generated_patch_schema(definition: ResourceDefinition) -> ResourceDefinition:
    """A built-in's strategic-merge metadata, from the OpenAPI data generated off its Go type."""
    return dataclasses.replace(definition, patch_schema=openapi.patch_schema_for(definition.gvk))


# Groups in kube-apiserver's discovery order.
BUILTIN_DEFINITIONS: tuple[ResourceDefinition, ...] = tuple(
    _with_generated_patch_schema(d)
    for d in (
        *core.DEFINITIONS,
        *events.DEFINITIONS,
        *certificates.DEFINITIONS,
        *rbac.DEFINITIONS,
        *admissionregistration.DEFINITIONS,
        *apiextensions.DEFINITIONS,
        *coordination.DEFINITIONS,
    )
)


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

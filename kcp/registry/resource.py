"""`ResourceDefinition`: everything the server knows about one served resource.

One declaration per type (its kind, scope, names, verbs, strategy, table columns,
strategic-merge schema) is enough for the generic Store, discovery, OpenAPI and the
handlers to serve it. Built-in types declare theirs in `kcp.registry.builtin`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kcp.apimachinery.errors import GroupKind, GroupResource
from kcp.apimachinery.patch.schema import PatchSchema, object_schema
from kcp.apimachinery.schema import GroupVersionKind, GroupVersionResource
from kcp.apimachinery.table import TableColumn
from kcp.registry.strategy import NameValidator, Strategy
from kcp.storage.keys import ResourceKeys

__all__ = ["ALL_VERBS", "ResourceDefinition"]

OBJECT_SCHEMA = object_schema()
ALL_VERBS = ("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch")


@dataclass(frozen=True, slots=True)
class ResourceDefinition:
    group: str
    version: str
    resource: str
    kind: str
    singular: str
    namespaced: bool
    strategy: Strategy
    name_validator: NameValidator
    short_names: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ALL_VERBS
    subresources: tuple[str, ...] = ()
    # Columns after NAME and before AGE (kubectl's default printer layout).
    columns: tuple[TableColumn, ...] = ()
    # A complete column layout for types whose upstream printer does not follow the
    # NAME ... AGE frame (events, CSRs, RBAC, CRDs); used as is when set.
    table_layout: tuple[TableColumn, ...] | None = None
    # DELETE answers with the object (namespaces) rather than a Status.
    return_deleted_object: bool = False
    # Patch metadata for strategic merge patch; None answers it with 415, as upstream
    # does for custom resources.
    patch_schema: PatchSchema | None = OBJECT_SCHEMA
    extra: dict[str, object] = field(default_factory=dict, compare=False)

    @property
    def api_version(self) -> str:
        return f"{self.group}/{self.version}" if self.group else self.version

    @property
    def list_kind(self) -> str:
        return f"{self.kind}List"

    @property
    def gvk(self) -> GroupVersionKind:
        return GroupVersionKind(self.group, self.version, self.kind)

    @property
    def gvr(self) -> GroupVersionResource:
        return GroupVersionResource(self.group, self.version, self.resource)

    @property
    def group_resource(self) -> GroupResource:
        return GroupResource(self.group, self.resource)

    @property
    def group_kind(self) -> GroupKind:
        return GroupKind(self.group, self.kind)

    @property
    def keys(self) -> ResourceKeys:
        return ResourceKeys(self.group, self.resource, self.namespaced)

"""Group, version, resource and kind identifiers (k8s.io/apimachinery pkg/runtime/schema)."""

from __future__ import annotations

from dataclasses import dataclass

from kcp.apimachinery.errors import GroupKind, GroupResource

__all__ = ["GroupKind", "GroupResource", "GroupVersion", "GroupVersionKind", "GroupVersionResource"]


@dataclass(frozen=True, slots=True)
class GroupVersion:
    group: str
    version: str

    @classmethod
    def parse(cls, api_version: str) -> GroupVersion:
        """`v1` or `apps/v1`."""
        group, _, version = api_version.rpartition("/")
        return cls(group, version)

    def __str__(self) -> str:
        return f"{self.group}/{self.version}" if self.group else self.version


@dataclass(frozen=True, slots=True)
class GroupVersionResource:
    group: str
    version: str
    resource: str

    @property
    def group_resource(self) -> GroupResource:
        return GroupResource(self.group, self.resource)

    @property
    def group_version(self) -> GroupVersion:
        return GroupVersion(self.group, self.version)


@dataclass(frozen=True, slots=True)
class GroupVersionKind:
    group: str
    version: str
    kind: str

    @property
    def group_kind(self) -> GroupKind:
        return GroupKind(self.group, self.kind)

    @property
    def api_version(self) -> str:
        return str(GroupVersion(self.group, self.version))

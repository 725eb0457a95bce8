"""`WorkspacePath`: a colon-separated path of workspaces, as in `/clusters/root:org:team`.

Each segment is a workspace name (a DNS-1123 label) except the first, which may be a
logical cluster name (`root`, a base36 id, or `system:...`); kcp resolves a path to a
`LogicalClusterName` through the Workspace objects along it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kcp.logicalcluster.name import LogicalClusterName

__all__ = ["WorkspacePath"]

_SEGMENT = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")


@dataclass(frozen=True, slots=True)
class WorkspacePath:
    segments: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> WorkspacePath:
        """Parse `root:org:team`; raises ValueError for an invalid path."""
        if text.startswith("system:"):
            name = LogicalClusterName(text)  # system clusters are single names
            return cls((name.value,))
        parts = tuple(text.split(":"))
        if not text or any(not _SEGMENT.fullmatch(p) for p in parts):
            raise ValueError(f"invalid workspace path {text!r}")
        return cls(parts)

    @classmethod
    def is_valid(cls, text: str) -> bool:
        try:
            cls.parse(text)
        except ValueError:
            return False
        return True

    @property
    def is_single(self) -> bool:
        """A one-segment path may name a logical cluster directly."""
        return len(self.segments) == 1

    @property
    def parent(self) -> WorkspacePath | None:
        return WorkspacePath(self.segments[:-1]) if len(self.segments) > 1 else None

    @property
    def base(self) -> str:
        return self.segments[-1]

    def join(self, name: str) -> WorkspacePath:
        return WorkspacePath.parse(f"{self}:{name}")

    def __str__(self) -> str:
        return ":".join(self.segments)

"""`LogicalClusterName`: the identity of one logical cluster, used in storage keys.

Valid names are kcp's: `root`, `system:<name>` for system clusters, or a lowercase
base36 id (`[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?`). `*` is the wildcard meaning every
logical cluster; it is a request scope, never a stored name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ROOT", "WILDCARD", "LogicalClusterName"]

_NAME = re.compile(r"^(system:)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")


@dataclass(frozen=True, slots=True, order=True)
class LogicalClusterName:
    value: str

    def __post_init__(self) -> None:
        if self.value != "*" and not _NAME.fullmatch(self.value):
            raise ValueError(f"invalid logical cluster name {self.value!r}")

    @classmethod
    def is_valid(cls, value: str) -> bool:
        return value == "*" or bool(_NAME.fullmatch(value))

    @property
    def is_wildcard(self) -> bool:
        return self.value == "*"

    @property
    def is_system(self) -> bool:
        return self.value.startswith("system:")

    def __str__(self) -> str:
        return self.value


ROOT = LogicalClusterName("root")
WILDCARD = LogicalClusterName("*")

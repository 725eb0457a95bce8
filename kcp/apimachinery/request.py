"""The request values every layer below the HTTP edge sees.

`UserInfo` is who is asking (k8s.io/apiserver pkg/authentication/user.Info);
`RequestContext` is what the registry and admission need to know about the request:
its logical cluster, namespace, user and write options. They are plain frozen values,
passed explicitly; context variables carry only log context.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kcp.logicalcluster import LogicalClusterName

__all__ = ["FieldValidation", "RequestContext", "UserInfo"]

FieldValidation = Literal["Strict", "Warn", "Ignore"]


@dataclass(frozen=True, slots=True)
class UserInfo:
    name: str
    uid: str = ""
    groups: tuple[str, ...] = ()
    extra: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True, slots=True)
class RequestContext:
    cluster: LogicalClusterName
    user: UserInfo
    namespace: str | None = None
    dry_run: bool = False
    field_manager: str = ""
    field_validation: FieldValidation = "Warn"
    warnings: list[str] = field(default_factory=list, compare=False)

    def warn(self, message: str) -> None:
        """Queue a `Warning` header for the response."""
        self.warnings.append(message)

"""The admission seam of the Store: what a write looks like to admission plugins.

The Store calls `Admission.validate` after its own validation and before the storage
write, for create, update and delete (k8s.io/apiserver's ValidationInterface).
Plugins live in `kcp.admission`, above the registry, and implement this Protocol; the
server hands the ordered chain to every Store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from kcp.apimachinery.request import RequestContext
from kcp.apimachinery.unstructured import Object
from kcp.registry.resource import ResourceDefinition

__all__ = ["NO_ADMISSION", "Admission", "Attributes", "Operation"]

Operation = Literal["CREATE", "UPDATE", "DELETE"]


@dataclass(frozen=True, slots=True)
class Attributes:
    operation: Operation
    definition: ResourceDefinition
    name: str
    namespace: str | None
    obj: Object | None
    old: Object | None = None
    subresource: str = ""


class Admission(Protocol):
    async def validate(self, ctx: RequestContext, attributes: Attributes) -> None:
        """Raise an APIError to refuse the write."""
        ...


class _AdmitAll:
    async def validate(self, ctx: RequestContext, attributes: Attributes) -> None:
        return None


NO_ADMISSION: Admission = _AdmitAll()

"""NamespaceLifecycle: no new content in a namespace that is missing or terminating.

Mirrors k8s.io/apiserver pkg/admission/plugin/namespace/lifecycle: creating a
namespaced object needs its namespace to exist (404 `namespaces "x" not found`) and
not be Terminating (403 with cause NamespaceTerminating); the namespaces every
logical cluster relies on (`default`, `kube-system`, `kube-public`) may not be
deleted. Namespaces are looked up through an injected callable, so this plugin
needs no storage of its own.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from kcp.apimachinery.errors import ForbiddenError, GroupResource, NotFoundError
from kcp.apimachinery.request import RequestContext
from kcp.apimachinery.unstructured import Object
from kcp.logicalcluster import LogicalClusterName
from kcp.registry.admission import Attributes

__all__ = ["IMMORTAL_NAMESPACES", "PLUGIN_NAME", "NamespaceLifecycle"]

PLUGIN_NAME = "NamespaceLifecycle"
IMMORTAL_NAMESPACES = frozenset({"default", "kube-system", "kube-public"})
_NAMESPACES = GroupResource("", "namespaces")

GetNamespace = Callable[[LogicalClusterName, str], Awaitable[Object | None]]


class NamespaceLifecycle:
    def __init__(self, get_namespace: GetNamespace) -> None:
        self._get_namespace = get_namespace

    async def validate(self, ctx: RequestContext, attributes: Attributes) -> None:
        definition = attributes.definition
        if attributes.operation == "DELETE" and definition.group_resource == _NAMESPACES:
            if attributes.name in IMMORTAL_NAMESPACES:
                raise ForbiddenError(
                    _NAMESPACES, attributes.name, "this namespace may not be deleted"
                )
            return
        if (
            attributes.operation != "CREATE"
            or not definition.namespaced
            or not attributes.namespace
        ):
            return
        namespace = await self._get_namespace(ctx.cluster, attributes.namespace)
        if namespace is None:
            raise NotFoundError(_NAMESPACES, attributes.namespace)
        if (namespace.get("status") or {}).get("phase") == "Terminating":
            why = (
                f"unable to create new content in namespace {attributes.namespace} "
                "because it is being terminated"
            )
            raise ForbiddenError(
                definition.group_resource,
                attributes.name,
                why,
                [{"reason": "NamespaceTerminating", "message": why, "field": "metadata.namespace"}],
            )

"""The ordered list of admission plugins the server runs."""

from __future__ import annotations

from kcp.admission.chain import AdmissionChain
from kcp.admission.namespace_lifecycle import GetNamespace, NamespaceLifecycle

__all__ = ["default_chain"]


def default_chain(get_namespace: GetNamespace) -> AdmissionChain:
    return AdmissionChain([NamespaceLifecycle(get_namespace)])

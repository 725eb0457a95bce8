"""The admission chain: the plugins, in order, behind the registry's Admission seam."""

from __future__ import annotations

from collections.abc import Sequence

from kcp.apimachinery.request import RequestContext
from kcp.registry.admission import Admission, Attributes

__all__ = ["AdmissionChain"]


class AdmissionChain:
    """Runs every plugin in order; the first to raise refuses the write."""

    def __init__(self, plugins: Sequence[Admission]) -> None:
        self.plugins = tuple(plugins)

    async def validate(self, ctx: RequestContext, attributes: Attributes) -> None:
        for plugin in self.plugins:
            await plugin.validate(ctx, attributes)

"""Per-type behaviour the generic Store calls at fixed points of each verb.

Mirrors k8s.io/apiserver pkg/registry/rest (RESTCreateStrategy, RESTUpdateStrategy):
the Store owns the mechanics of every verb once; a strategy says what is special about
its type: defaults, validation, what an update may change, which fields a field
selector may use. `Strategy` is the default behaviour; types subclass it and override
what differs.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from kcp.apimachinery.errors import FieldError
from kcp.apimachinery.request import RequestContext
from kcp.apimachinery.unstructured import Object

__all__ = ["NameValidator", "Strategy"]

# A name validator returns upstream's messages for a bad name (empty list: valid).
# `prefix` is True when validating a generateName prefix.
NameValidator = Callable[[str, bool], list[str]]


class Strategy:
    """Default strategy: no defaults, no type validation, only metadata fields selectable.

    `has_status` types separate spec from status: a write to the main resource keeps
    the stored status, and a write to `/status` keeps everything but status.
    `tracks_generation` types count changes outside metadata and status in
    `metadata.generation` (ConfigMaps, Secrets and Namespaces carry none).
    """

    has_status: bool = False
    tracks_generation: bool = False
    allow_create_on_update: bool = False
    allow_unconditional_update: bool = True
    # Extra field-selector fields beyond metadata.name and metadata.namespace.
    selectable_fields: tuple[str, ...] = ()

    def prepare_for_create(self, ctx: RequestContext, obj: Object) -> None:
        """Defaults and clearing of fields a create may not set (mutates `obj`)."""
        if self.has_status:
            obj.pop("status", None)

    def validate(self, ctx: RequestContext, obj: Object) -> list[FieldError]:
        """Type-specific validation of a new object (must not mutate)."""
        return []

    def prepare_for_update(self, ctx: RequestContext, new: Object, old: Object) -> None:
        """Carry over what an update of the main resource may not change."""
        if self.has_status:
            if "status" in old:
                new["status"] = old["status"]
            else:
                new.pop("status", None)

    def validate_update(self, ctx: RequestContext, new: Object, old: Object) -> list[FieldError]:
        return self.validate(ctx, new)

    def prepare_for_status_update(self, ctx: RequestContext, new: Object, old: Object) -> None:
        """A `/status` write changes status only: everything else is taken from `old`.

        The Store has checked `new`'s resourceVersion precondition before this runs.
        """
        status = new.get("status")
        new.clear()
        new.update(copy.deepcopy(old))
        if status is None:
            new.pop("status", None)
        else:
            new["status"] = status

    def blocks_deletion(self, obj: Object) -> bool:
        """Whether something must finish before `obj` may leave storage.

        By default, metadata finalizers; namespaces also wait on `spec.finalizers`.
        """
        return bool(obj.get("metadata", {}).get("finalizers"))

    def mark_deleting(self, obj: Object) -> None:
        """Type-specific changes when deletion starts but is blocked (mutates `obj`)."""

    def prepare_for_finalize_update(self, ctx: RequestContext, new: Object, old: Object) -> None:
        """A `/finalize` write; only types with that subresource override this."""
        self.prepare_for_status_update(ctx, new, old)

    def field_values(self, obj: Object) -> dict[str, str]:
        """The values field selectors match against (k8s `GetAttrs` / `ToSelectableFields`)."""
        meta = obj.get("metadata", {})
        fields = {"metadata.name": str(meta.get("name", ""))}
        if "namespace" in meta:
            fields["metadata.namespace"] = str(meta["namespace"])
        return fields

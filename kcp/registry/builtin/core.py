"""core/v1 built-ins: namespaces, configmaps, secrets, serviceaccounts.

Each type is its strategy (what upstream's pkg/registry/core/<type>/strategy.go does:
defaults, validation, update rules, selectable fields) plus one `ResourceDefinition`.
Validation messages are upstream's (pkg/apis/core/validation).
"""

from __future__ import annotations

import base64
import binascii
import copy

from kcp.apimachinery.errors import FieldError
from kcp.apimachinery.request import RequestContext
from kcp.apimachinery.table import TableColumn
from kcp.apimachinery.unstructured import JSON, Object, meta_of
from kcp.apimachinery.validation.names import (
    is_config_map_key,
    name_is_dns_label,
    name_is_dns_subdomain,
    validate_path_segment_name,
)
from kcp.registry.builtin import _quota, events
from kcp.registry.builtin._common import Reader, framed
from kcp.registry.resource import ResourceDefinition
from kcp.registry.strategy import Strategy

__all__ = ["CONFIGMAPS", "DEFINITIONS", "NAMESPACES", "SECRETS", "SERVICEACCOUNTS"]

# pkg/apis/core/validation: MaxSecretSize, and the same bound for ConfigMaps.
MAX_DATA_BYTES = 1024 * 1024
NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name"
_IMMUTABLE = "field is immutable when `immutable` is set"
_DUPLICATE_KEY = "duplicate of key present in another data field"
_NOT_BASE64 = "must be base64-encoded"
_TOO_BIG = f"must have at most {MAX_DATA_BYTES} bytes"


def _validate_data_keys(obj: Object, fields: tuple[str, ...]) -> list[FieldError]:
    """Keys of data/binaryData: config-map keys, unique across the fields, size-bounded."""
    errors: list[FieldError] = []
    seen: set[str] = set()
    total = 0
    for field in fields:
        data = obj.get(field)
        if data is None:
            continue
        if not isinstance(data, dict):
            errors.append(FieldError.invalid(field, data, "must be a map of strings"))
            continue
        for key, value in data.items():
            errors.extend(
                FieldError.invalid(f"{field}[{key}]", key, msg) for msg in is_config_map_key(key)
            )
            if key in seen:
                errors.append(
                    FieldError.invalid(
                        f"{field}[{key}]", key, "duplicate of key present in another data field"
                    )
                )
            seen.add(key)
            if isinstance(value, str):
                total += len(value.encode())
    if total > MAX_DATA_BYTES:
        errors.append(
            FieldError("FieldValueTooLong", "", f"must have at most {MAX_DATA_BYTES} bytes")
        )
    return errors


def _count(field: str) -> TableColumn:
    def cell(obj: Object) -> JSON:
        value = obj.get(field)
        return len(value) if isinstance(value, dict) else 0

    return TableColumn("Data", "integer", cell, description="")


class NamespaceStrategy(Strategy):
    """pkg/registry/core/namespace/strategy.go."""

    has_status = True
    selectable_fields = ("status.phase",)

    def prepare_for_create(self, ctx: RequestContext, obj: Object) -> None:
        meta = meta_of(obj)
        meta.setdefault("labels", {})[NAMESPACE_NAME_LABEL] = meta.get("name", "")
        spec = obj.setdefault("spec", {})
        if not isinstance(spec, dict):
            obj["spec"] = spec = {}
        finalizers = spec.get("finalizers") or []
        if "kubernetes" not in finalizers:
            finalizers = [*finalizers, "kubernetes"]
        spec["finalizers"] = finalizers
        obj["status"] = {"phase": "Active"}

    def prepare_for_update(self, ctx: RequestContext, new: Object, old: Object) -> None:
        super().prepare_for_update(ctx, new, old)
        new["spec"] = old.get("spec", {})
        meta = meta_of(new)
        meta.setdefault("labels", {})[NAMESPACE_NAME_LABEL] = old["metadata"]["name"]

    def prepare_for_status_update(self, ctx: RequestContext, new: Object, old: Object) -> None:
        super().prepare_for_status_update(ctx, new, old)
        new["spec"] = old.get("spec", {})

    def prepare_for_finalize_update(self, ctx: RequestContext, new: Object, old: Object) -> None:
        """`/finalize` changes `spec.finalizers` only (upstream's namespace finalize REST)."""
        finalizers = (new.get("spec") or {}).get("finalizers") or []
        new.clear()
        new.update(copy.deepcopy(old))
        new.setdefault("spec", {})["finalizers"] = finalizers

    def blocks_deletion(self, obj: Object) -> bool:
        return super().blocks_deletion(obj) or bool((obj.get("spec") or {}).get("finalizers"))

    def mark_deleting(self, obj: Object) -> None:
        obj.setdefault("status", {})["phase"] = "Terminating"

    def field_values(self, obj: Object) -> dict[str, str]:
        fields = super().field_values(obj)
        fields["status.phase"] = str(obj.get("status", {}).get("phase", ""))
        return fields


class ConfigMapStrategy(Strategy):
    def validate(self, ctx: RequestContext, obj: Object) -> list[FieldError]:
        return _validate_data_keys(obj, ("data", "binaryData"))

    def validate_update(self, ctx: RequestContext, new: Object, old: Object) -> list[FieldError]:
        errors = self.validate(ctx, new)
        if old.get("immutable") is True:
            if new.get("immutable") is not True:
                errors.append(
                    FieldError.forbidden("immutable", "field is immutable when `immutable` is set")
                )
            for field in ("data", "binaryData"):
                if new.get(field) != old.get(field):
                    errors.append(
                        FieldError.forbidden(field, "field is immutable when `immutable` is set")
                    )
        return errors


class SecretStrategy(Strategy):
    selectable_fields = ("type",)

    def prepare_for_create(self, ctx: RequestContext, obj: Object) -> None:
        obj.setdefault("type", "Opaque")
        _merge_string_data(obj)

    def prepare_for_update(self, ctx: RequestContext, new: Object, old: Object) -> None:
        new.setdefault("type", old.get("type", "Opaque"))
        _merge_string_data(new)

    def validate(self, ctx: RequestContext, obj: Object) -> list[FieldError]:
        errors = _validate_data_keys(obj, ("data",))
        for key, value in (obj.get("data") or {}).items():
            if not isinstance(value, str) or not _is_base64(value):
                errors.append(
                    FieldError.invalid(
                        f"data[{key}]", "<secret contents redacted>", "must be base64-encoded"
                    )
                )
        return errors

    def validate_update(self, ctx: RequestContext, new: Object, old: Object) -> list[FieldError]:
        errors = self.validate(ctx, new)
        if new.get("type") != old.get("type"):
            errors.append(FieldError.invalid("type", new.get("type"), "field is immutable"))
        if old.get("immutable") is True and new.get("data") != old.get("data"):
            errors.append(
                FieldError.forbidden("data", "field is immutable when `immutable` is set")
            )
        return errors

    def field_values(self, obj: Object) -> dict[str, str]:
        fields = super().field_values(obj)
        fields["type"] = str(obj.get("type", ""))
        return fields


def _merge_string_data(secret: Object) -> None:
    """`stringData` is write-only: merged into `data` as base64 and not stored."""
    string_data = secret.pop("stringData", None)
    if isinstance(string_data, dict) and string_data:
        data = secret.get("data")
        if not isinstance(data, dict):
            data = {}
        for key, value in string_data.items():
            data[key] = base64.b64encode(str(value).encode()).decode()
        secret["data"] = data


def _is_base64(value: str) -> bool:
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


def _phase(obj: Object) -> JSON:
    return obj.get("status", {}).get("phase", "")


def _secret_count(obj: Object) -> JSON:
    secrets = obj.get("secrets")
    return len(secrets) if isinstance(secrets, list) else 0


def _type(obj: Object) -> JSON:
    return obj.get("type", "")


NAMESPACES = ResourceDefinition(
    group="",
    version="v1",
    resource="namespaces",
    kind="Namespace",
    singular="namespace",
    namespaced=False,
    strategy=NamespaceStrategy(),
    name_validator=name_is_dns_label,
    short_names=("ns",),
    subresources=("status", "finalize"),
    verbs=("create", "delete", "get", "list", "patch", "update", "watch"),
    columns=(TableColumn("Status", "string", _phase, description="The status of the namespace"),),
    return_deleted_object=True,
)
CONFIGMAPS = ResourceDefinition(
    group="",
    version="v1",
    resource="configmaps",
    kind="ConfigMap",
    singular="configmap",
    namespaced=True,
    strategy=ConfigMapStrategy(),
    name_validator=name_is_dns_subdomain,
    short_names=("cm",),
    columns=(_count("data"),),
)
SECRETS = ResourceDefinition(
    group="",
    version="v1",
    resource="secrets",
    kind="Secret",
    singular="secret",
    namespaced=True,
    strategy=SecretStrategy(),
    name_validator=name_is_dns_subdomain,
    columns=(TableColumn("Type", "string", _type), _count("data")),
)
SERVICEACCOUNTS = ResourceDefinition(
    group="",
    version="v1",
    resource="serviceaccounts",
    kind="ServiceAccount",
    singular="serviceaccount",
    namespaced=True,
    strategy=Strategy(),
    name_validator=name_is_dns_subdomain,
    short_names=("sa",),
    columns=(TableColumn("Secrets", "string", _secret_count),),
)


# -- events, resourcequotas ---------------------------------------------------------------


class EventStrategy(Strategy):
    """pkg/registry/core/event/strategy.go for core/v1 writes: the legacy checks only."""

    allow_create_on_update = True
    selectable_fields = events.CORE_SELECTABLE_FIELDS

    def validate(self, ctx: RequestContext, obj: Object) -> list[FieldError]:
        read = Reader()
        errs = events.validate_legacy(read, obj)
        return read.errors + errs

    def field_values(self, obj: Object) -> dict[str, str]:
        fields = super().field_values(obj)
        fields.update(events.core_field_values(obj))
        return fields


class ResourceQuotaStrategy(Strategy):
    """pkg/registry/core/resourcequota/strategy.go: status starts empty, set via /status."""

    has_status = True

    def prepare_for_create(self, ctx: RequestContext, obj: Object) -> None:
        obj["status"] = {}

    def validate(self, ctx: RequestContext, obj: Object) -> list[FieldError]:
        read = Reader()
        errs = _quota.validate_resource_quota(read, obj)
        return read.errors + errs


def _identity(obj: Object) -> Object:
    return obj


_EVENT_LAYOUT = events.layout(_identity)
_RESOURCE_QUOTA_LAYOUT = (
    TableColumn(
        "Request",
        "string",
        _quota.request_cell,
        description="Request represents a minimum amount of cpu/memory that a container may "
        "consume.",
    ),
    TableColumn(
        "Limit",
        "string",
        _quota.limit_cell,
        description="Limits control the maximum amount of cpu/memory that a container may use "
        "independent of contention on the node.",
    ),
)

EVENTS = ResourceDefinition(
    group="",
    version="v1",
    resource="events",
    kind="Event",
    singular="event",
    namespaced=True,
    strategy=EventStrategy(),
    # Upstream checks core/v1 event names only as path segments (BeforeCreate's default).
    name_validator=validate_path_segment_name,
    short_names=("ev",),
    columns=framed(_EVENT_LAYOUT),
    table_layout=tuple(_EVENT_LAYOUT),
)
RESOURCEQUOTAS = ResourceDefinition(
    group="",
    version="v1",
    resource="resourcequotas",
    kind="ResourceQuota",
    singular="resourcequota",
    namespaced=True,
    strategy=ResourceQuotaStrategy(),
    name_validator=name_is_dns_subdomain,
    short_names=("quota",),
    subresources=("status",),
    columns=_RESOURCE_QUOTA_LAYOUT,
)

DEFINITIONS = (NAMESPACES, CONFIGMAPS, SECRETS, SERVICEACCOUNTS, EVENTS, RESOURCEQUOTAS)

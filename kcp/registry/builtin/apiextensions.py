"""apiextensions.k8s.io/v1 customresourcedefinitions: stored and checked, not yet served.

Mirrors apiextensions-apiserver's pkg/registry/customresourcedefinition/strategy.go
(status reset on create with the storage version recorded in `storedVersions`,
generation counting spec changes, `/status`), the v1 defaults (`singular`,
`listKind`, `conversion.strategy`) and the basic part of
pkg/apis/apiextensions/validation/validation.go: names, group, scope, versions with
exactly one storage version, a schema per version, the `<plural>.<group>` name and
stored versions. Not here: structural-schema and CEL validation, conversion webhooks,
and serving the custom resources themselves (kcp/registry/crd, another issue). The
table is the default convertor's NAME and CREATED AT.
"""

from __future__ import annotations

from kcp.apimachinery.errors import FieldError
from kcp.apimachinery.request import RequestContext
from kcp.apimachinery.unstructured import JSON, Object
from kcp.apimachinery.validation import GoValue, Path
from kcp.apimachinery.validation.names import (
    is_dns1035_label,
    is_dns1123_subdomain,
    name_is_dns_subdomain,
)
from kcp.registry.builtin._common import CREATED_AT, NAME, Reader, framed, go_quote
from kcp.registry.resource import ResourceDefinition
from kcp.registry.strategy import Strategy

__all__ = ["CUSTOMRESOURCEDEFINITIONS", "DEFINITIONS"]

_SCOPES = ("Cluster", "Namespaced")
_SPEC = Path("spec")
_NAMES = _SPEC.child("names")
_VERSIONS = _SPEC.child("versions")
_STORED_VERSIONS = Path("status", "storedVersions")


def _dict(value: JSON) -> dict[str, JSON]:
    return value if isinstance(value, dict) else {}


def _versions(obj: Object) -> list[dict[str, JSON]]:
    versions = _dict(obj.get("spec")).get("versions")
    return [v for v in versions if isinstance(v, dict)] if isinstance(versions, list) else []


def _storage_version(obj: Object) -> str | None:
    return next((str(v.get("name")) for v in _versions(obj) if v.get("storage") is True), None)


def _default(obj: Object) -> None:
    """apiextensions/v1 `SetDefaults_CustomResourceDefinitionSpec` (the fields it names)."""
    spec = obj.get("spec")
    if not isinstance(spec, dict):
        return
    names = spec.get("names")
    if isinstance(names, dict) and isinstance(names.get("kind"), str) and names["kind"]:
        names.setdefault("singular", names["kind"].lower())
        names.setdefault("listKind", names["kind"] + "List")
    conversion = spec.setdefault("conversion", {})
    if isinstance(conversion, dict):
        conversion.setdefault("strategy", "None")


def _record_storage_version(obj: Object) -> None:
    """Add the storage version to `status.storedVersions`, as both prepare steps do."""
    storage = _storage_version(obj)
    status = obj.get("status")
    if storage is None or not isinstance(status, dict):
        return
    stored = status.get("storedVersions")
    stored = stored if isinstance(stored, list) else []
    if storage not in stored:
        status["storedVersions"] = [*stored, storage]


def _go_version(version: dict[str, JSON]) -> GoValue:
    """`%#v` of a version, cut down to what the storage rules are about."""
    return GoValue(
        "apiextensions.CustomResourceDefinitionVersion{"
        f"Name:{go_quote(str(version.get('name', '')))}, "
        f"Served:{str(version.get('served') is True).lower()}, "
        f"Storage:{str(version.get('storage') is True).lower()}, ...}}"
    )


def _go_versions(versions: list[dict[str, JSON]]) -> GoValue:
    if not versions:
        return GoValue("[]apiextensions.CustomResourceDefinitionVersion(nil)")
    shown = ", ".join(repr(_go_version(v)) for v in versions)
    return GoValue(f"[]apiextensions.CustomResourceDefinitionVersion{{{shown}}}")


def _validate_names(read: Reader, names: dict[str, JSON]) -> list[FieldError]:
    """The required names, then `ValidateCustomResourceDefinitionNames`."""
    errs: list[FieldError] = []
    values = {
        key: read.as_string(names.get(key), _NAMES.child(key))
        for key in ("plural", "singular", "kind", "listKind")
    }
    errs += [FieldError.required(str(_NAMES.child(k))) for k, v in values.items() if not v]
    for key in ("plural", "singular"):
        if values[key]:
            msgs = is_dns1035_label(values[key])
            if msgs:
                errs.append(FieldError.invalid(str(_NAMES.child(key)), values[key], ",".join(msgs)))
    for key in ("kind", "listKind"):
        msgs = is_dns1035_label(values[key].lower()) if values[key] else []
        if msgs:
            errs.append(
                FieldError.invalid(
                    str(_NAMES.child(key)),
                    values[key],
                    "may have mixed case, but should otherwise match: " + ",".join(msgs),
                )
            )
    for key in ("shortNames", "categories"):
        for index, item in enumerate(read.as_strings(names.get(key), _NAMES.child(key))):
            msgs = is_dns1035_label(item)
            if msgs:
                where = str(_NAMES.child(key).index(index))
                errs.append(FieldError.invalid(where, item, ",".join(msgs)))
    if values["kind"] and values["kind"] == values["listKind"]:
        errs.append(
            FieldError.invalid(
                str(_NAMES.child("listKind")),
                values["listKind"],
                "kind and listKind may not be the same",
            )
        )
    return errs


def _validate_versions(read: Reader, spec: dict[str, JSON]) -> list[FieldError]:
    versions = [
        read.as_object(v, _VERSIONS.index(i))
        for i, v in enumerate(read.as_list(spec.get("versions"), _VERSIONS))
    ]
    errs: list[FieldError] = []
    seen: set[str] = set()
    unique = True
    for index, version in enumerate(versions):
        path = _VERSIONS.index(index)
        name = read.as_string(version.get("name"), path.child("name"))
        unique = unique and name not in seen
        seen.add(name)
        msgs = is_dns1035_label(name)
        if msgs:
            errs.append(FieldError.invalid(str(path.child("name")), name, ",".join(msgs)))
        schema = read.as_object(version.get("schema"), path.child("schema"))
        if schema.get("openAPIV3Schema") is None:
            errs.append(
                FieldError.required(
                    str(path.child("schema", "openAPIV3Schema")), "schemas are required"
                )
            )
    if not unique:
        errs.append(
            FieldError.invalid(
                str(_VERSIONS), _go_versions(versions), "must contain unique version names"
            )
        )
    storage = sum(1 for v in versions if read.as_bool(v.get("storage"), _VERSIONS) is True)
    if storage != 1:
        errs.append(
            FieldError.invalid(
                str(_VERSIONS),
                _go_versions(versions),
                "must have exactly one version marked as storage version",
            )
        )
    return errs


def _validate_stored_versions(read: Reader, obj: Object) -> list[FieldError]:
    """`ValidateCustomResourceDefinitionStoredVersions`."""
    status = read.as_object(obj.get("status"), "status")
    stored = read.as_strings(status.get("storedVersions"), _STORED_VERSIONS)
    if not stored:
        return [
            FieldError.invalid(
                str(_STORED_VERSIONS),
                GoValue("[]string(nil)"),
                "must have at least one stored version",
            )
        ]
    errs = [
        FieldError.invalid(
            str(_STORED_VERSIONS),
            _go_version(version),
            f"must have the storage version {version.get('name')}",
        )
        for version in _versions(obj)
        if version.get("storage") is True and str(version.get("name")) not in stored
    ]
    spec_versions = {str(v.get("name")) for v in _versions(obj)}
    errs += [
        FieldError.invalid(str(_STORED_VERSIONS.index(i)), v, "must appear in spec.versions")
        for i, v in enumerate(stored)
        if v not in spec_versions
    ]
    return errs


class CustomResourceDefinitionStrategy(Strategy):
    """customresourcedefinition/strategy.go (status reset, generation) and its validation."""

    has_status = True
    tracks_generation = True

    def prepare_for_create(self, ctx: RequestContext, obj: Object) -> None:
        _default(obj)
        obj["status"] = {"acceptedNames": {"plural": "", "kind": ""}, "storedVersions": []}
        _record_storage_version(obj)

    def prepare_for_update(self, ctx: RequestContext, new: Object, old: Object) -> None:
        super().prepare_for_update(ctx, new, old)
        _default(new)
        _record_storage_version(new)

    def validate(self, ctx: RequestContext, obj: Object) -> list[FieldError]:
        read = Reader()
        spec = read.as_object(obj.get("spec"), _SPEC)
        names = read.as_object(spec.get("names"), _NAMES)
        group = read.as_string(spec.get("group"), _SPEC.child("group"))
        errs: list[FieldError] = []
        name = str(obj.get("metadata", {}).get("name") or "")
        if name != f"{names.get('plural')}.{group}":
            errs.append(
                FieldError.invalid(
                    "metadata.name", name, 'must be spec.names.plural+"."+spec.group'
                )
            )
        if not group:
            errs.append(FieldError.required(str(_SPEC.child("group"))))
        elif msgs := is_dns1123_subdomain(group):
            errs.append(FieldError.invalid(str(_SPEC.child("group")), group, ",".join(msgs)))
        elif len(group.split(".")) < 2:
            errs.append(
                FieldError.invalid(
                    str(_SPEC.child("group")), group, "should be a domain with at least one dot"
                )
            )
        scope = read.as_string(spec.get("scope"), _SPEC.child("scope"))
        if not scope:
            errs.append(FieldError.required(str(_SPEC.child("scope"))))
        elif scope not in _SCOPES:
            errs.append(FieldError.not_supported(str(_SPEC.child("scope")), scope, _SCOPES))
        errs += _validate_versions(read, spec)
        errs += _validate_names(read, names)
        errs += _validate_stored_versions(read, obj)
        return read.errors + errs


CUSTOMRESOURCEDEFINITIONS = ResourceDefinition(
    group="apiextensions.k8s.io",
    version="v1",
    resource="customresourcedefinitions",
    kind="CustomResourceDefinition",
    singular="customresourcedefinition",
    namespaced=False,
    strategy=CustomResourceDefinitionStrategy(),
    name_validator=name_is_dns_subdomain,
    short_names=("crd", "crds"),
    categories=("api-extensions",),
    subresources=("status",),
    columns=framed((NAME, CREATED_AT)),
    table_layout=(NAME, CREATED_AT),
)

DEFINITIONS = (CUSTOMRESOURCEDEFINITIONS,)

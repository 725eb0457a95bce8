"""Query parameters of resource requests, parsed and checked once.

Invalid values are 400s or 422s with upstream's words (k8s.io/apiserver
pkg/endpoints/handlers/rest.go and apimachinery's ListOptions/DeleteOptions
validation). Unknown parameters are ignored, as upstream does (`timeout` included).
"""

from __future__ import annotations

from collections.abc import Mapping

from multidict import MultiMapping

from kcp.apimachinery import fields, labels
from kcp.apimachinery.errors import BadRequestError, FieldError, GroupKind, InvalidError
from kcp.apimachinery.request import FieldValidation
from kcp.registry.options import ListOptions, ResourceVersionMatch
from kcp.registry.resource import ResourceDefinition

__all__ = ["dry_run", "field_manager", "field_validation", "list_options"]

_VALIDATION: Mapping[str, FieldValidation] = {
    "Strict": "Strict",
    "Warn": "Warn",
    "Ignore": "Ignore",
    "": "Warn",  # upstream's default since server-side field validation (1.27 GA)
}
_MATCH: Mapping[str, ResourceVersionMatch] = {
    "": "",
    "NotOlderThan": "NotOlderThan",
    "Exact": "Exact",
}
_LIST_OPTIONS = GroupKind("meta.k8s.io", "ListOptions")
# fieldManager longer than this is refused (apimachinery ValidateFieldManager).
MAX_FIELD_MANAGER = 128


def dry_run(query: MultiMapping[str]) -> bool:
    values = query.getall("dryRun", [])
    for value in values:
        if value != "All":
            raise BadRequestError(
                f'Invalid dry run value: dryRun: Unsupported value: "{value}": '
                'supported values: "All"'
            )
    return bool(values)


def field_validation(query: MultiMapping[str]) -> FieldValidation:
    value = query.get("fieldValidation", "")
    if value not in _VALIDATION:
        raise BadRequestError(
            f"fieldValidation parameter unsupported: {value}; valid values are Ignore, Warn, Strict"
        )
    return _VALIDATION[value]


def field_manager(query: MultiMapping[str], user_agent: str) -> str:
    """`fieldManager`, or the User-Agent up to its first `/` (upstream's default)."""
    manager = query.get("fieldManager", "")
    if len(manager) > MAX_FIELD_MANAGER:
        raise BadRequestError(
            f"fieldManager: Too long: may not be more than {MAX_FIELD_MANAGER} bytes"
        )
    return manager or user_agent.split("/", 1)[0][:MAX_FIELD_MANAGER]


def _int(query: MultiMapping[str], name: str) -> int | None:
    raw = query.get(name)
    if raw is None or raw == "":
        return None
    try:
        return int(raw)
    except ValueError as err:
        raise BadRequestError(f'invalid value for {name}: "{raw}"') from err


def list_options(query: MultiMapping[str], definition: ResourceDefinition) -> ListOptions:
    label_selector = labels.parse_label_selector(query.get("labelSelector", ""))
    field_selector = fields.parse_field_selector(query.get("fieldSelector", ""))
    if not field_selector.is_empty():
        extra = definition.strategy.selectable_fields
        # Upstream: metadata.name everywhere, metadata.namespace on namespaced types.
        metadata = fields.METADATA_FIELDS if definition.namespaced else {"metadata.name"}
        fields.check_supported(field_selector, {*metadata, *extra} if extra else None)
    match = query.get("resourceVersionMatch", "")
    if match not in _MATCH:
        raise InvalidError(
            _LIST_OPTIONS,
            "",
            [FieldError.not_supported("resourceVersionMatch", match, ["Exact", "NotOlderThan"])],
        )
    limit = _int(query, "limit") or 0
    if limit < 0:
        limit = 0
    timeout = _int(query, "timeoutSeconds")
    send_initial = query.get("sendInitialEvents")
    return ListOptions(
        label_selector=None if label_selector.is_empty() else label_selector,
        field_selector=None if field_selector.is_empty() else field_selector,
        resource_version=query.get("resourceVersion", ""),
        resource_version_match=_MATCH[match],
        limit=limit,
        continue_token=query.get("continue", ""),
        allow_bookmarks=query.get("allowWatchBookmarks", "").lower() in ("true", "1"),
        send_initial_events=None if send_initial is None else send_initial.lower() in ("true", "1"),
        timeout_seconds=timeout,
    )

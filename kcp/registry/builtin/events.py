"""events.k8s.io/v1 events, and the Event rules core/v1 events share with them.

Upstream serves both API versions from one resource and one strategy
(pkg/registry/core/event/strategy.go) whose validation depends on the version of the
request (pkg/apis/core/validation/events.go): core/v1 writes get the legacy checks
only, events.k8s.io/v1 writes the strict ones too. Here the two versions are stored
apart, so each definition knows its version; the rules read the internal (core/v1)
field names, and an events.k8s.io/v1 object is viewed through `as_core`, the field
mapping of upstream's `Convert_v1_Event_To_core_Event`.

Also here: the Event printer (`printEvent` in pkg/printers/internalversion) and the
field-label conversions of both versions (pkg/apis/core/v1/conversion.go,
pkg/apis/events/v1/conversion.go). Not here: the one-hour TTL upstream gives events
in etcd.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from kcp.apimachinery.errors import FieldError
from kcp.apimachinery.request import RequestContext
from kcp.apimachinery.table import TableColumn
from kcp.apimachinery.unstructured import JSON, Object
from kcp.apimachinery.validation import FIELD_IMMUTABLE_ERROR_MSG, GoValue
from kcp.apimachinery.validation.names import (
    is_dns1123_subdomain,
    is_qualified_name,
    name_is_dns_subdomain,
)
from kcp.registry.builtin._common import Reader, framed, since
from kcp.registry.resource import ResourceDefinition
from kcp.registry.strategy import Strategy

__all__ = [
    "CORE_SELECTABLE_FIELDS",
    "DEFINITIONS",
    "EVENTS",
    "as_core",
    "core_field_values",
    "layout",
    "validate_legacy",
]

# pkg/apis/core/validation/events.go
REPORTING_INSTANCE_LENGTH_LIMIT = 128
ACTION_LENGTH_LIMIT = 128
REASON_LENGTH_LIMIT = 128
NOTE_LENGTH_LIMIT = 1024
_EVENT_TYPES = ("Normal", "Warning")

_INVOLVED = ("kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath")
CORE_SELECTABLE_FIELDS = (
    *(f"involvedObject.{f}" for f in _INVOLVED),
    "reason",
    "reportingComponent",
    "source",
    "type",
)
# events.k8s.io/v1 field labels and the internal field each one selects on.
_V1_FIELD_LABELS = {
    **{f"regarding.{f}": f"involvedObject.{f}" for f in _INVOLVED},
    "reason": "reason",
    "reportingController": "reportingComponent",
    "type": "type",
}

# events.k8s.io/v1 field -> core/v1 field (the rest share their names).
_V1_TO_CORE = {
    "regarding": "involvedObject",
    "note": "message",
    "deprecatedSource": "source",
    "deprecatedFirstTimestamp": "firstTimestamp",
    "deprecatedLastTimestamp": "lastTimestamp",
    "deprecatedCount": "count",
    "reportingController": "reportingComponent",
}


def as_core(event: Object) -> Object:
    """An events.k8s.io/v1 Event with core/v1's field names (a shallow view)."""
    return {_V1_TO_CORE.get(key, key): value for key, value in event.items()}


def _namespace(event: Object) -> str:
    meta = event.get("metadata")
    return str(meta.get("namespace") or "") if isinstance(meta, dict) else ""


# -- validation -------------------------------------------------------------------------


def _too_long(field: str, limit: int) -> FieldError:
    return FieldError.invalid(field, "", f"can have at most {limit} characters")


def validate_legacy(read: Reader, event: Object) -> list[FieldError]:
    """`legacyValidateEvent`: what every Event write must pass, in any API version."""
    errs: list[FieldError] = []
    namespace = _namespace(event)
    involved = read.as_object(event.get("involvedObject"), "involvedObject")
    involved_ns = read.as_string(involved.get("namespace"), "involvedObject.namespace")
    mismatch = FieldError.invalid(
        "involvedObject.namespace", involved_ns, "does not match event.namespace"
    )
    if not read.as_string(event.get("eventTime"), "eventTime"):
        # An old-style event: its namespace and its object's must agree.
        if (not involved_ns and namespace not in ("", "default")) or (
            involved_ns and namespace != involved_ns
        ):
            errs.append(mismatch)
    else:
        if not involved_ns and namespace not in ("default", "kube-system"):
            errs.append(mismatch)
        controller = read.as_string(event.get("reportingComponent"), "reportingController")
        if not controller:
            errs.append(FieldError.required("reportingController"))
        errs += [
            FieldError.invalid("reportingController", controller, msg)
            for msg in is_qualified_name(controller)
        ]
        for field, limit in (
            ("reportingInstance", REPORTING_INSTANCE_LENGTH_LIMIT),
            ("action", ACTION_LENGTH_LIMIT),
            ("reason", REASON_LENGTH_LIMIT),
        ):
            value = read.as_string(event.get(field), field)
            if not value:
                errs.append(FieldError.required(field))
            if len(value) > limit:
                errs.append(_too_long(field, limit))
        if len(read.as_string(event.get("message"), "message")) > NOTE_LENGTH_LIMIT:
            errs.append(_too_long("message", NOTE_LENGTH_LIMIT))
    errs += [FieldError.invalid("namespace", namespace, m) for m in is_dns1123_subdomain(namespace)]
    return errs


def _validate_series(read: Reader, event: Object) -> list[FieldError]:
    if event.get("series") is None:
        return []
    series = read.as_object(event.get("series"), "series")
    errs = []
    if (read.as_int(series.get("count"), "series.count") or 0) < 2:
        errs.append(FieldError.invalid("series.count", "", "should be at least 2"))
    if not read.as_string(series.get("lastObservedTime"), "series.lastObservedTime"):
        errs.append(FieldError.required("series.lastObservedTime"))
    return errs


def _validate_strict_create(read: Reader, event: Object) -> list[FieldError]:
    """The checks `ValidateEventCreate` adds for events.k8s.io/v1 and newer."""
    errs = _validate_series(read, event)
    if not event.get("eventTime"):
        errs.append(FieldError.required("eventTime"))
    event_type = event.get("type") or ""
    if event_type not in _EVENT_TYPES:
        errs.append(FieldError.invalid("type", "", f"has invalid value: {event_type}"))
    for field in ("firstTimestamp", "lastTimestamp", "count"):
        if event.get(field):
            errs.append(FieldError.invalid(field, "", "needs to be unset"))
    source = event.get("source")
    if isinstance(source, dict) and (source.get("component") or source.get("host")):
        errs.append(FieldError.invalid("source", "", "needs to be unset"))
    return errs


# Fields `ValidateEventUpdate` keeps immutable for events.k8s.io/v1 writes.
_IMMUTABLE = (
    "involvedObject",
    "reason",
    "message",
    "source",
    "firstTimestamp",
    "lastTimestamp",
    "count",
    "type",
    "eventTime",
    "action",
    "related",
    "reportingComponent",
    "reportingInstance",
)
# Internal field names as upstream's paths spell them.
_PATHS = {"reportingComponent": "reportingController"}


def _go(value: JSON) -> object:
    if value is None or isinstance(value, str | int | bool):
        return value
    return GoValue(json.dumps(value, separators=(",", ":")))


def _validate_strict_update(read: Reader, new: Object, old: Object) -> list[FieldError]:
    errs: list[FieldError] = []
    if new.get("series") != old.get("series"):
        errs += _validate_series(read, new)
    for field in _IMMUTABLE:
        if (new.get(field) or None) != (old.get(field) or None):
            errs.append(
                FieldError.invalid(
                    _PATHS.get(field, field), _go(new.get(field)), FIELD_IMMUTABLE_ERROR_MSG
                )
            )
    return errs


# -- selectable fields ------------------------------------------------------------------


def core_field_values(event: Object) -> dict[str, str]:
    """`ToSelectableFields` without the metadata fields, from a core-shaped Event."""
    involved = event.get("involvedObject")
    involved = involved if isinstance(involved, dict) else {}
    source = event.get("source")
    component = source.get("component") if isinstance(source, dict) else None
    values = {f"involvedObject.{f}": str(involved.get(f) or "") for f in _INVOLVED}
    values["reason"] = str(event.get("reason") or "")
    values["reportingComponent"] = str(event.get("reportingComponent") or "")
    values["source"] = str(component or event.get("reportingComponent") or "")
    values["type"] = str(event.get("type") or "")
    return values


# -- table ------------------------------------------------------------------------------


def _cells(event: Object) -> dict[str, JSON]:
    """The cells of `printEvent`, keyed by column name, from a core-shaped Event."""
    first = since(event.get("firstTimestamp")) if event.get("firstTimestamp") else None
    if first is None:
        first = since(event.get("eventTime"))
    last = since(event.get("lastTimestamp")) if event.get("lastTimestamp") else first
    count = event.get("count") or 0
    series = event.get("series")
    if isinstance(series, dict):
        last = since(series.get("lastObservedTime"))
        count = series.get("count") or 0
    elif not count:
        count = 1  # singleton events carry no count in the new API
    involved = event.get("involvedObject")
    involved = involved if isinstance(involved, dict) else {}
    kind = str(involved.get("kind") or "").lower()
    target = f"{kind}/{involved['name']}" if involved.get("name") else kind
    source = event.get("source")
    source = source if isinstance(source, dict) else {}
    component = source.get("component") or event.get("reportingComponent") or ""
    instance = source.get("host") or event.get("reportingInstance") or ""
    meta = event.get("metadata")
    return {
        "Last Seen": last,
        "Type": event.get("type") or "",
        "Reason": event.get("reason") or "",
        "Object": target,
        "Subobject": involved.get("fieldPath") or "",
        "Source": f"{component}, {instance}" if instance else component,
        "Message": str(event.get("message") or "").strip(),
        "First Seen": first,
        "Count": count,
        "Name": meta.get("name", "") if isinstance(meta, dict) else "",
    }


# (name, description, priority, format) of printEvent's columns, in order.
_COLUMNS = (
    ("Last Seen", "The time at which the most recent occurrence of this event was recorded.", 0),
    ("Type", "Type of this event (Normal, Warning), new types could be added in the future", 0),
    ("Reason", "A short, machine understandable string that gives the reason for the event.", 0),
    ("Object", "The object that this event is about.", 0),
    ("Subobject", "The field path of the piece of the object the event is about.", 1),
    ("Source", "The component reporting this event.", 1),
    ("Message", "A human-readable description of the status of this operation.", 0),
    ("First Seen", "The time at which the event was first recorded.", 1),
    ("Count", "The number of times this event has occurred.", 1),
    ("Name", "Name must be unique within a namespace.", 1),
)


def layout(view: Callable[[Object], Object]) -> tuple[TableColumn, ...]:
    """The Event columns of `kubectl get events`, over objects seen through `view`."""

    def column(name: str, description: str, priority: int) -> TableColumn:
        def cell(obj: Object) -> JSON:
            return _cells(view(obj))[name]

        fmt = "name" if name == "Name" else ""
        return TableColumn(name, "string", cell, fmt, description, priority)

    return tuple(column(*spec) for spec in _COLUMNS)


# -- events.k8s.io/v1 -------------------------------------------------------------------


class EventStrategy(Strategy):
    """An events.k8s.io/v1 Event: legacy and strict validation, `regarding.*` selectors."""

    allow_create_on_update = True
    selectable_fields = tuple(_V1_FIELD_LABELS)

    def validate(self, ctx: RequestContext, obj: Object) -> list[FieldError]:
        read = Reader()
        event = as_core(obj)
        errs = validate_legacy(read, event) + _validate_strict_create(read, event)
        return read.errors + errs

    def validate_update(self, ctx: RequestContext, new: Object, old: Object) -> list[FieldError]:
        read = Reader()
        event = as_core(new)
        errs = validate_legacy(read, event) + _validate_strict_update(read, event, as_core(old))
        return read.errors + errs

    def field_values(self, obj: Object) -> dict[str, str]:
        fields = super().field_values(obj)
        internal = core_field_values(as_core(obj))
        fields.update({label: internal[f] for label, f in _V1_FIELD_LABELS.items()})
        return fields


_LAYOUT = layout(as_core)

EVENTS = ResourceDefinition(
    group="events.k8s.io",
    version="v1",
    resource="events",
    kind="Event",
    singular="event",
    namespaced=True,
    strategy=EventStrategy(),
    name_validator=name_is_dns_subdomain,
    short_names=("ev",),
    columns=framed(_LAYOUT),
    table_layout=tuple(_LAYOUT),
)

DEFINITIONS = (EVENTS,)

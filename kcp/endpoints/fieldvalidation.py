"""`fieldValidation` for built-in kinds: unknown and duplicate fields in request bodies.

Mirrors k8s.io/apiserver pkg/endpoints/handlers (create.go, update.go, patch.go,
rest.go transformDecodeError / addStrictDecodingWarnings). A built-in object is
decoded into its Go type, so unknown fields are always dropped; what the directive
changes is what the client hears about them and about duplicate keys:

- `Strict`: POST/PUT answer 400 BadRequest
  `ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error:
  unknown field "spec", unknown field "data2"`; PATCH answers 422 Invalid
  ` "" is invalid: patch: Invalid value: "<value>": strict decoding error: ...`, where
  the value is the patched object as JSON (json and merge patches) or the patch as Go
  prints a map (strategic merge patches), as upstream's patch.go has it.
- `Warn`: one `Warning` header per problem (`unknown field "spec"`), request succeeds.
- `Ignore`: silence.

Error lists follow sigs.k8s.io/json: at most 100, paths of JSON keys joined by `.`
with `[i]` for list items, unknown fields in document order (sorted for strategic
merge patches, as apimachinery's unstructured converter sorts them), then duplicates
(upstream interleaves the two by position). Duplicates are found in JSON bodies only:
a YAML body's duplicate keys are already lost when it is parsed.
"""

from __future__ import annotations

import json
from decimal import Decimal

import orjson

from kcp.apimachinery.errors import BadRequestError, FieldError, GroupKind, InvalidError
from kcp.apimachinery.goformat import go_quote
from kcp.apimachinery.request import RequestContext
from kcp.apimachinery.unstructured import JSON, Object
from kcp.registry.builtin import openapi
from kcp.registry.resource import ResourceDefinition

__all__ = ["PatchValidation", "duplicate_fields", "go_sprint", "validate_object"]

# sigs.k8s.io/json saveStrictError: "prevent excessive numbers of accumulated errors".
MAX_STRICT_ERRORS = 100
_JSON_PATCH = "application/json-patch+json"
_STRATEGIC_PATCH = "application/strategic-merge-patch+json"
_JSON_PATCH_OP_FIELDS = frozenset({"op", "path", "from", "value"})


class _Pairs(dict[str, JSON]):
    """A decoded JSON object that remembers which of its keys came more than once."""

    duplicates: list[str]


def _pairs(items: list[tuple[str, JSON]]) -> _Pairs:
    obj = _Pairs()
    obj.duplicates = []
    for key, value in items:
        if key in obj and key not in obj.duplicates:
            obj.duplicates.append(key)
        obj[key] = value
    return obj


def _collect_duplicates(value: JSON, path: str, found: list[str]) -> None:
    if isinstance(value, _Pairs):
        found.extend(f"{path}.{key}" if path else key for key in value.duplicates)
        for key, member in value.items():
            _collect_duplicates(member, f"{path}.{key}" if path else key, found)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _collect_duplicates(item, f"{path}[{i}]", found)


def duplicate_fields(content_type: str, body: bytes) -> list[str]:
    """Paths of keys that appear twice in one object of a JSON body."""
    media = content_type.split(";", 1)[0].strip().lower()
    if media and media != "application/json" and not media.endswith("+json"):
        return []
    try:
        decoded = json.loads(body, object_pairs_hook=_pairs)
    except ValueError:
        return []  # the body was decoded already; whatever failed here is not ours
    found: list[str] = []
    _collect_duplicates(decoded, "", found)
    return found


def _errors(unknown: list[str], duplicates: list[str], prefix: str = "") -> list[str]:
    errors = [f"{prefix}unknown field {go_quote(p)}" for p in unknown]
    errors += [f"{prefix}duplicate field {go_quote(p)}" for p in duplicates]
    return errors[:MAX_STRICT_ERRORS]


def _strict_decoding_error(errors: list[str]) -> str:
    return "strict decoding error: " + ", ".join(errors)


def validate_object(
    ctx: RequestContext,
    definition: ResourceDefinition,
    obj: Object,
    content_type: str,
    body: bytes,
) -> Object:
    """The object of a POST or PUT body as a built-in decodes it: unknown fields dropped.

    Raises BadRequestError under `Strict`; queues warnings under `Warn`.
    """
    if not openapi.has_schema(definition.gvk):
        return obj
    pruned, unknown = openapi.prune_and_find_unknown(obj, definition.gvk)
    if ctx.field_validation == "Ignore":
        return pruned
    errors = _errors(unknown, duplicate_fields(content_type, body))
    if errors and ctx.field_validation == "Strict":
        kind, version = definition.kind, definition.version
        raise BadRequestError(
            f'{kind} in version "{version}" cannot be handled as a {kind}: '
            + _strict_decoding_error(errors)
        )
    for error in errors:
        ctx.warn(error)
    return pruned


class PatchValidation:
    """Field validation of one PATCH: the body checked once, each patched result after.

    The Store may apply the patch more than once (a lost race is retried), so warnings
    are kept from the last attempt and queued by `emit_warnings` once it succeeded.
    """

    def __init__(
        self,
        ctx: RequestContext,
        definition: ResourceDefinition,
        content_type: str,
        body: bytes,
        document: JSON,
    ) -> None:
        self.ctx = ctx
        self.definition = definition
        self.content_type = content_type
        self.document = document
        self.enabled = openapi.has_schema(definition.gvk)
        self._body_errors: list[str] = []
        self._warnings: list[str] = []
        if self.enabled and ctx.field_validation != "Ignore":
            is_json_patch = content_type == _JSON_PATCH
            prefix = "json patch " if is_json_patch else ""
            unknown = _json_patch_unknown_fields(document) if is_json_patch else []
            duplicates = duplicate_fields(content_type, body)
            self._body_errors = _errors(unknown, duplicates, prefix)

    def check(self, patched: Object) -> Object:
        """The patched object pruned; raises InvalidError (422) under `Strict`."""
        if not self.enabled:
            return patched
        pruned, unknown = openapi.prune_and_find_unknown(patched, self.definition.gvk)
        if self.ctx.field_validation == "Ignore":
            return pruned
        strategic = self.content_type == _STRATEGIC_PATCH
        if strategic:
            unknown = sorted(unknown)  # apimachinery's unstructured converter sorts them
        errors = (self._body_errors + _errors(unknown, []))[:MAX_STRICT_ERRORS]
        if errors and self.ctx.field_validation == "Strict":
            if strategic:
                shown = go_sprint(self.document)
            else:
                shown = orjson.dumps(patched, option=orjson.OPT_SORT_KEYS).decode()
            cause = FieldError.invalid("patch", shown, _strict_decoding_error(errors))
            raise InvalidError(GroupKind("", ""), "", [cause])
        self._warnings = errors
        return pruned

    def emit_warnings(self) -> None:
        for warning in self._warnings:
            self.ctx.warn(warning)


def _json_patch_unknown_fields(document: JSON) -> list[str]:
    """Members of JSON patch operations other than op/path/from/value (`[0].foo`)."""
    if not isinstance(document, list):
        return []
    return [
        f"[{i}].{key}"
        for i, operation in enumerate(document)
        if isinstance(operation, dict)
        for key in operation
        if key not in _JSON_PATCH_OP_FIELDS
    ]


def go_sprint(value: JSON) -> str:
    """A decoded JSON value as Go's `fmt.Sprintf("%+v", ...)` prints it."""
    if isinstance(value, dict):
        inner = " ".join(f"{key}:{go_sprint(value[key])}" for key in sorted(value))
        return f"map[{inner}]"
    if isinstance(value, list):
        return "[" + " ".join(go_sprint(item) for item in value) + "]"
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _go_float(value)
    return str(value)


def _go_float(value: float) -> str:
    """strconv.FormatFloat(v, 'g', -1, 64): shortest digits, exponent past 1e+06."""
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "+Inf" if value > 0 else "-Inf"
    sign, digits, exponent = Decimal(repr(value)).normalize().as_tuple()
    assert isinstance(exponent, int)
    text = "".join(map(str, digits))
    point = len(text) + exponent  # digits before the decimal point
    minus = "-" if sign else ""
    exp = point - 1
    if exp < -4 or exp >= 6:
        mantissa = text[0] + ("." + text[1:] if len(text) > 1 else "")
        return f"{minus}{mantissa}e{'-' if exp < 0 else '+'}{abs(exp):02d}"
    if point <= 0:
        return f"{minus}0.{'0' * -point}{text}"
    if point >= len(text):
        return f"{minus}{text}{'0' * (point - len(text))}"
    return f"{minus}{text[:point]}.{text[point:]}"

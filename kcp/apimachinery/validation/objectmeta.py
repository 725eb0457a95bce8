"""Validation of `metadata` on create and on update, with upstream's exact messages.

Ported from k8s.io/apimachinery v0.32.4: pkg/api/validation/objectmeta.go
(`ValidateObjectMetaAccessor`, `ValidateObjectMetaAccessorUpdate` and their helpers),
pkg/api/validation/generic.go (`ValidateNonnegativeField`) and
pkg/apis/meta/v1/validation/validation.go (`ValidateLabels`, `ValidateManagedFields`).
Checks run in upstream's order, so a multi-error `Invalid` Status reads the same.

Objects are decoded JSON, not Go structs, so two things happen here that Go's decoder
does for upstream:

- null and absent fields are Go's zero values (`""`, `0`, no labels, nil pointers);
- a field of the wrong JSON type is reported as `FieldValueTypeInvalid` with the
  detail "must be of type <type>" and the JSON type it had as the value (upstream
  would fail earlier, at decoding), and is then left out of the other checks.

Whatever the input, the validators return errors; they never raise.

Upstream prints some bad values with Go's `%#v` or `Stringer` (finalizer lists, owner
references, timestamps). Those values are passed to `FieldError` as `GoValue`s that
render the same text, so kubectl prints what it prints against a real apiserver. The
one exception is an owner reference's `controller` pointer: Go prints its address
(`(*bool)(0xc000123456)`), shown here as the value it points at (`(*bool)(true)`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from kcp.apimachinery.errors import FieldError
from kcp.apimachinery.goformat import go_quote
from kcp.apimachinery.unstructured import json_type
from kcp.apimachinery.validation.names import (
    NameValidator,
    byte_len,
    is_qualified_name,
    is_valid_label_value,
    validate_namespace_name,
)
from kcp.apimachinery.validation.path import Path

__all__ = [
    "BANNED_OWNERS",
    "FIELD_IMMUTABLE_ERROR_MSG",
    "FIELD_MANAGER_MAX_LENGTH",
    "FINALIZER_DELETE_DEPENDENTS",
    "FINALIZER_ORPHAN_DEPENDENTS",
    "IS_NEGATIVE_ERROR_MSG",
    "MAX_SUBRESOURCE_NAME_LENGTH",
    "TOTAL_ANNOTATION_SIZE_LIMIT_B",
    "GoValue",
    "validate_annotations",
    "validate_field_manager",
    "validate_finalizers",
    "validate_label_name",
    "validate_labels",
    "validate_managed_fields",
    "validate_no_new_finalizers",
    "validate_nonnegative_field",
    "validate_object_meta",
    "validate_object_meta_update",
    "validate_owner_references",
]

FIELD_IMMUTABLE_ERROR_MSG = "field is immutable"
IS_NEGATIVE_ERROR_MSG = "must be greater than or equal to 0"
TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * 1024
FIELD_MANAGER_MAX_LENGTH = 128
MAX_SUBRESOURCE_NAME_LENGTH = 256
FINALIZER_ORPHAN_DEPENDENTS = "orphan"
FINALIZER_DELETE_DEPENDENTS = "foregroundDeletion"
BANNED_OWNERS = frozenset({("", "v1", "Event")})
"""(group, version, kind) of objects that may not own others."""

_METADATA = Path("metadata")
_MANAGED_FIELDS_OPERATIONS = ("Apply", "Update")
_GO_ZERO_TIME = "0001-01-01 00:00:00 +0000 UTC"
# Upstream shows a nil pointer as the *string* "null", so it is printed quoted.
_GO_NIL = "null"


@dataclass(frozen=True, slots=True, repr=False)
class GoValue:
    """A bad value shown as Go prints it (`%#v`, `String()`); `FieldError` shows its repr."""

    text: str

    def __repr__(self) -> str:
        return self.text


# -- create -----------------------------------------------------------------------------


def validate_object_meta(
    meta: object,
    *,
    namespaced: bool,
    name_validator: NameValidator,
    path: Path = _METADATA,
) -> list[FieldError]:
    """Check an object's `metadata` on create (`ValidateObjectMetaAccessor`).

    Name generation must already have happened: `name` is required, and a
    `generateName` is checked with `name_validator(generate_name, True)`.
    `namespaced` says whether the kind lives in namespaces (namespace required) or
    is cluster-scoped (namespace forbidden).
    """
    errs: list[FieldError] = []
    fields = _read(meta, path, errs)
    if fields is None:
        return errs
    generate_name = _string(fields, "generateName", path, errs)
    name = _string(fields, "name", path, errs)
    namespace = _string(fields, "namespace", path, errs)
    generation = _integer(fields, "generation", path, errs)

    if generate_name:
        errs += _invalid_each(
            path.child("generateName"), generate_name, name_validator(generate_name, True)
        )
    if name == "":
        errs.append(
            FieldError.required(str(path.child("name")), "name or generateName is required")
        )
    elif name is not None:
        errs += _invalid_each(path.child("name"), name, name_validator(name, False))
    if namespaced:
        if namespace == "":
            errs.append(FieldError.required(str(path.child("namespace"))))
        elif namespace is not None:
            msgs = validate_namespace_name(namespace, False)
            errs += _invalid_each(path.child("namespace"), namespace, msgs)
    elif namespace:
        errs.append(FieldError.forbidden(str(path.child("namespace")), "not allowed on this type"))

    if isinstance(generation, int):
        errs += validate_nonnegative_field(generation, path.child("generation"))
    errs += validate_labels(fields.get("labels"), path.child("labels"))
    errs += validate_annotations(fields.get("annotations"), path.child("annotations"))
    errs += validate_owner_references(fields.get("ownerReferences"), path.child("ownerReferences"))
    errs += validate_finalizers(fields.get("finalizers"), path.child("finalizers"))
    errs += validate_managed_fields(fields.get("managedFields"), path.child("managedFields"))
    return errs


# -- update -----------------------------------------------------------------------------


def validate_object_meta_update(
    new_meta: object, old_meta: object, path: Path = _METADATA
) -> list[FieldError]:
    """Check `metadata` on update (`ValidateObjectMetaAccessorUpdate`).

    Identity and lifecycle fields are immutable, a resourceVersion is required,
    generation may not go down, and no finalizer may be added once deletion started.
    Labels, annotations, owner references and managed fields are checked as on
    create; names and finalizer formats are not, as upstream does not recheck them.
    `old_meta` is the stored object's metadata; wrong types in it are not reported.
    """
    errs: list[FieldError] = []
    new = _read(new_meta, path, errs)
    if new is None:
        return errs
    old = _read(old_meta, path, []) or {}
    new_finalizers = _string_list(new.get("finalizers"), path.child("finalizers"), errs)
    resource_version = _string(new, "resourceVersion", path, errs)
    new_generation = _integer(new, "generation", path, errs)
    immutable = [
        ("name", _string(new, "name", path, errs), _string(old, "name", path, [])),
        ("namespace", _string(new, "namespace", path, errs), _string(old, "namespace", path, [])),
        ("uid", _string(new, "uid", path, errs), _string(old, "uid", path, [])),
    ]
    new_created = _timestamp(new, "creationTimestamp", path, errs)
    new_deleted = _timestamp(new, "deletionTimestamp", path, errs)
    new_grace = _integer(new, "deletionGracePeriodSeconds", path, errs)
    old_created = _timestamp(old, "creationTimestamp", path, [])
    old_deleted = _timestamp(old, "deletionTimestamp", path, [])

    if old_deleted is not None and new_finalizers is not None:
        old_finalizers = _string_list(old.get("finalizers"), path, []) or []
        errs += validate_no_new_finalizers(new_finalizers, old_finalizers, path.child("finalizers"))
    if resource_version == "":
        errs.append(
            FieldError.invalid(
                str(path.child("resourceVersion")), "", "must be specified for an update"
            )
        )
    old_generation = _int_or_none(_integer(old, "generation", path, [])) or 0
    if not isinstance(new_generation, _WrongType) and (new_generation or 0) < old_generation:
        errs.append(
            FieldError.invalid(
                str(path.child("generation")), new_generation or 0, "must not be decremented"
            )
        )

    for key, new_value, old_value in immutable:
        if new_value is not None and new_value != (old_value or ""):
            errs.append(_immutable(path.child(key), new_value))
    if not _same_time(new_created, old_created):
        errs.append(
            _immutable(path.child("creationTimestamp"), _go_time(new_created, pointer=False))
        )
    if not _same_time(new_deleted, old_deleted):
        errs.append(
            _immutable(path.child("deletionTimestamp"), _go_time(new_deleted, pointer=True))
        )
    old_grace = _integer(old, "deletionGracePeriodSeconds", path, [])
    if not isinstance(new_grace, _WrongType) and new_grace != _int_or_none(old_grace):
        shown = _GO_NIL if new_grace is None else new_grace
        errs.append(_immutable(path.child("deletionGracePeriodSeconds"), shown))

    errs += validate_labels(new.get("labels"), path.child("labels"))
    errs += validate_annotations(new.get("annotations"), path.child("annotations"))
    errs += validate_owner_references(new.get("ownerReferences"), path.child("ownerReferences"))
    errs += validate_managed_fields(new.get("managedFields"), path.child("managedFields"))
    return errs


def validate_no_new_finalizers(
    new_finalizers: Sequence[str], old_finalizers: Sequence[str], path: Path
) -> list[FieldError]:
    """`ValidateNoNewFinalizers`: an object being deleted may only lose finalizers."""
    extra = sorted(set(new_finalizers) - set(old_finalizers))
    if not extra:
        return []
    return [
        FieldError.forbidden(
            str(path),
            "no new finalizers can be added if the object is being deleted, "
            f"found new finalizers {_go_string_slice(extra)}",
        )
    ]


# -- the parts --------------------------------------------------------------------------


def validate_nonnegative_field(value: int, path: Path) -> list[FieldError]:
    """`ValidateNonnegativeField`: integers such as `generation` may not be negative."""
    if value < 0:
        return [FieldError.invalid(str(path), value, IS_NEGATIVE_ERROR_MSG)]
    return []


def validate_label_name(name: str, path: Path) -> list[FieldError]:
    """`ValidateLabelName`: a label key is a qualified name."""
    return _invalid_each(path, name, is_qualified_name(name))


def validate_labels(labels: object, path: Path) -> list[FieldError]:
    """`ValidateLabels`: qualified-name keys and label values, reported at `path`."""
    errs: list[FieldError] = []
    for key, value in _string_map(labels, path, errs).items():
        errs += validate_label_name(key, path)
        errs += _invalid_each(path, value, is_valid_label_value(value))
    return errs


def validate_annotations(annotations: object, path: Path) -> list[FieldError]:
    """`ValidateAnnotations`: qualified-name keys in any case, 256 KiB of keys and values."""
    errs: list[FieldError] = []
    entries = _string_map(annotations, path, errs)
    for key in entries:
        # The rule is a qualified name in which case does not matter.
        errs += _invalid_each(path, key, is_qualified_name(_go_lower(key)))
    total = sum(byte_len(key) + byte_len(value) for key, value in entries.items())
    if total > TOTAL_ANNOTATION_SIZE_LIMIT_B:
        errs.append(FieldError.too_long(str(path), "", TOTAL_ANNOTATION_SIZE_LIMIT_B))
    return errs


def validate_finalizers(finalizers: object, path: Path) -> list[FieldError]:
    """`ValidateFinalizers`: qualified names, and not both `orphan` and `foregroundDeletion`."""
    errs: list[FieldError] = []
    names = _string_list(finalizers, path, errs) or []
    for name in names:
        errs += _invalid_each(path, name, is_qualified_name(name))
    if FINALIZER_ORPHAN_DEPENDENTS in names and FINALIZER_DELETE_DEPENDENTS in names:
        errs.append(
            FieldError.invalid(
                str(path),
                GoValue(_go_string_slice(names)),
                f"finalizer {FINALIZER_ORPHAN_DEPENDENTS} and {FINALIZER_DELETE_DEPENDENTS} "
                "cannot be both set",
            )
        )
    return errs


def validate_owner_references(references: object, path: Path) -> list[FieldError]:
    """`ValidateOwnerReferences`: complete references, no banned owner, one controller.

    Errors about a single reference are reported at `path` plus the field, without
    an index, as upstream does.
    """
    errs: list[FieldError] = []
    refs = []
    for index, item in enumerate(_list(references, path, errs)):
        ref = _owner_reference(item, path.index(index), errs)
        if ref is not None:
            refs.append(ref)
    first_controller = ""
    for ref in refs:
        errs += _validate_owner_reference(ref, path)
        if ref.controller:
            current = f"{ref.kind}/{ref.name}"
            if first_controller:
                errs.append(
                    FieldError.invalid(
                        str(path),
                        GoValue(_go_owner_references(refs)),
                        'Only one reference can have Controller set to true. Found "true" in '
                        f"references for {first_controller} and {current}",
                    )
                )
            else:
                first_controller = current
    return errs


def validate_field_manager(manager: str, path: Path) -> list[FieldError]:
    """`ValidateFieldManager`: at most 128 bytes, printable characters only."""
    errs = []
    if byte_len(manager) > FIELD_MANAGER_MAX_LENGTH:
        errs.append(FieldError.too_long(str(path), "", FIELD_MANAGER_MAX_LENGTH))
    position = 0  # Go ranges over a string by byte offset
    for char in manager:
        if not _is_print(char):
            detail = f"invalid character U+{ord(char):04X} (at position {position})"
            errs.append(FieldError.invalid(str(path), manager, detail))
        position += byte_len(char)
    return errs


def validate_managed_fields(entries: object, path: Path) -> list[FieldError]:
    """`ValidateManagedFields`: operation, fieldsType, manager and subresource of each entry."""
    errs: list[FieldError] = []
    for index, item in enumerate(_list(entries, path, errs)):
        entry_path = path.index(index)
        entry = _read(item, entry_path, errs)
        if entry is None:
            continue
        operation = _string(entry, "operation", entry_path, errs)
        fields_type = _string(entry, "fieldsType", entry_path, errs)
        manager = _string(entry, "manager", entry_path, errs)
        subresource = _string(entry, "subresource", entry_path, errs)
        if operation is not None and operation not in _MANAGED_FIELDS_OPERATIONS:
            errs.append(
                FieldError.invalid(
                    str(entry_path.child("operation")), operation, "must be `Apply` or `Update`"
                )
            )
        if fields_type and fields_type != "FieldsV1":
            errs.append(
                FieldError.invalid(
                    str(entry_path.child("fieldsType")), fields_type, "must be `FieldsV1`"
                )
            )
        if manager is not None:
            errs += validate_field_manager(manager, entry_path.child("manager"))
        if subresource is not None and byte_len(subresource) > MAX_SUBRESOURCE_NAME_LENGTH:
            errs.append(
                FieldError.too_long(
                    str(entry_path.child("subresource")), "", MAX_SUBRESOURCE_NAME_LENGTH
                )
            )
    return errs


def _immutable(path: Path, value: object) -> FieldError:
    return FieldError.invalid(str(path), value, FIELD_IMMUTABLE_ERROR_MSG)


def _invalid_each(path: Path, value: object, msgs: list[str]) -> list[FieldError]:
    """One `Invalid` error per message of a format check."""
    return [FieldError.invalid(str(path), value, msg) for msg in msgs]


# -- owner references -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _OwnerReference:
    api_version: str
    kind: str
    name: str
    uid: str
    controller: bool | None
    block_owner_deletion: bool | None


def _owner_reference(item: object, path: Path, errs: list[FieldError]) -> _OwnerReference | None:
    fields = _read(item, path, errs)
    if fields is None:
        return None
    return _OwnerReference(
        api_version=_string(fields, "apiVersion", path, errs) or "",
        kind=_string(fields, "kind", path, errs) or "",
        name=_string(fields, "name", path, errs) or "",
        uid=_string(fields, "uid", path, errs) or "",
        controller=_boolean(fields, "controller", path, errs),
        block_owner_deletion=_boolean(fields, "blockOwnerDeletion", path, errs),
    )


def _validate_owner_reference(ref: _OwnerReference, path: Path) -> list[FieldError]:
    errs = []
    group, version = _parse_group_version(ref.api_version)
    if not version:
        errs.append(
            FieldError.invalid(
                str(path.child("apiVersion")), ref.api_version, "version must not be empty"
            )
        )
    if not ref.kind:
        errs.append(FieldError.invalid(str(path.child("kind")), ref.kind, "kind must not be empty"))
    if not ref.name:
        errs.append(FieldError.invalid(str(path.child("name")), ref.name, "name must not be empty"))
    if not ref.uid:
        errs.append(FieldError.invalid(str(path.child("uid")), ref.uid, "uid must not be empty"))
    if (group, version, ref.kind) in BANNED_OWNERS:
        errs.append(
            FieldError.invalid(
                str(path),
                GoValue(_go_owner_reference(ref)),
                f"{group}/{version}, Kind={ref.kind} is disallowed from being an owner",
            )
        )
    return errs


def _parse_group_version(api_version: str) -> tuple[str, str]:
    """`schema.FromAPIVersionAndKind`'s reading of apiVersion; unparsable means empty."""
    if api_version in ("", "/"):
        return "", ""
    parts = api_version.split("/")
    if len(parts) == 1:
        return "", api_version
    if len(parts) == 2:
        return parts[0], parts[1]
    return "", ""


# -- reading decoded JSON with Go's zero values -----------------------------------------


class _WrongType:
    """The marker of a field whose JSON type was wrong (already reported)."""


_WRONG_TYPE = _WrongType()


def _type_error(path: Path, value: object, expected: str) -> FieldError:
    return FieldError(
        "FieldValueTypeInvalid", str(path), f"must be of type {expected}", json_type(value)
    )


def _read(value: object, path: Path, errs: list[FieldError]) -> Mapping[str, object] | None:
    """An object; null is an empty one, anything else is reported and gives None."""
    if value is None:
        return {}
    if isinstance(value, Mapping):
        return value
    errs.append(_type_error(path, value, "object"))
    return None


def _string(
    fields: Mapping[str, object], key: str, path: Path, errs: list[FieldError]
) -> str | None:
    """A string field: absent or null is "", a wrong type is reported and gives None."""
    value = fields.get(key)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    errs.append(_type_error(path.child(key), value, "string"))
    return None


def _integer(
    fields: Mapping[str, object], key: str, path: Path, errs: list[FieldError]
) -> int | _WrongType | None:
    """An integer field, None when absent or null (a nil pointer)."""
    value = fields.get(key)
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    errs.append(_type_error(path.child(key), value, "integer"))
    return _WRONG_TYPE


def _int_or_none(value: int | _WrongType | None) -> int | None:
    return value if isinstance(value, int) else None


def _boolean(
    fields: Mapping[str, object], key: str, path: Path, errs: list[FieldError]
) -> bool | None:
    value = fields.get(key)
    if value is None or isinstance(value, bool):
        return value
    errs.append(_type_error(path.child(key), value, "boolean"))
    return None


def _timestamp(
    fields: Mapping[str, object], key: str, path: Path, errs: list[FieldError]
) -> str | _WrongType | None:
    value = fields.get(key)
    if value is None or isinstance(value, str):
        return value
    errs.append(_type_error(path.child(key), value, "string"))
    return _WRONG_TYPE


def _list(value: object, path: Path, errs: list[FieldError]) -> Sequence[object]:
    if value is None:
        return ()
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        return value
    errs.append(_type_error(path, value, "array"))
    return ()


def _string_list(value: object, path: Path, errs: list[FieldError]) -> list[str] | None:
    """A list of strings; None when the list itself has the wrong type."""
    if value is not None and (not isinstance(value, Sequence) or isinstance(value, str | bytes)):
        errs.append(_type_error(path, value, "array"))
        return None
    strings = []
    for index, item in enumerate(value or ()):
        if isinstance(item, str):
            strings.append(item)
        else:
            errs.append(_type_error(path.index(index), item, "string"))
    return strings


def _string_map(value: object, path: Path, errs: list[FieldError]) -> dict[str, str]:
    """A map of strings; entries of the wrong type are reported and left out."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        errs.append(_type_error(path, value, "object"))
        return {}
    entries = {}
    for key, item in value.items():
        if not isinstance(key, str):
            errs.append(_type_error(path, key, "string"))
        elif not isinstance(item, str):
            errs.append(_type_error(path.key(key), item, "string"))
        else:
            entries[key] = item
    return entries


# -- timestamps -------------------------------------------------------------------------


def _parse_time(value: str) -> datetime | None:
    """The instant of an RFC 3339 timestamp, in UTC; None when it is not one Python can hold."""
    try:
        parsed = datetime.fromisoformat(value)
        return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    except (ValueError, OverflowError):
        return None


def _same_time(new: str | _WrongType | None, old: str | _WrongType | None) -> bool:
    """Semantic equality of two `metav1.Time`s: the same instant, or both unset."""
    if isinstance(new, _WrongType) or isinstance(old, _WrongType):
        return True
    if new is None or old is None:
        return new is old
    new_time, old_time = _parse_time(new), _parse_time(old)
    if new_time is None or old_time is None:
        return new == old
    return new_time == old_time


def _go_time(value: str | _WrongType | None, *, pointer: bool) -> object:
    """A timestamp as upstream shows it: `metav1.Time.String()`, or null for a nil pointer."""
    if value is None:
        return _GO_NIL if pointer else GoValue(_GO_ZERO_TIME)
    if isinstance(value, _WrongType):
        return _GO_NIL
    parsed = _parse_time(value)
    if parsed is None:
        return value
    fraction = f".{parsed.microsecond:06d}".rstrip("0") if parsed.microsecond else ""
    return GoValue(f"{parsed:%Y-%m-%d %H:%M:%S}{fraction} +0000 UTC")


# -- Go's spelling of values ------------------------------------------------------------

_GO_ESCAPES = {
    "\a": r"\a",
    "\b": r"\b",
    "\f": r"\f",
    "\n": r"\n",
    "\r": r"\r",
    "\t": r"\t",
    "\v": r"\v",
}


def _is_print(char: str) -> bool:
    """Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and ' '."""
    return char == " " or unicodedata.category(char)[0] in "LMNPS"


def _go_lower(value: str) -> str:
    """Go's `strings.ToLower`: simple case mapping, so 'İ' becomes 'i' as in Go."""
    return "".join("i" if char == "\u0130" else char.lower() for char in value)


def _go_string_slice(values: Sequence[str]) -> str:
    """`%#v` of a `[]string`."""
    return "[]string{" + ", ".join(go_quote(v) for v in values) + "}"


def _go_bool_pointer(value: bool | None) -> str:
    # Go prints the pointer's address; the value it points at is more use to a reader.
    return "(*bool)(nil)" if value is None else f"(*bool)({'true' if value else 'false'})"


def _go_owner_reference(ref: _OwnerReference) -> str:
    """`%#v` of a `metav1.OwnerReference`."""
    return (
        f"v1.OwnerReference{{APIVersion:{go_quote(ref.api_version)}, Kind:{go_quote(ref.kind)}, "
        f"Name:{go_quote(ref.name)}, UID:{go_quote(ref.uid)}, "
        f"Controller:{_go_bool_pointer(ref.controller)}, "
        f"BlockOwnerDeletion:{_go_bool_pointer(ref.block_owner_deletion)}}}"
    )


def _go_owner_references(refs: Sequence[_OwnerReference]) -> str:
    """`%#v` of a `[]metav1.OwnerReference`."""
    return "[]v1.OwnerReference{" + ", ".join(_go_owner_reference(r) for r in refs) + "}"

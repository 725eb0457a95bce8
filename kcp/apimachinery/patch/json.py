"""RFC 6902 JSON Patch (`application/json-patch+json`) on decoded JSON values.

`apply_json_patch(document, patch)` runs the operations in order on a private copy of
the document and returns it; the caller's document and patch are never touched, and a
failing operation leaves nothing half-applied (all or nothing, RFC 6902 section 5).
Pointers follow RFC 6901: "" is the whole document, `~1` is "/", `~0` is "~", and "-"
names the slot after a list's last element (for add, and the destination of move and
copy).

Status codes mirror the apiserver (handlers/patch.go `applyJSPatch`, vendoring
gopkg.in/evanphx/json-patch.v4), not the letter of RFC 5789:

- 400 BadRequest only when the body is not a list of objects (json-patch's
  `DecodePatch`); a `null` body is an empty patch, as there;
- 413 when it has more than `MAX_OPERATIONS` operations;
- 422 Invalid for everything found while applying: an unknown `op`, a malformed or
  missing pointer, a missing member, a failed `test`, a copy that grows the document
  past `MAX_COPY_BYTES`. Upstream decides these in `Patch.Apply`, so they share its
  generic 422.

Where json-patch v4 departs from the RFC (it takes negative indices, reads a missing
`value` as null, resolves "a/b" as if it were "/b", and cannot address the root) we
follow the RFC.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from kcp.apimachinery.errors import BadRequestError
from kcp.apimachinery.patch.errors import PatchNotApplicableError, TooManyOperationsError
from kcp.apimachinery.patch.jsonvalue import JSON, clone, go_kind, json_equal

__all__ = ["MAX_COPY_BYTES", "MAX_OPERATIONS", "apply_json_patch", "decode_json_patch"]

# handlers/patch.go maxJSONPatchOperations.
MAX_OPERATIONS = 10_000
# apiserver Config.JSONPatchMaxCopyBytes (3 MiB), which becomes json-patch's
# AccumulatedCopySizeLimit: without it, a few thousand `copy` ops of the root double
# the document each time.
MAX_COPY_BYTES = 3 * 1024 * 1024

_ARRAY_INDEX = re.compile(r"0|[1-9][0-9]*")
_BAD_ESCAPE = re.compile(r"~(?![01])")
_OPS = frozenset({"add", "remove", "replace", "move", "copy", "test"})


def decode_json_patch(patch: JSON) -> list[Mapping[str, JSON]]:
    """Check the patch's shape (a list of objects) and count; raise 400 or 413."""
    if patch is None:
        return []
    if not isinstance(patch, list):
        raise BadRequestError(
            f"json: cannot unmarshal {go_kind(patch)} into Go value of type jsonpatch.Patch"
        )
    operations: list[Mapping[str, JSON]] = []
    for operation in patch:
        if operation is None:
            operations.append({})
        elif isinstance(operation, dict):
            operations.append(operation)
        else:
            raise BadRequestError(
                f"json: cannot unmarshal {go_kind(operation)} into Go value of type "
                "jsonpatch.Operation"
            )
    if len(operations) > MAX_OPERATIONS:
        raise TooManyOperationsError(MAX_OPERATIONS, len(operations))
    return operations


def apply_json_patch(document: JSON, patch: JSON) -> JSON:
    """Apply an RFC 6902 patch; return the new document. Raises 400, 413 or 422."""
    operations = decode_json_patch(patch)
    applier = _Applier(clone(document))
    try:
        for operation in operations:
            applier.apply(operation)
    except RecursionError as err:
        raise PatchNotApplicableError("document nesting is too deep") from err
    return applier.document


def _parse_pointer(pointer: str) -> list[str]:
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        raise PatchNotApplicableError(f'JSON pointer "{pointer}" does not start with "/"')
    segments = pointer[1:].split("/")
    for segment in segments:
        if _BAD_ESCAPE.search(segment):
            raise PatchNotApplicableError(f'JSON pointer "{pointer}" has an invalid "~" escape')
    return [segment.replace("~1", "/").replace("~0", "~") for segment in segments]


def _list_index(segment: str, pointer: str, length: int, *, insert: bool) -> int:
    """A segment as an index into a list of `length`; `insert` allows `length` and "-"."""
    if insert and segment == "-":
        return length
    if not _ARRAY_INDEX.fullmatch(segment):
        raise PatchNotApplicableError(f"invalid array index {segment!r} in path: {pointer}")
    if len(segment) > len(str(length)):
        raise PatchNotApplicableError(f"Unable to access invalid index: {segment} in {pointer}")
    index = int(segment)
    if index > length or (index == length and not insert):
        raise PatchNotApplicableError(f"Unable to access invalid index: {index} in {pointer}")
    return index


class _Applier:
    """Owns the working copy; each method changes it in place or raises."""

    def __init__(self, document: JSON) -> None:
        self.document = document
        self.copied_bytes = 0

    def apply(self, operation: Mapping[str, JSON]) -> None:
        op = operation.get("op")
        if not isinstance(op, str) or op not in _OPS:
            kind = op if isinstance(op, str) else "unknown"
            raise PatchNotApplicableError(f"Unexpected kind: {kind}")
        path = self._pointer(operation, "path", op)
        if op == "add":
            self._add(path, self._value(operation, op))
        elif op == "remove":
            self._remove(path)
        elif op == "replace":
            self._replace(path, self._value(operation, op))
        elif op == "test":
            expected = self._value(operation, op)
            actual = self._get(path, f"test operation does not apply: is missing path: {path}")
            if not json_equal(actual, expected):
                raise PatchNotApplicableError(f"testing value {path} failed: test failed")
        else:
            self._move_or_copy(op, self._pointer(operation, "from", op), path)

    @staticmethod
    def _pointer(operation: Mapping[str, JSON], member: str, op: str) -> str:
        pointer = operation.get(member)
        if not isinstance(pointer, str):
            raise PatchNotApplicableError(f"{op} operation has no string {member!r} member")
        return pointer

    @staticmethod
    def _value(operation: Mapping[str, JSON], op: str) -> JSON:
        if "value" not in operation:
            raise PatchNotApplicableError(f"{op} operation is missing its value")
        return clone(operation["value"])

    def _parent(self, path: str, missing: str) -> tuple[JSON, str]:
        """The container holding the last segment of `path`, and that segment."""
        segments = _parse_pointer(path)
        if not segments:
            raise PatchNotApplicableError(missing)
        node = self.document
        for segment in segments[:-1]:
            if isinstance(node, dict):
                if segment not in node:
                    raise PatchNotApplicableError(missing)
                node = node[segment]
            elif isinstance(node, list):
                node = node[_list_index(segment, path, len(node), insert=False)]
            else:
                raise PatchNotApplicableError(missing)
        return node, segments[-1]

    def _get(self, path: str, missing: str) -> JSON:
        if path == "":
            return self.document
        parent, segment = self._parent(path, missing)
        if isinstance(parent, dict):
            if segment not in parent:
                raise PatchNotApplicableError(missing)
            return parent[segment]
        if isinstance(parent, list):
            return parent[_list_index(segment, path, len(parent), insert=False)]
        raise PatchNotApplicableError(missing)

    def _add(self, path: str, value: JSON) -> None:
        if path == "":
            self.document = value
            return
        missing = f'add operation does not apply: doc is missing path: "{path}"'
        parent, segment = self._parent(path, missing)
        if isinstance(parent, dict):
            parent[segment] = value
        elif isinstance(parent, list):
            parent.insert(_list_index(segment, path, len(parent), insert=True), value)
        else:
            raise PatchNotApplicableError(missing)

    def _replace(self, path: str, value: JSON) -> None:
        if path == "":
            self.document = value
            return
        missing = f"replace operation does not apply: doc is missing key: {path}"
        parent, segment = self._parent(path, missing)
        if isinstance(parent, dict):
            if segment not in parent:
                raise PatchNotApplicableError(missing)
            parent[segment] = value
        elif isinstance(parent, list):
            parent[_list_index(segment, path, len(parent), insert=False)] = value
        else:
            raise PatchNotApplicableError(missing)

    def _remove(self, path: str) -> JSON:
        missing = f'remove operation does not apply: doc is missing path: "{path}"'
        parent, segment = self._parent(path, missing)
        if isinstance(parent, dict):
            if segment not in parent:
                raise PatchNotApplicableError(f"Unable to remove nonexistent key: {segment}")
            return parent.pop(segment)
        if isinstance(parent, list):
            return parent.pop(_list_index(segment, path, len(parent), insert=False))
        raise PatchNotApplicableError(missing)

    def _move_or_copy(self, op: str, source: str, path: str) -> None:
        missing = f"{op} operation does not apply: doc is missing from path: {source}"
        value = self._get(source, missing)
        if op == "move":
            from_segments, path_segments = _parse_pointer(source), _parse_pointer(path)
            if path_segments[: len(from_segments)] == from_segments:
                if len(path_segments) == len(from_segments):
                    return  # moving a value onto itself changes nothing
                raise PatchNotApplicableError(f"cannot move {source} into its own child {path}")
            self._remove(source)
            self._add(path, value)
            return
        self.copied_bytes += _encoded_size(value)
        if self.copied_bytes > MAX_COPY_BYTES:
            raise PatchNotApplicableError(
                "Unable to complete the copy, the accumulated size increase of copy is "
                f"{self.copied_bytes}, exceeding the limit {MAX_COPY_BYTES}"
            )
        self._add(path, clone(value))


def _encoded_size(value: JSON) -> int:
    """About how many bytes `value` takes as compact JSON, without encoding it."""
    if isinstance(value, dict):
        return 1 + sum(_encoded_size(key) + 2 + _encoded_size(item) for key, item in value.items())
    if isinstance(value, list):
        return 1 + sum(_encoded_size(item) + 1 for item in value)
    if isinstance(value, str):
        return len(value.encode()) + 2
    if isinstance(value, bool) or value is None:
        return 5
    if isinstance(value, int):
        return value.bit_length() // 3 + 1
    return 24  # a float's shortest round-trip repr

"""Patches on JSON values: RFC 6902 JSON patch, RFC 7386 merge patch, strategic merge.

Pure functions on decoded JSON (dicts, lists, scalars), never on bytes and never in
place: each returns a new document and leaves its arguments untouched. Failures are
API errors ready for the edge: 400 for a malformed patch, 413 for an over-long JSON
patch, 422 for a patch that does not apply (see `errors`). The strategic merge needs
patch metadata per type, described by `schema.PatchSchema`. `create_merge_patch` and
`create_two_way_merge_patch` compute patches between two versions of an object.
"""

from kcp.apimachinery.patch.errors import (
    GENERIC_INVALID_MESSAGE,
    PatchNotApplicableError,
    TooManyOperationsError,
)
from kcp.apimachinery.patch.json import (
    MAX_COPY_BYTES,
    MAX_OPERATIONS,
    apply_json_patch,
    decode_json_patch,
)
from kcp.apimachinery.patch.jsonvalue import JSON, JSONObject
from kcp.apimachinery.patch.merge import (
    apply_merge_patch,
    apply_merge_patch_to_object,
    create_merge_patch,
)
from kcp.apimachinery.patch.schema import (
    ATOMIC,
    FREE_FORM,
    OBJECT_META_SCHEMA,
    PatchSchema,
    map_of,
    merge_list,
    object_schema,
    struct,
)
from kcp.apimachinery.patch.strategic import apply_strategic_merge_patch
from kcp.apimachinery.patch.twoway import create_two_way_merge_patch

__all__ = [
    "ATOMIC",
    "FREE_FORM",
    "GENERIC_INVALID_MESSAGE",
    "JSON",
    "MAX_COPY_BYTES",
    "MAX_OPERATIONS",
    "OBJECT_META_SCHEMA",
    "JSONObject",
    "PatchNotApplicableError",
    "PatchSchema",
    "TooManyOperationsError",
    "apply_json_patch",
    "apply_merge_patch",
    "apply_merge_patch_to_object",
    "apply_strategic_merge_patch",
    "create_merge_patch",
    "create_two_way_merge_patch",
    "decode_json_patch",
    "map_of",
    "merge_list",
    "object_schema",
    "struct",
]

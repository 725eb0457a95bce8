"""LIST: one consistent page of a resource, filtered, with continue tokens.

The resourceVersion rules are upstream's (k8s.io/apiserver pkg/storage/etcd3/store.go
GetList and the API conventions):

| resourceVersion | match        | reads                                               |
|-----------------|--------------|-----------------------------------------------------|
| "" or "0"       | -            | the current state                                   |
| N               | "" no limit  | NotOlderThan N                                      |
| N               | "" + limit   | Exact N (legacy paging)                             |
| N               | NotOlderThan | the current state, which must be at or after N       |
| N               | Exact        | the state at N (410 Expired if compacted)           |

Every page of a paginated list is read at the revision of the first, carried in the
continue token, so the pages together are one snapshot. Selectors filter after the
read, and storage is read in pages until `limit` matches are found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kcp.apimachinery.continue_token import decode_continue, encode_continue
from kcp.apimachinery.errors import (
    BadRequestError,
    ExpiredError,
    FieldError,
    GroupKind,
    InvalidError,
)
from kcp.apimachinery.request import RequestContext
from kcp.apimachinery.resource_version import parse_resource_version
from kcp.apimachinery.unstructured import Object
from kcp.registry import interpret
from kcp.registry.options import ListOptions
from kcp.storage import codec
from kcp.storage.errors import CompactedError, StorageError
from kcp.storage.interface import prefix_end

if TYPE_CHECKING:
    from kcp.registry.store import Store

__all__ = ["list_objects", "matches", "scope_prefix"]

# Keys read from storage per round trip while filtering with selectors.
_READ_BATCH = 500

_LIST_OPTIONS = GroupKind("meta.k8s.io", "ListOptions")

EXPIRED_CONTINUE_MESSAGE = (
    "The provided continue parameter is too old to display a consistent list result. You can "
    "start a new list without the continue parameter, or use the continue token in this "
    "response to retrieve the remainder of the results. Continuing with the provided token "
    "results in an inconsistent list - objects that were created, modified, or deleted "
    "between the time the first chunk was returned and now may show up in the list."
)


def scope_prefix(store: Store, ctx: RequestContext) -> str:
    keys = store.keys
    if ctx.cluster.is_wildcard:
        return keys.prefix
    if keys.namespaced and ctx.namespace:
        return keys.namespace_prefix(ctx.cluster, ctx.namespace)
    return keys.cluster_prefix(ctx.cluster)


def matches(store: Store, obj: Object, options: ListOptions) -> bool:
    if options.label_selector is not None:
        labels = obj.get("metadata", {}).get("labels") or {}
        if not options.label_selector.matches(labels):
            return False
    if options.field_selector is not None:
        fields = store.definition.strategy.field_values(obj)
        if not options.field_selector.matches(fields):
            return False
    return True


def _read_revision(options: ListOptions) -> tuple[int, bool]:
    """(revision to read at or 0 for current, whether it must be exact)."""
    rv, match = options.resource_version, options.resource_version_match
    if match and not rv:
        raise InvalidError(
            _LIST_OPTIONS,
            "",
            [
                FieldError.forbidden(
                    "resourceVersionMatch",
                    "resourceVersionMatch is forbidden unless resourceVersion is provided",
                )
            ],
        )
    if match == "Exact" and rv == "0":
        raise InvalidError(
            _LIST_OPTIONS,
            "",
            [
                FieldError.forbidden(
                    "resourceVersionMatch",
                    'resourceVersionMatch "exact" is forbidden for resourceVersion "0"',
                )
            ],
        )
    revision = parse_resource_version(rv)
    if revision == 0:
        return 0, False
    exact = match == "Exact" or (not match and options.limit > 0)
    return revision, exact


async def list_objects(store: Store, ctx: RequestContext, options: ListOptions) -> Object:
    prefix = scope_prefix(store, ctx)
    end = prefix_end(prefix)
    if options.continue_token:
        if options.resource_version not in ("", "0"):
            raise BadRequestError("specifying resource version is not allowed when using continue")
        token = decode_continue(options.continue_token)
        revision, start = token.revision, prefix + token.start
    else:
        requested, exact = _read_revision(options)
        start = prefix
        revision = requested if exact else 0
        if requested and not exact:
            current = await store.storage.current_revision()
            if current < requested:
                raise interpret.too_large_resource_version(requested, current)
    items: list[Object] = []
    last_key = ""
    more = False
    remaining = 0
    try:
        while True:
            batch = max(options.limit - len(items), 0) if options.limit else 0
            if options.label_selector is not None or options.field_selector is not None:
                batch = _READ_BATCH if options.limit else 0
            page = await store.storage.range(start, end, revision=revision, limit=batch)
            revision = revision or page.revision
            for index, kv in enumerate(page.kvs):
                obj = store._with_type(codec.decode(kv))
                if matches(store, obj, options):
                    items.append(obj)
                    last_key = kv.key
                    if options.limit and len(items) == options.limit:
                        more = index < len(page.kvs) - 1 or page.more
                        remaining = page.count - index - 1
                        break
            else:
                if page.more and page.kvs:
                    start = page.kvs[-1].key + "\0"
                    continue
            break
    except CompactedError as err:
        if options.continue_token:
            raise ExpiredError(EXPIRED_CONTINUE_MESSAGE) from err
        raise interpret.storage_error(err, store.definition, "") from err
    except StorageError as err:
        raise interpret.storage_error(err, store.definition, "") from err

    metadata: dict[str, object] = {"resourceVersion": str(revision)}
    if more:
        metadata["continue"] = encode_continue(revision, last_key[len(prefix) :] + "\0")
        if options.label_selector is None and options.field_selector is None:
            metadata["remainingItemCount"] = remaining
    return {
        "apiVersion": store.definition.api_version,
        "kind": store.definition.list_kind,
        "metadata": metadata,
        "items": items,
    }

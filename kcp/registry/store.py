"""The generic Store: create, get, list, update, delete and watch for any resource.

Mechanics per verb live here once; what differs per type comes from the resource's
`Strategy`. Mirrors k8s.io/apiserver pkg/registry/generic/registry/store.go and
rest/create.go (BeforeCreate: namespace -> generateName -> server fields -> prepare ->
validate), rest/update.go (BeforeUpdate) and rest/delete.go (finalizers and graceful
deletion). Storage errors become API errors in `kcp.registry.interpret`.
"""

from __future__ import annotations

import asyncio
import datetime
import secrets
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from kcp.apimachinery.errors import (
    OPTIMISTIC_LOCK_MESSAGE,
    AlreadyExistsError,
    BadRequestError,
    ConflictError,
    FieldError,
    InvalidError,
    NotFoundError,
)
from kcp.apimachinery.request import RequestContext
from kcp.apimachinery.unstructured import Object, deep_copy, meta_of
from kcp.apimachinery.validation.objectmeta import (
    validate_object_meta,
    validate_object_meta_update,
)
from kcp.registry import interpret
from kcp.registry.admission import NO_ADMISSION, Admission, Attributes
from kcp.registry.lister import list_objects
from kcp.registry.options import DeleteOptions, ListOptions, PropagationPolicy
from kcp.registry.resource import ResourceDefinition
from kcp.storage import codec, conditional
from kcp.storage.errors import KeyExistsError, RevisionMismatchError, StorageError
from kcp.storage.interface import KeyValue, Storage

__all__ = ["Store", "UpdateResult", "now_rfc3339"]

CLUSTER_ANNOTATION = "kcp.io/cluster"
# Upstream's generateName alphabet: no vowels, no confusable characters.
_NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"
_GENERATE_NAME_SUFFIX = 5
# Attempts at a free generated name before giving up (upstream RetryGenerateName: 8).
_GENERATE_NAME_ATTEMPTS = 8
# Read-modify-write attempts for updates without a resourceVersion precondition.
_UPDATE_ATTEMPTS = 16
# The garbage collector's finalizers (metav1.FinalizerOrphanDependents, ...DeleteDependents).
ORPHAN_FINALIZER = "orphan"
FOREGROUND_FINALIZER = "foregroundDeletion"
_GC_FINALIZERS = (ORPHAN_FINALIZER, FOREGROUND_FINALIZER)

Transform = Callable[[Object], Awaitable[Object]]


def _with_gc_finalizers(obj: Object, policy: PropagationPolicy) -> Object:
    """`obj` with the garbage collector's finalizers a DELETE with `policy` asks for.

    Upstream's deletionFinalizersForGarbageCollection (rest/delete.go): Orphan adds
    `orphan`, Foreground adds `foregroundDeletion`, an explicit Background removes
    both, and no policy keeps what the object has. Returns `obj` itself when the set
    of finalizers does not change, else a copy.
    """
    if not policy:
        return obj
    finalizers: list[str] = list(obj.get("metadata", {}).get("finalizers") or [])
    wanted = [f for f in finalizers if f not in _GC_FINALIZERS]
    if policy == "Orphan":
        wanted.append(ORPHAN_FINALIZER)
    elif policy == "Foreground":
        wanted.append(FOREGROUND_FINALIZER)
    if set(wanted) == set(finalizers):
        return obj
    changed = deep_copy(obj)
    if wanted:
        changed["metadata"]["finalizers"] = wanted
    else:
        changed["metadata"].pop("finalizers", None)
    return changed


def _annotate_cluster(meta: dict[str, Any], ctx: RequestContext) -> None:
    """Every stored object names its logical cluster (kcp's `kcp.io/cluster`)."""
    annotations = meta.get("annotations")
    if not isinstance(annotations, dict):
        annotations = meta["annotations"] = {}
    annotations[CLUSTER_ANNOTATION] = ctx.cluster.value


def _random_suffix() -> str:
    return "".join(secrets.choice(_NAME_ALPHABET) for _ in range(_GENERATE_NAME_SUFFIX))


def now_rfc3339() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True, slots=True)
class UpdateResult:
    obj: Object
    created: bool


class Store:
    """The verbs of one resource over the storage contract."""

    def __init__(
        self,
        definition: ResourceDefinition,
        storage: Storage,
        admission: Admission = NO_ADMISSION,
    ) -> None:
        self.definition = definition
        self.storage = storage
        self.admission = admission
        self.keys = definition.keys

    # -- helpers -------------------------------------------------------------------

    def key(self, ctx: RequestContext, name: str) -> str:
        namespace = ctx.namespace if self.definition.namespaced else None
        return self.keys.object_key(ctx.cluster, namespace, name)

    def _with_type(self, obj: Object) -> Object:
        obj["apiVersion"] = self.definition.api_version
        obj["kind"] = self.definition.kind
        return obj

    def _not_found(self, name: str) -> NotFoundError:
        return NotFoundError(self.definition.group_resource, name)

    def _invalid(self, name: str, errors: list[FieldError]) -> InvalidError:
        return InvalidError(self.definition.group_kind, name, errors)

    def _check_namespace(self, ctx: RequestContext, obj: Object) -> None:
        meta = meta_of(obj)
        if not self.definition.namespaced:
            meta.pop("namespace", None)
            return
        body_namespace = meta.get("namespace")
        if body_namespace and body_namespace != ctx.namespace:
            raise BadRequestError(
                "the namespace of the provided object does not match the namespace sent on the "
                "request"
            )
        meta["namespace"] = ctx.namespace

    async def _read(self, ctx: RequestContext, name: str) -> tuple[Object, KeyValue]:
        key = self.key(ctx, name)
        try:
            result = await self.storage.range(key)
        except StorageError as err:
            raise interpret.storage_error(err, self.definition, name) from err
        if not result.kvs:
            raise self._not_found(name)
        kv = result.kvs[0]
        return self._with_type(codec.decode(kv)), kv

    # -- get / list ----------------------------------------------------------------

    async def get(self, ctx: RequestContext, name: str) -> Object:
        obj, _ = await self._read(ctx, name)
        return obj

    async def list(self, ctx: RequestContext, options: ListOptions) -> Object:
        return await list_objects(self, ctx, options)

    # -- create --------------------------------------------------------------------

    async def create(self, ctx: RequestContext, obj: Object) -> Object:
        obj = deep_copy(obj)
        self._check_namespace(ctx, obj)
        meta = meta_of(obj)
        generate = not meta.get("name") and bool(meta.get("generateName"))
        for _ in range(_GENERATE_NAME_ATTEMPTS if generate else 1):
            if generate:
                suffix = "".join(
                    secrets.choice(_NAME_ALPHABET) for _ in range(_GENERATE_NAME_SUFFIX)
                )
                meta["name"] = f"{meta['generateName']}{suffix}"
            try:
                return await self._create_once(ctx, obj)
            except AlreadyExistsError:
                if not generate:
                    raise
        raise AlreadyExistsError(self.definition.group_resource, str(meta.get("name")))

    async def _create_once(self, ctx: RequestContext, obj: Object) -> Object:
        obj = deep_copy(obj)
        self._with_type(obj)
        meta = meta_of(obj)
        for server_owned in (
            "uid",
            "resourceVersion",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "selfLink",
        ):
            meta.pop(server_owned, None)
        meta["uid"] = str(uuid.uuid4())
        meta["creationTimestamp"] = now_rfc3339()
        _annotate_cluster(meta, ctx)
        if self.definition.strategy.tracks_generation:
            meta["generation"] = 1
        else:
            meta.pop("generation", None)
        self.definition.strategy.prepare_for_create(ctx, obj)
        errors = validate_object_meta(
            meta,
            namespaced=self.definition.namespaced,
            name_validator=self.definition.name_validator,
        )
        errors += self.definition.strategy.validate(ctx, obj)
        name = str(meta.get("name", ""))
        if errors:
            raise self._invalid(name, errors)
        await self.admission.validate(
            ctx, Attributes("CREATE", self.definition, name, ctx.namespace, obj)
        )
        key = self.key(ctx, name)
        if ctx.dry_run:
            existing = await self.storage.range(key, count_only=True)
            if existing.count:
                raise AlreadyExistsError(self.definition.group_resource, name)
            return obj
        try:
            revision = await conditional.create(self.storage, key, codec.encode(obj))
        except KeyExistsError as err:
            raise AlreadyExistsError(self.definition.group_resource, name) from err
        except StorageError as err:
            raise interpret.storage_error(err, self.definition, name) from err
        meta["resourceVersion"] = str(revision)
        return obj

    # -- update --------------------------------------------------------------------

    async def update(
        self, ctx: RequestContext, name: str, obj: Object, *, subresource: str = ""
    ) -> UpdateResult:
        """PUT: replace the object, guarded by its resourceVersion when it carries one."""

        async def replace(_current: Object) -> Object:
            return deep_copy(obj)

        return await self.guaranteed_update(
            ctx, name, replace, subresource=subresource, create_from=obj
        )

    async def guaranteed_update(
        self,
        ctx: RequestContext,
        name: str,
        transform: Transform,
        *,
        subresource: str = "",
        create_from: Object | None = None,
    ) -> UpdateResult:
        """Read, transform, write if unchanged since the read; retry lost races.

        A transform result carrying `metadata.resourceVersion` is a precondition: a
        mismatch with the stored object is a Conflict and is never retried.
        """
        strategy = self.definition.strategy
        for _ in range(_UPDATE_ATTEMPTS):
            try:
                old, kv = await self._read(ctx, name)
            except NotFoundError:
                if create_from is not None and strategy.allow_create_on_update and not subresource:
                    return UpdateResult(await self.create(ctx, create_from), created=True)
                raise
            new = await transform(deep_copy(old))
            if not isinstance(new, dict):
                raise BadRequestError("the object to update must be a JSON object")
            self._check_namespace(ctx, new)
            new_meta = meta_of(new)
            if new_meta.get("name", name) != name:
                raise BadRequestError(
                    "the name of the object "
                    f"({new_meta.get('name')}) does not match the name on the URL ({name})"
                )
            precondition = str(new_meta.get("resourceVersion") or "")
            if not precondition and not strategy.allow_unconditional_update:
                raise self._invalid(
                    name,
                    [
                        FieldError.invalid(
                            "metadata.resourceVersion", "", "must be specified for an update"
                        )
                    ],
                )
            if precondition and precondition != str(kv.mod_revision):
                raise ConflictError(self.definition.group_resource, name, OPTIMISTIC_LOCK_MESSAGE)
            self._with_type(new)
            if subresource:
                # Each subresource a type serves has its own prepare step
                # (prepare_for_status_update, prepare_for_approval_update, ...).
                prepare = getattr(strategy, f"prepare_for_{subresource}_update", None)
                if prepare is None:
                    raise NotFoundError.plain()
                prepare(ctx, new, old)
            else:
                strategy.prepare_for_update(ctx, new, old)
            new_meta = meta_of(new)
            old_meta = old["metadata"]
            for owned in (
                "uid",
                "creationTimestamp",
                "deletionTimestamp",
                "deletionGracePeriodSeconds",
            ):
                if owned in old_meta:
                    new_meta[owned] = old_meta[owned]
                else:
                    new_meta.pop(owned, None)
            new_meta["name"] = name
            _annotate_cluster(new_meta, ctx)
            self._set_generation(new, old)
            # The precondition was checked above; the update is against the stored version.
            new_meta["resourceVersion"] = old_meta["resourceVersion"]
            errors = validate_object_meta_update(new_meta, old_meta)
            errors += validate_object_meta(
                new_meta,
                namespaced=self.definition.namespaced,
                name_validator=self.definition.name_validator,
            )
            errors += strategy.validate_update(ctx, new, old)
            if errors:
                raise self._invalid(name, errors)
            if new == old:
                return UpdateResult(old, created=False)  # a no-op writes nothing
            await self.admission.validate(
                ctx,
                Attributes("UPDATE", self.definition, name, ctx.namespace, new, old, subresource),
            )
            if ctx.dry_run:
                return UpdateResult(new, created=False)
            if old_meta.get("deletionTimestamp") and not strategy.blocks_deletion(new):
                # The last finalizer is gone: the update completes the deletion.
                await self._delete_key(ctx, name, kv.mod_revision)
                return UpdateResult(new, created=False)
            try:
                revision = await conditional.update(
                    self.storage, self.key(ctx, name), codec.encode(new), kv.mod_revision
                )
            except RevisionMismatchError:
                if precondition:
                    raise ConflictError(
                        self.definition.group_resource, name, OPTIMISTIC_LOCK_MESSAGE
                    ) from None
                continue
            except StorageError as err:
                raise interpret.storage_error(err, self.definition, name) from err
            new_meta["resourceVersion"] = str(revision)
            return UpdateResult(new, created=False)
        raise ConflictError(self.definition.group_resource, name, OPTIMISTIC_LOCK_MESSAGE)

    def _set_generation(self, new: Object, old: Object) -> None:
        new_meta, old_meta = new["metadata"], old["metadata"]
        if not self.definition.strategy.tracks_generation:
            new_meta.pop("generation", None)
            return
        generation = int(old_meta.get("generation", 1))
        ignored = ("metadata", "status", "apiVersion", "kind")
        spec_changed = {k: v for k, v in new.items() if k not in ignored} != {
            k: v for k, v in old.items() if k not in ignored
        }
        new_meta["generation"] = generation + 1 if spec_changed else generation

    # -- delete --------------------------------------------------------------------

    async def delete(
        self, ctx: RequestContext, name: str, options: DeleteOptions
    ) -> tuple[Object, bool]:
        """Delete, or mark for deletion while finalizers remain.

        Returns the object and whether it is gone now (False: it waits on finalizers).
        """
        for attempt in range(_UPDATE_ATTEMPTS):
            obj, kv = await self._read(ctx, name)
            meta = obj["metadata"]
            if attempt == 0:
                await self.admission.validate(
                    ctx, Attributes("DELETE", self.definition, name, ctx.namespace, None, obj)
                )
            pre = options.preconditions
            if pre.uid is not None and pre.uid != meta.get("uid"):
                raise ConflictError(
                    self.definition.group_resource,
                    name,
                    f"Precondition failed: UID in precondition: {pre.uid}, "
                    f"UID in object meta: {meta.get('uid', '')}",
                )
            if pre.resource_version is not None and pre.resource_version != meta["resourceVersion"]:
                raise ConflictError(
                    self.definition.group_resource,
                    name,
                    "Precondition failed: ResourceVersion in precondition: "
                    f"{pre.resource_version}, ResourceVersion in object meta: "
                    f"{meta['resourceVersion']}",
                )
            candidate = _with_gc_finalizers(obj, options.propagation_policy)
            if self.definition.strategy.blocks_deletion(candidate):
                if meta.get("deletionTimestamp") and candidate is obj:
                    return obj, False
                marked = candidate if candidate is not obj else deep_copy(obj)
                if not marked["metadata"].get("deletionTimestamp"):
                    marked["metadata"]["deletionTimestamp"] = now_rfc3339()
                    marked["metadata"]["deletionGracePeriodSeconds"] = 0
                    self.definition.strategy.mark_deleting(marked)
                if ctx.dry_run:
                    return marked, False
                try:
                    revision = await conditional.update(
                        self.storage, kv.key, codec.encode(marked), kv.mod_revision
                    )
                except RevisionMismatchError:
                    continue
                except StorageError as err:
                    raise interpret.storage_error(err, self.definition, name) from err
                marked["metadata"]["resourceVersion"] = str(revision)
                return marked, False
            if ctx.dry_run:
                return obj, True
            try:
                await self._delete_key(ctx, name, kv.mod_revision)
            except ConflictError:
                continue
            return obj, True
        raise ConflictError(self.definition.group_resource, name, OPTIMISTIC_LOCK_MESSAGE)

    async def _delete_key(self, ctx: RequestContext, name: str, mod_revision: int) -> None:
        try:
            await conditional.delete(self.storage, self.key(ctx, name), mod_revision)
        except RevisionMismatchError as err:
            raise ConflictError(
                self.definition.group_resource, name, OPTIMISTIC_LOCK_MESSAGE
            ) from err
        except StorageError as err:
            raise interpret.storage_error(err, self.definition, name) from err

    async def delete_collection(
        self, ctx: RequestContext, list_options: ListOptions, options: DeleteOptions
    ) -> Object:
        listed = await self.list(ctx, list_options)
        deleted: list[Any] = []
        for item in listed["items"]:
            try:
                obj, _ = await self.delete(ctx, item["metadata"]["name"], options)
            except NotFoundError:
                continue
            deleted.append(obj)
            await asyncio.sleep(0)
        listed["items"] = deleted
        return listed

"""Conditional writes, written once over `Storage.txn` for every backend.

These are the three writes the registry makes: create-if-absent, update-if-unchanged
and delete-if-unchanged. Each is one transaction whose failure branch reads the key,
so a lost race costs no second round trip and the error says what was found, as
k8s.io/apiserver's etcd3 store does with `If(...).Then(...).Else(Get)`.
"""

from __future__ import annotations

from kcp.storage.errors import KeyExistsError, KeyNotFoundError, RevisionMismatchError
from kcp.storage.interface import Compare, Delete, Get, KeyValue, Put, Storage

__all__ = ["create", "delete", "update"]


async def create(storage: Storage, key: str, value: bytes) -> int:
    """Write `key` only if absent; return the new revision.

    Raises KeyExistsError carrying the present key's mod_revision.
    """
    result = await storage.txn([Compare.absent(key)], [Put(key, value)], [Get(key)])
    if not result.succeeded:
        found = result.results[0]
        raise KeyExistsError(key, found.mod_revision if found is not None else 0)
    return result.revision


async def update(storage: Storage, key: str, value: bytes, mod_revision: int) -> int:
    """Overwrite `key` only if it is still at `mod_revision`; return the new revision.

    Raises KeyNotFoundError if the key is gone, RevisionMismatchError if it changed.
    """
    result = await storage.txn(
        [Compare.unchanged(key, mod_revision)], [Put(key, value)], [Get(key)]
    )
    if not result.succeeded:
        _raise_mismatch(key, mod_revision, result.results[0])
    return result.revision


async def delete(storage: Storage, key: str, mod_revision: int = 0) -> tuple[KeyValue, int]:
    """Delete `key`, only if it is at `mod_revision` when that is non-zero.

    Returns the deleted kv and the revision of the delete. Raises KeyNotFoundError
    when the key is absent, RevisionMismatchError when it changed.
    """
    compares = [Compare.unchanged(key, mod_revision)] if mod_revision else []
    result = await storage.txn(compares, [Delete(key)], [Get(key)])
    deleted = result.results[0]
    if not result.succeeded:
        _raise_mismatch(key, mod_revision, deleted)
    if deleted is None:
        raise KeyNotFoundError(key)
    return deleted, result.revision


def _raise_mismatch(key: str, expected: int, found: KeyValue | None) -> None:
    if found is None:
        raise KeyNotFoundError(key)
    raise RevisionMismatchError(key, expected, found.mod_revision)

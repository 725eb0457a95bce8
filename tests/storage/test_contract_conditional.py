"""Storage contract: the conditional writes of `kcp.storage.conditional` on each backend.

create-if-absent, update-if-unchanged and delete-if-unchanged are one txn each; a lost
race raises an error that says what was found (the present key's mod_revision), so the
registry can answer AlreadyExists or Conflict without re-reading.
"""

from __future__ import annotations

import pytest

from kcp.storage import conditional
from kcp.storage.errors import KeyExistsError, KeyNotFoundError, RevisionMismatchError
from kcp.storage.interface import KeyValue, Storage


async def get(storage: Storage, key: str) -> KeyValue | None:
    kvs = (await storage.range(key)).kvs
    return kvs[0] if kvs else None


async def test_create_absent_key_writes_it_and_returns_its_revision(storage: Storage) -> None:
    rev = await conditional.create(storage, "/k", b"v")
    assert await get(storage, "/k") == KeyValue("/k", b"v", rev, rev, 1)


async def test_create_existing_key_raises_key_exists_with_its_mod_revision(
    storage: Storage,
) -> None:
    created = await conditional.create(storage, "/k", b"v1")
    updated = await conditional.update(storage, "/k", b"v2", created)
    with pytest.raises(KeyExistsError) as caught:
        await conditional.create(storage, "/k", b"v3")
    assert (caught.value.key, caught.value.mod_revision) == ("/k", updated)
    assert await get(storage, "/k") == KeyValue("/k", b"v2", created, updated, 2)


async def test_create_deleted_key_starts_a_new_incarnation(storage: Storage) -> None:
    created = await conditional.create(storage, "/k", b"v1")
    await conditional.delete(storage, "/k", created)
    again = await conditional.create(storage, "/k", b"v2")
    assert again > created
    assert await get(storage, "/k") == KeyValue("/k", b"v2", again, again, 1)


async def test_update_unchanged_key_writes_it_and_returns_the_new_revision(
    storage: Storage,
) -> None:
    created = await conditional.create(storage, "/k", b"v1")
    updated = await conditional.update(storage, "/k", b"v2", created)
    assert updated > created
    assert await get(storage, "/k") == KeyValue("/k", b"v2", created, updated, 2)


async def test_update_stale_revision_raises_mismatch_with_the_found_mod_revision(
    storage: Storage,
) -> None:
    created = await conditional.create(storage, "/k", b"v1")
    updated = await conditional.update(storage, "/k", b"v2", created)
    with pytest.raises(RevisionMismatchError) as caught:
        await conditional.update(storage, "/k", b"stale", created)
    err = caught.value
    assert (err.key, err.expected_mod_revision, err.actual_mod_revision) == (
        "/k",
        created,
        updated,
    )
    assert await get(storage, "/k") == KeyValue("/k", b"v2", created, updated, 2)


async def test_update_absent_key_raises_key_not_found(storage: Storage) -> None:
    with pytest.raises(KeyNotFoundError) as caught:
        await conditional.update(storage, "/never", b"v", 1)
    assert caught.value.key == "/never"

    created = await conditional.create(storage, "/k", b"v1")
    await conditional.delete(storage, "/k")
    with pytest.raises(KeyNotFoundError):
        await conditional.update(storage, "/k", b"v2", created)
    assert await get(storage, "/k") is None


async def test_delete_unchanged_key_returns_the_deleted_kv_and_revision(
    storage: Storage,
) -> None:
    created = await conditional.create(storage, "/k", b"v1")
    deleted, rev = await conditional.delete(storage, "/k", created)
    assert deleted == KeyValue("/k", b"v1", created, created, 1)
    assert rev > created
    assert await get(storage, "/k") is None


async def test_delete_without_revision_deletes_whatever_is_there(storage: Storage) -> None:
    created = await conditional.create(storage, "/k", b"v1")
    updated = await conditional.update(storage, "/k", b"v2", created)
    deleted, rev = await conditional.delete(storage, "/k")
    assert deleted == KeyValue("/k", b"v2", created, updated, 2)
    assert rev > updated
    assert await get(storage, "/k") is None


async def test_delete_stale_revision_raises_mismatch_and_keeps_the_key(storage: Storage) -> None:
    created = await conditional.create(storage, "/k", b"v1")
    updated = await conditional.update(storage, "/k", b"v2", created)
    with pytest.raises(RevisionMismatchError) as caught:
        await conditional.delete(storage, "/k", created)
    assert (caught.value.expected_mod_revision, caught.value.actual_mod_revision) == (
        created,
        updated,
    )
    assert await get(storage, "/k") == KeyValue("/k", b"v2", created, updated, 2)


@pytest.mark.parametrize("mod_revision", [0, 7], ids=["unconditional", "conditional"])
async def test_delete_absent_key_raises_key_not_found(storage: Storage, mod_revision: int) -> None:
    await conditional.create(storage, "/other", b"x")
    with pytest.raises(KeyNotFoundError) as caught:
        await conditional.delete(storage, "/absent", mod_revision)
    assert caught.value.key == "/absent"


async def test_failed_conditional_writes_keep_the_revision(fresh_storage: Storage) -> None:
    store = fresh_storage
    created = await conditional.create(store, "/k", b"v1")
    with pytest.raises(KeyExistsError):
        await conditional.create(store, "/k", b"again")
    with pytest.raises(RevisionMismatchError):
        await conditional.update(store, "/k", b"stale", created - 1)
    with pytest.raises(RevisionMismatchError):
        await conditional.delete(store, "/k", created + 1)
    with pytest.raises(KeyNotFoundError):
        await conditional.delete(store, "/absent")
    with pytest.raises(KeyNotFoundError):
        await conditional.update(store, "/absent", b"v", created)
    assert await store.current_revision() == created

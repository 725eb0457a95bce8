"""Storage contract: transactions, revisions and the numbers on each KeyValue.

Runs against every backend (`storage`, `fresh_storage` in conftest.py). Real etcd is
the reference: each expectation here is what etcd v3 does. Tests on the shared etcd
(`storage`) only compare revisions with revisions they observed; tests that count
revisions exactly use `fresh_storage`, whose store nobody else writes.
"""

from __future__ import annotations

import operator
from collections.abc import Callable

import pytest

from kcp.storage.interface import (
    Compare,
    CompareOp,
    CompareTarget,
    Delete,
    Get,
    KeyValue,
    Put,
    Storage,
    TxnOp,
)


async def put(storage: Storage, key: str, value: bytes) -> int:
    return (await storage.txn([], [Put(key, value)])).revision


async def get(storage: Storage, key: str) -> KeyValue | None:
    kvs = (await storage.range(key)).kvs
    return kvs[0] if kvs else None


async def test_kv_numbers_follow_create_update_delete_recreate(storage: Storage) -> None:
    created = await put(storage, "/k", b"v1")
    assert await get(storage, "/k") == KeyValue("/k", b"v1", created, created, 1)

    updated = await put(storage, "/k", b"v2")
    assert updated > created
    assert await get(storage, "/k") == KeyValue("/k", b"v2", created, updated, 2)

    deleted = await storage.txn([], [Delete("/k")])
    assert deleted.revision > updated
    assert deleted.results == (KeyValue("/k", b"v2", created, updated, 2),)
    gone = await storage.range("/k")
    assert (gone.kvs, gone.count, gone.more) == ((), 0, False)

    recreated = await put(storage, "/k", b"v3")
    assert recreated > deleted.revision
    assert await get(storage, "/k") == KeyValue("/k", b"v3", recreated, recreated, 1)


async def test_revision_starts_at_one_and_grows_by_one_per_changing_txn(
    fresh_storage: Storage,
) -> None:
    store = fresh_storage
    assert await store.current_revision() == 1

    assert await put(store, "/a", b"1") == 2
    multi = await store.txn([], [Put("/b", b"1"), Put("/c", b"1"), Put("/a", b"2")])
    assert multi.revision == 3
    assert (await store.txn([], [Delete("/b")])).revision == 4
    mixed = await store.txn([Compare.absent("/d")], [Put("/d", b"1"), Delete("/c")])
    assert (mixed.succeeded, mixed.revision) == (True, 5)
    # Rewriting the same value is still a change.
    assert await put(store, "/d", b"1") == 6
    assert await store.current_revision() == 6


async def test_txn_that_changes_nothing_keeps_the_revision(fresh_storage: Storage) -> None:
    store = fresh_storage
    written = await put(store, "/a", b"1")
    no_ops: dict[str, tuple[list[Compare], list[TxnOp], list[TxnOp]]] = {
        "failed compare, read-only failure": (
            [Compare.absent("/a")],
            [Put("/a", b"x")],
            [Get("/a")],
        ),
        "failed compare, no failure ops": ([Compare.absent("/a")], [Delete("/a")], []),
        "read-only success": ([], [Get("/a"), Get("/none")], []),
        "delete of an absent key": ([], [Delete("/none")], []),
        "empty txn": ([], [], []),
    }
    for name, (compares, success, failure) in no_ops.items():
        result = await store.txn(compares, success, failure)
        assert result.revision == written, name
        assert await store.current_revision() == written, name
    assert await get(store, "/a") == KeyValue("/a", b"1", written, written, 1)


async def test_multi_key_txn_writes_every_key_at_one_revision(storage: Storage) -> None:
    before = await put(storage, "/old", b"0")
    result = await storage.txn([], [Put("/new1", b"1"), Put("/old", b"2"), Put("/new2", b"3")])
    assert result.revision > before
    rng = await storage.range("/", "/z")
    assert rng.kvs == (
        KeyValue("/new1", b"1", result.revision, result.revision, 1),
        KeyValue("/new2", b"3", result.revision, result.revision, 1),
        KeyValue("/old", b"2", before, result.revision, 2),
    )


async def test_txn_result_revision_is_the_store_revision_after_it(storage: Storage) -> None:
    written = await put(storage, "/a", b"1")
    before = await storage.current_revision()
    failed = await storage.txn([Compare.absent("/a")], [Put("/a", b"2")], [Get("/a")])
    after = await storage.current_revision()
    assert not failed.succeeded
    assert written <= before <= failed.revision <= after

    changed = await storage.txn([], [Put("/a", b"3")])
    kv = await get(storage, "/a")
    assert kv is not None
    assert changed.revision == kv.mod_revision > after


@pytest.mark.parametrize("target", list(CompareTarget), ids=lambda t: t.name)
async def test_compare_on_absent_key_reads_zero(storage: Storage, target: CompareTarget) -> None:
    await put(storage, "/other", b"x")  # the store is not empty, the key is
    cases = [
        (CompareOp.EQUAL, 0, True),
        (CompareOp.NOT_EQUAL, 0, False),
        (CompareOp.GREATER, 0, False),
        (CompareOp.LESS, 1, True),
        (CompareOp.LESS, 0, False),
        (CompareOp.NOT_EQUAL, 5, True),
    ]
    for op, value, holds in cases:
        result = await storage.txn([Compare("/absent", target, op, value)], [Get("/other")], [])
        assert result.succeeded is holds, (op, value)


_OPS: dict[CompareOp, Callable[[int, int], bool]] = {
    CompareOp.EQUAL: operator.eq,
    CompareOp.NOT_EQUAL: operator.ne,
    CompareOp.LESS: operator.lt,
    CompareOp.GREATER: operator.gt,
}


@pytest.mark.parametrize("op", list(CompareOp), ids=lambda o: o.name)
@pytest.mark.parametrize("target", list(CompareTarget), ids=lambda t: t.name)
async def test_compare_target_op_against_lower_equal_and_higher_values(
    storage: Storage, target: CompareTarget, op: CompareOp
) -> None:
    # Give the key three distinct numbers: create_revision < mod_revision, version 3.
    await put(storage, "/k", b"1")
    await put(storage, "/spacer", b"x")
    await put(storage, "/k", b"2")
    await put(storage, "/k", b"3")
    kv = await get(storage, "/k")
    assert kv is not None
    assert kv.create_revision < kv.mod_revision
    assert kv.version == 3
    actual = {
        CompareTarget.CREATE: kv.create_revision,
        CompareTarget.MOD: kv.mod_revision,
        CompareTarget.VERSION: kv.version,
    }[target]
    for value in (actual - 1, actual, actual + 1):
        holds = _OPS[op](actual, value)
        result = await storage.txn(
            [Compare("/k", target, op, value)], [Get("/k")], [Get("/spacer")]
        )
        assert result.succeeded is holds, f"{target.name} {op.value} {value} (actual {actual})"
        assert result.results[0] is not None
        assert result.results[0].key == ("/k" if holds else "/spacer")


async def test_txn_applies_failure_branch_when_any_compare_fails(storage: Storage) -> None:
    rev = await put(storage, "/a", b"1")
    result = await storage.txn(
        [Compare.unchanged("/a", rev), Compare.absent("/a")],
        [Put("/a", b"success"), Put("/s", b"1")],
        [Put("/f", b"failure")],
    )
    assert not result.succeeded
    assert result.results == (None,)
    assert await get(storage, "/a") == KeyValue("/a", b"1", rev, rev, 1)
    assert await get(storage, "/s") is None
    assert await get(storage, "/f") == KeyValue(
        "/f", b"failure", result.revision, result.revision, 1
    )


async def test_txn_results_hold_one_entry_per_op_in_order(storage: Storage) -> None:
    first = await put(storage, "/a", b"1")
    old_a = KeyValue("/a", b"1", first, first, 1)
    result = await storage.txn(
        [],
        [
            Get("/a"),
            Put("/a", b"2", prev_kv=True),
            Get("/a"),
            Put("/b", b"1", prev_kv=True),
            Put("/c", b"1"),
            Delete("/absent"),
            Get("/missing"),
        ],
    )
    rev = result.revision
    assert result.succeeded
    assert result.results == (
        old_a,  # Get: the kv at read time, before the Put below
        old_a,  # Put(prev_kv=True): the kv before the op
        KeyValue("/a", b"2", first, rev, 2),  # Get after the Put in the same txn
        None,  # Put(prev_kv=True) of an absent key
        None,  # Put(prev_kv=False)
        None,  # Delete of an absent key
        None,  # Get of an absent key
    )

    deleted = await storage.txn([], [Delete("/a"), Delete("/c"), Get("/c")])
    assert deleted.results == (
        KeyValue("/a", b"2", first, rev, 2),
        KeyValue("/c", b"1", rev, rev, 1),
        None,
    )


async def test_put_without_prev_kv_of_existing_key_yields_none(storage: Storage) -> None:
    await put(storage, "/a", b"1")
    result = await storage.txn([], [Put("/a", b"2")])
    assert result.results == (None,)

"""The embedded store beyond the shared contract suite: restarts, group commit, its
watch fallback for slow consumers, physical compaction, and shutdown.

The cross-backend rules are in tests/storage/test_contract_*.py; these tests cover
what only a store that owns its files and threads can get wrong.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from kcp.storage import conditional
from kcp.storage.embedded import schema, watch
from kcp.storage.embedded.backend import EmbeddedStorage
from kcp.storage.errors import (
    CompactedError,
    InvalidRequestError,
    RevisionMismatchError,
    StorageClosedError,
    StorageUnavailableError,
    ValueTooLargeError,
)
from kcp.storage.interface import RANGE_ALL, Delete, EventType, Get, Put, prefix_end
from tests.helpers.watches import WatchReader


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[EmbeddedStorage]:
    store = await EmbeddedStorage.open(tmp_path / "store", progress_interval=0.2)
    try:
        yield store
    finally:
        await store.close()


def _log_rows(directory: Path) -> list[tuple[str, int, int]]:
    """(key, revision, deleted) of every row in the log, read after the store closed."""
    with contextlib.closing(sqlite3.connect(directory / schema.DATABASE_FILE)) as conn:
        rows = conn.execute("SELECT key, id, deleted FROM log ORDER BY id").fetchall()
    return [(key, schema.revision_of(row), deleted) for key, row, deleted in rows]


async def test_reopen_keeps_revision_compaction_and_history(tmp_path: Path) -> None:
    directory = tmp_path / "store"
    store = await EmbeddedStorage.open(directory)
    for i in range(5):
        await store.txn([], [Put("/a", f"a{i}".encode()), Put(f"/b{i}", b"b")])  # revs 2..6
    await store.txn([], [Delete("/b0")])  # 7
    await store.compact(4)
    await store.close()

    store = await EmbeddedStorage.open(directory)
    try:
        assert await store.current_revision() == 7
        with pytest.raises(CompactedError) as info:
            await store.range("/a", revision=3)
        assert info.value.compact_revision == 4
        with pytest.raises(CompactedError):
            await store.compact(4)
        at4 = await store.range("/", RANGE_ALL, revision=4)
        assert [(kv.key, kv.value) for kv in at4.kvs] == [
            ("/a", b"a2"),
            ("/b0", b"b"),
            ("/b1", b"b"),
            ("/b2", b"b"),
        ]
        # History after the compacted revision is still there to watch.
        async with store.watch("/", RANGE_ALL, start_revision=5, prev_kv=True) as stream:
            reader = WatchReader(stream)
            events = await reader.read_events(5)
        assert [(e.type, e.kv.key, e.kv.mod_revision) for e in events] == [
            (EventType.PUT, "/a", 5),
            (EventType.PUT, "/b3", 5),
            (EventType.PUT, "/a", 6),
            (EventType.PUT, "/b4", 6),
            (EventType.DELETE, "/b0", 7),
        ]
        assert [e.prev_kv.mod_revision if e.prev_kv else None for e in events] == [
            4,
            None,
            5,
            None,
            2,
        ]
        # Versions and the revision counter carry on.
        result = await store.txn([], [Put("/a", b"again")])
        assert result.revision == 8
        kv = (await store.range("/a")).kvs[0]
        assert (kv.create_revision, kv.mod_revision, kv.version) == (2, 8, 6)
    finally:
        await store.close()


async def test_revision_survives_compacting_away_the_newest_tombstone(tmp_path: Path) -> None:
    directory = tmp_path / "store"
    store = await EmbeddedStorage.open(directory)
    await store.txn([], [Put("/k", b"v")])  # 2
    await store.txn([], [Delete("/k")])  # 3: the newest row is a tombstone
    await store.compact(3)
    await store.txn([], [Get("/k")])  # a read-only group, after which a chunk runs
    await store.close()
    assert _log_rows(directory) == []  # the put and its tombstone are both garbage

    store = await EmbeddedStorage.open(directory)
    try:
        assert await store.current_revision() == 3
        assert (await store.txn([], [Put("/k", b"w")])).revision == 4
        kv = (await store.range("/k")).kvs[0]
        assert (kv.create_revision, kv.version) == (4, 1)
    finally:
        await store.close()


async def test_physical_compaction_keeps_exactly_what_reads_need(tmp_path: Path) -> None:
    directory = tmp_path / "store"
    store = await EmbeddedStorage.open(directory)
    for i in range(3):
        await store.txn([], [Put("/x", f"x{i}".encode())])  # 2, 3, 4
    await store.txn([], [Put("/y", b"y")])  # 5
    await store.txn([], [Delete("/y")])  # 6
    await store.txn([], [Put("/x", b"x3")])  # 7
    await store.compact(5)
    await store.txn([], [Get("/x")])
    await store.compact(6)
    await store.txn([], [Get("/x")])
    await store.close()
    # At 6: /x's row of revision 4 (newest at or below 6) and everything after 6.
    assert _log_rows(directory) == [("/x", 4, 0), ("/x", 7, 0)]

    store = await EmbeddedStorage.open(directory)
    try:
        at6 = await store.range("/", RANGE_ALL, revision=6)
        assert [(kv.key, kv.value, kv.mod_revision) for kv in at6.kvs] == [("/x", b"x2", 4)]
        async with store.watch("/x", start_revision=7, prev_kv=True) as stream:
            (event,) = await WatchReader(stream).read_events(1)
        assert event.prev_kv is not None
        assert event.prev_kv.value == b"x2"
    finally:
        await store.close()


async def test_concurrent_conditional_increments_lose_no_update(store: EmbeddedStorage) -> None:
    key = "/counter"
    await conditional.create(store, key, b"0")
    workers, increments = 32, 25
    conflicts = 0

    async def increment() -> None:
        nonlocal conflicts
        for _ in range(increments):
            kv = (await store.range(key)).kvs[0]
            while True:
                try:
                    await conditional.update(
                        store, key, str(int(kv.value) + 1).encode(), kv.mod_revision
                    )
                    break
                except RevisionMismatchError:
                    conflicts += 1
                    kv = (await store.range(key)).kvs[0]

    async with store.watch(key, start_revision=1) as stream:
        async with asyncio.TaskGroup() as group:
            for _ in range(workers):
                group.create_task(increment())
        kv = (await store.range(key)).kvs[0]
        assert int(kv.value) == workers * increments
        assert kv.version == workers * increments + 1
        assert kv.mod_revision == await store.current_revision() == workers * increments + 2
        assert conflicts > 0  # the groups really did race
        # Every increment is one event, in order, each value exactly one more.
        events = await WatchReader(stream).read_events(workers * increments + 1)
    assert [int(e.kv.value) for e in events] == list(range(workers * increments + 1))


async def test_slow_watcher_falls_back_to_the_log_without_gaps(store: EmbeddedStorage) -> None:
    count = (watch.MAX_BUFFER_EVENTS // 100 + 5) * 100
    async with store.watch("/s/", prefix_end("/s/"), prev_kv=True) as stream:
        reader = WatchReader(stream)
        # Nobody reads while the writes go in: the stream's buffer overflows.
        for start in range(0, count, 100):
            await store.txn([], [Put(f"/s/{i:05}", b"v") for i in range(start, start + 100)])
        await store.txn([], [Put("/other", b"not watched")])
        events = await reader.read_events(count)
        assert [e.kv.key for e in events] == [f"/s/{i:05}" for i in range(count)]
        # Each revision holds 100 events, and responses never split one.
        assert all(len(resp.events) % 100 == 0 for resp in reader.responses)


async def test_lagging_watcher_fails_once_compacted_past(store: EmbeddedStorage) -> None:
    async with store.watch("/l/", prefix_end("/l/")) as stream:
        for i in range(watch.MAX_BUFFER_EVENTS + 10):
            await store.txn([], [Put(f"/l/{i}", b"v")])
        head = await store.current_revision()
        await store.compact(head)
        reader = WatchReader(stream)

        async def read_to_the_end() -> None:
            while True:  # what the stream had taken before the compaction comes first
                await reader.next()

        with pytest.raises(CompactedError) as info:
            await read_to_the_end()
        assert info.value.compact_revision == head
        assert len(reader.events) < head - 1
    # A synced watcher is not behind, so it survives a compaction at the head.
    async with store.watch("/l/", prefix_end("/l/")) as stream:
        await store.txn([], [Put("/elsewhere", b"v")])
        await store.compact(await store.current_revision())
        await store.txn([], [Put("/l/new", b"v")])
        (event,) = await WatchReader(stream).read_events(1)
        assert event.kv.key == "/l/new"


async def test_progress_notify_proves_completeness(store: EmbeddedStorage) -> None:
    async with store.watch("/p/", prefix_end("/p/"), progress_notify=True) as stream:
        reader = WatchReader(stream)
        await store.txn([], [Put("/elsewhere", b"v")])
        # Idle for longer than the 0.2 s interval: an empty response at the head.
        resp = await reader.next(wait=2.0)
        assert resp.is_progress_notify
        assert resp.revision == await store.current_revision()
        await store.txn([], [Put("/p/1", b"v")])
        await stream.request_progress()
        first, second = await reader.next(), await reader.next()
        assert [e.kv.key for e in first.events] == ["/p/1"]
        assert second.is_progress_notify
        assert second.revision == first.revision


async def test_writes_are_checked_before_anything_is_written(store: EmbeddedStorage) -> None:
    too_big = b"x" * store.max_request_bytes
    with pytest.raises(ValueTooLargeError):
        await store.txn([], [Put("/big", too_big)])
    with pytest.raises(InvalidRequestError):
        await store.txn([], [Put("/d", b"1"), Put("/d", b"2")])
    with pytest.raises(InvalidRequestError):
        await store.txn([], [Delete("/d"), Put("/d", b"2")])
    with pytest.raises(InvalidRequestError):
        await store.txn([], [Put("", b"v")])
    assert await store.current_revision() == 1
    # Deleting a key twice in one branch is allowed, as in etcd, and changes it once.
    await store.txn([], [Put("/d", b"1")])
    result = await store.txn([], [Delete("/d"), Delete("/d")])
    assert result.revision == 3
    assert result.results[0] is not None
    assert result.results[1] is None


async def test_close_ends_watches_and_threads(tmp_path: Path) -> None:
    store = await EmbeddedStorage.open(tmp_path)
    stream = store.watch("/", RANGE_ALL)
    async with stream:
        pending = asyncio.ensure_future(anext(aiter(stream)))
        await asyncio.sleep(0.01)
        await store.close()
        with pytest.raises(StopAsyncIteration):
            await pending
    assert not [t for t in threading.enumerate() if t.name.startswith("kcp-embedded")]
    with pytest.raises(StorageClosedError):
        await store.current_revision()
    with pytest.raises(StorageClosedError):
        await store.range("/a")
    with pytest.raises(StorageClosedError):
        await store.txn([], [Put("/a", b"v")])
    with pytest.raises(StorageClosedError):
        await store.compact(1)
    with pytest.raises(StorageClosedError):
        store.watch("/a")
    await store.close()  # idempotent


async def test_writes_queued_before_close_are_applied(tmp_path: Path) -> None:
    store = await EmbeddedStorage.open(tmp_path)
    writes = [asyncio.ensure_future(conditional.create(store, f"/q/{i}", b"v")) for i in range(50)]
    await asyncio.sleep(0)  # every write is queued
    await store.close()
    assert sorted([w.result() for w in writes]) == list(range(2, 52))
    store = await EmbeddedStorage.open(tmp_path)
    try:
        assert (await store.range("/q/", prefix_end("/q/"), count_only=True)).count == 50
    finally:
        await store.close()


async def test_paginated_read_at_a_fixed_revision_of_many_keys(store: EmbeddedStorage) -> None:
    total = 10_000
    for start in range(0, total, 500):
        await store.txn([], [Put(f"/p/{i:05}", b"v1") for i in range(start, start + 500)])
    snapshot = await store.current_revision()
    # Rewrite half the keys and delete a tenth after the snapshot.
    await store.txn([], [Put(f"/p/{i:05}", b"v2") for i in range(0, total, 2)])
    await store.txn([], [Delete(f"/p/{i:05}") for i in range(0, total, 10)])
    loop = asyncio.get_running_loop()
    started = loop.time()
    seen: list[str] = []
    key, end = "/p/", prefix_end("/p/")
    while True:
        page = await store.range(key, end, revision=snapshot, limit=500)
        assert page.count == total - len(seen)
        seen.extend(kv.key for kv in page.kvs)
        assert all(kv.value == b"v1" for kv in page.kvs)
        if not page.more:
            break
        key = page.kvs[-1].key + "\0"
    elapsed = loop.time() - started
    assert seen == [f"/p/{i:05}" for i in range(total)]
    assert elapsed < 5.0, f"20 pages over 10,000 keys took {elapsed:.2f}s"
    now = await store.range("/p/", end, count_only=True)
    assert now.count == total - total // 10


async def test_unreadable_database_is_refused_and_unlocked(tmp_path: Path) -> None:
    (tmp_path / schema.DATABASE_FILE).write_bytes(b"this is not a SQLite database" * 200)
    with pytest.raises(StorageUnavailableError, match="open failed"):
        await EmbeddedStorage.open(tmp_path)
    assert not [t for t in threading.enumerate() if t.name.startswith("kcp-embedded")]
    # The failed open released the directory lock.
    (tmp_path / schema.DATABASE_FILE).unlink()
    store = await EmbeddedStorage.open(tmp_path)
    await store.close()


async def test_watch_from_the_compacted_revision_has_no_prev_kv_there(
    store: EmbeddedStorage,
) -> None:
    # Checked against etcd 3.4: its prev_kv is a read at revision - 1, which is compacted.
    await store.txn([], [Put("/x", b"1")])  # 2
    await store.txn([], [Put("/x", b"2")])  # 3
    await store.txn([], [Put("/x", b"3")])  # 4
    await store.compact(3)
    for _ in range(2):  # before and after the physical compaction
        async with store.watch("/x", start_revision=3, prev_kv=True) as stream:
            events = await WatchReader(stream).read_until_revision(4)
        assert [(e.kv.value, e.prev_kv.value if e.prev_kv else None) for e in events] == [
            (b"2", None),
            (b"3", b"2"),
        ]
        await store.txn([], [Get("/x")])  # lets a compaction chunk run

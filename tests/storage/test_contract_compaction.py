"""Storage contract: compaction discards history, keeps the present, and says so.

Compaction is global in etcd, so every test here uses `fresh_storage` (a private etcd
or a fresh embedded store). After `compact(R)`: reads and watches below R raise
`CompactedError`, R and later work, the current state is intact; compacting again at
or below R raises `CompactedError`, above the current revision `FutureRevisionError`.
"""

from __future__ import annotations

import pytest

from kcp.storage.errors import CompactedError, FutureRevisionError
from kcp.storage.interface import (
    RANGE_ALL,
    Delete,
    EventType,
    KeyValue,
    Put,
    Storage,
    prefix_end,
)
from tests.helpers.watches import WatchReader


async def put(storage: Storage, key: str, value: bytes) -> int:
    return (await storage.txn([], [Put(key, value)])).revision


async def history_of_five(storage: Storage) -> list[int]:
    """a=1, b=1, a=2, delete b, c=1: the revision of each step."""
    return [
        await put(storage, "/a", b"1"),
        await put(storage, "/b", b"1"),
        await put(storage, "/a", b"2"),
        (await storage.txn([], [Delete("/b")])).revision,
        await put(storage, "/c", b"1"),
    ]


async def test_range_below_compacted_revision_raises_compacted(fresh_storage: Storage) -> None:
    revs = await history_of_five(fresh_storage)
    compacted = revs[2]
    await fresh_storage.compact(compacted)
    current = await fresh_storage.current_revision()
    for requested in (revs[0], revs[1], compacted - 1):
        with pytest.raises(CompactedError) as caught:
            await fresh_storage.range("/a", revision=requested)
        err = caught.value
        assert err.requested_revision == requested
        # etcd's range error does not name the compacted revision; whatever the backend
        # reports must be a revision that is readable again.
        assert compacted <= err.compact_revision <= current
        await fresh_storage.range("/a", revision=err.compact_revision)


async def test_range_at_or_after_compacted_revision_still_works(fresh_storage: Storage) -> None:
    r1, r2, r3, r4, r5 = await history_of_five(fresh_storage)
    await fresh_storage.compact(r3)
    a1_created = r1
    assert (await fresh_storage.range("/", RANGE_ALL, revision=r3)).kvs == (
        KeyValue("/a", b"2", a1_created, r3, 2),
        KeyValue("/b", b"1", r2, r2, 1),
    )
    assert (await fresh_storage.range("/", RANGE_ALL, revision=r4)).kvs == (
        KeyValue("/a", b"2", a1_created, r3, 2),
    )
    latest = await fresh_storage.range("/", RANGE_ALL)
    assert latest.kvs == (
        KeyValue("/a", b"2", a1_created, r3, 2),
        KeyValue("/c", b"1", r5, r5, 1),
    )
    assert latest.revision == r5


async def test_compaction_to_the_current_revision_keeps_the_current_state(
    fresh_storage: Storage,
) -> None:
    revs = await history_of_five(fresh_storage)
    before = await fresh_storage.range("/", RANGE_ALL)
    await fresh_storage.compact(revs[-1])
    after = await fresh_storage.range("/", RANGE_ALL)
    assert after.kvs == before.kvs
    assert await fresh_storage.current_revision() == revs[-1]
    # Writing on top of compacted history continues the numbers.
    rev = await put(fresh_storage, "/a", b"3")
    assert rev == revs[-1] + 1
    assert (await fresh_storage.range("/a")).kvs == (KeyValue("/a", b"3", revs[0], rev, 3),)


async def test_watch_from_below_compacted_revision_raises_compacted_from_iteration(
    fresh_storage: Storage,
) -> None:
    revs = await history_of_five(fresh_storage)
    compacted = revs[3]
    await fresh_storage.compact(compacted)
    for start in (revs[0], compacted - 1):
        async with fresh_storage.watch("/", RANGE_ALL, start_revision=start) as stream:
            with pytest.raises(CompactedError) as caught:
                await WatchReader(stream).next()
        assert caught.value.compact_revision == compacted
        assert caught.value.requested_revision == start


async def test_watch_from_the_compacted_revision_replays_from_it(fresh_storage: Storage) -> None:
    # Compact at a PUT: etcd also drops a tombstone *at* the compacted revision (only
    # the last live revision of each key survives), so a DELETE there is not replayed.
    revs = await history_of_five(fresh_storage)
    compacted = revs[2]
    await fresh_storage.compact(compacted)
    async with fresh_storage.watch("/", RANGE_ALL, start_revision=compacted) as stream:
        events = await WatchReader(stream).read_until_revision(revs[4])
    assert [(e.type, e.kv.key, e.kv.mod_revision) for e in events] == [
        (EventType.PUT, "/a", revs[2]),
        (EventType.DELETE, "/b", revs[3]),
        (EventType.PUT, "/c", revs[4]),
    ]


async def test_compact_at_or_below_compacted_revision_raises_compacted(
    fresh_storage: Storage,
) -> None:
    revs = await history_of_five(fresh_storage)
    await fresh_storage.compact(revs[2])
    for again in (revs[2], revs[1]):
        with pytest.raises(CompactedError):
            await fresh_storage.compact(again)
    await fresh_storage.compact(revs[3])  # further on still works
    with pytest.raises(CompactedError):
        await fresh_storage.range("/a", revision=revs[2])


async def test_compact_above_current_revision_raises_future_revision(
    fresh_storage: Storage,
) -> None:
    revs = await history_of_five(fresh_storage)
    with pytest.raises(FutureRevisionError):
        await fresh_storage.compact(revs[-1] + 1)
    # Nothing was compacted.
    assert (await fresh_storage.range("/a", revision=revs[0])).kvs[0].value == b"1"


async def test_watcher_caught_up_before_compaction_keeps_working(fresh_storage: Storage) -> None:
    end = prefix_end("/w/")
    async with fresh_storage.watch("/w/", end) as stream:
        reader = WatchReader(stream)
        first = await put(fresh_storage, "/w/a", b"1")
        second = await put(fresh_storage, "/w/a", b"2")
        await reader.read_until_revision(second)
        await fresh_storage.compact(second)
        third = await put(fresh_storage, "/w/b", b"1")
        fourth = (await fresh_storage.txn([], [Delete("/w/a")])).revision
        events = await reader.read_until_revision(fourth)
    assert [(e.type, e.kv.key, e.kv.mod_revision) for e in events] == [
        (EventType.PUT, "/w/b", third),
        (EventType.DELETE, "/w/a", fourth),
    ]
    assert [e.kv.mod_revision for e in reader.events] == [first, second, third, fourth]

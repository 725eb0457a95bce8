"""Storage contract: `range` over one key, intervals and prefixes, now and in the past.

Keys compare by UTF-8 bytes (code point order for `str`); `count` covers the whole
range whatever the limit; reads at an older revision see that revision's state;
`RangeResult.revision` is the store's current revision. Real etcd is the reference.
"""

from __future__ import annotations

import random

import pytest

from kcp.storage.errors import FutureRevisionError
from kcp.storage.interface import RANGE_ALL, Delete, KeyValue, Put, Storage, prefix_end


async def put(storage: Storage, key: str, value: bytes) -> int:
    return (await storage.txn([], [Put(key, value)])).revision


async def put_all(storage: Storage, keys: list[str]) -> None:
    for key in keys:
        await put(storage, key, key.encode())


def keys_of(kvs: tuple[KeyValue, ...]) -> list[str]:
    return [kv.key for kv in kvs]


async def test_range_of_one_key_reads_only_that_key(storage: Storage) -> None:
    await put_all(storage, ["/", "/a", "/a/", "/a/b", "/ab", "/b"])
    result = await storage.range("/a")
    assert keys_of(result.kvs) == ["/a"]
    assert (result.count, result.more) == (1, False)
    assert result.kvs[0].value == b"/a"


async def test_range_of_absent_key_is_empty(storage: Storage) -> None:
    await put_all(storage, ["/a", "/ab"])
    result = await storage.range("/aa")
    assert (result.kvs, result.count, result.more) == ((), 0, False)


async def test_range_with_end_reads_the_half_open_interval(storage: Storage) -> None:
    await put_all(storage, ["/a", "/b", "/b/x", "/c", "/c\x00", "/d", "/d/x"])
    result = await storage.range("/b", "/d")
    assert keys_of(result.kvs) == ["/b", "/b/x", "/c", "/c\x00"]
    assert (result.count, result.more) == (4, False)


async def test_range_all_reads_every_key_from_start(storage: Storage) -> None:
    keys = ["/a", "/b", "/c", "/z/z", "/\U0010ffff"]
    await put_all(storage, keys)
    assert keys_of((await storage.range("/b", RANGE_ALL)).kvs) == keys[1:]
    everything = await storage.range("/", RANGE_ALL)
    assert keys_of(everything.kvs) == keys
    assert everything.count == len(keys)


async def test_prefix_range_excludes_sibling_prefixes(storage: Storage) -> None:
    await put_all(storage, ["/a", "/a/", "/a/x", "/a/y/z", "/a0", "/ab", "/ab/x", "/b"])
    result = await storage.range("/a/", prefix_end("/a/"))
    assert keys_of(result.kvs) == ["/a/", "/a/x", "/a/y/z"]
    assert result.count == 3


async def test_range_sorts_keys_by_utf8_bytes(storage: Storage) -> None:
    # Code point order; UTF-16 order would put U+10000.. before U+E000..U+FFFF.
    ordered = [
        "/k/",
        "/k/A",
        "/k/Z",
        "/k/a",
        "/k/a/b",
        "/k/z",
        "/k/\x7f",
        "/k/\xe9",
        "/k/\u4e2d",
        "/k/\ue000",
        "/k/\uffff",
        "/k/\uffffx",
        "/k/\U00010000",
        "/k/\U0001f600",
    ]
    shuffled = ordered[:]
    random.Random(7).shuffle(shuffled)
    await put_all(storage, shuffled)
    assert keys_of((await storage.range("/k/", prefix_end("/k/"))).kvs) == ordered
    # A prefix ending in U+FFFF ends at U+10000, whose UTF-8 form sorts after it.
    high = await storage.range("/k/\uffff", prefix_end("/k/\uffff"))
    assert keys_of(high.kvs) == ["/k/\uffff", "/k/\uffffx"]
    for kv in high.kvs:
        assert kv.value == kv.key.encode()


async def test_range_limit_caps_kvs_while_count_covers_the_range(storage: Storage) -> None:
    keys = [f"/p/{i:02d}" for i in range(10)]
    await put_all(storage, keys)
    end = prefix_end("/p/")
    for limit, want, more in [(1, 1, True), (3, 3, True), (9, 9, True), (10, 10, False)]:
        result = await storage.range("/p/", end, limit=limit)
        assert keys_of(result.kvs) == keys[:want], limit
        assert (result.count, result.more) == (10, more), limit
    for limit in (0, 11, 1000):
        result = await storage.range("/p/", end, limit=limit)
        assert keys_of(result.kvs) == keys, limit
        assert (result.count, result.more) == (10, False), limit


async def test_range_limit_counts_from_the_start_key(storage: Storage) -> None:
    await put_all(storage, [f"/p/{i:02d}" for i in range(10)])
    result = await storage.range("/p/04", prefix_end("/p/"), limit=2)
    assert keys_of(result.kvs) == ["/p/04", "/p/05"]
    assert (result.count, result.more) == (6, True)


async def test_keys_only_returns_kvs_with_empty_values(storage: Storage) -> None:
    await put_all(storage, ["/a", "/b", "/c"])
    await put(storage, "/b", b"second")
    full = await storage.range("/", RANGE_ALL)
    bare = await storage.range("/", RANGE_ALL, keys_only=True)
    assert bare.kvs == tuple(
        KeyValue(kv.key, b"", kv.create_revision, kv.mod_revision, kv.version) for kv in full.kvs
    )
    assert (bare.count, bare.more) == (3, False)


async def test_count_only_returns_the_count_without_kvs(storage: Storage) -> None:
    await put_all(storage, ["/a", "/b", "/c", "/d"])
    result = await storage.range("/b", RANGE_ALL, count_only=True)
    assert (result.kvs, result.count) == ((), 3)
    single = await storage.range("/a", count_only=True)
    assert (single.kvs, single.count) == ((), 1)


async def test_range_at_older_revision_sees_old_values_and_deleted_keys(
    storage: Storage,
) -> None:
    r1 = await put(storage, "/a", b"a1")
    r2 = await put(storage, "/b", b"b1")
    r3 = await put(storage, "/a", b"a2")
    r4 = (await storage.txn([], [Delete("/b")])).revision
    r5 = await put(storage, "/c", b"c1")
    a1 = KeyValue("/a", b"a1", r1, r1, 1)
    a2 = KeyValue("/a", b"a2", r1, r3, 2)
    b1 = KeyValue("/b", b"b1", r2, r2, 1)
    c1 = KeyValue("/c", b"c1", r5, r5, 1)
    snapshots = {
        r1: (a1,),
        r2: (a1, b1),
        r3: (a2, b1),
        r4: (a2,),
        r5: (a2, c1),
        0: (a2, c1),  # 0 reads the latest
    }
    for rev, kvs in snapshots.items():
        result = await storage.range("/", RANGE_ALL, revision=rev)
        assert result.kvs == kvs, rev
        assert result.count == len(kvs), rev
    assert (await storage.range("/b", revision=r3)).kvs == (b1,)
    assert (await storage.range("/b", revision=r4)).kvs == ()
    assert (await storage.range("/a", revision=r2, keys_only=True)).kvs == (
        KeyValue("/a", b"", r1, r1, 1),
    )
    old_page = await storage.range("/", RANGE_ALL, revision=r3, limit=1)
    assert (old_page.kvs, old_page.count, old_page.more) == ((a2,), 2, True)


async def test_range_result_revision_is_the_current_revision(storage: Storage) -> None:
    first = await put(storage, "/a", b"1")
    await put(storage, "/a", b"2")
    before = await storage.current_revision()
    latest = await storage.range("/a")
    older = await storage.range("/a", revision=first)
    missing = await storage.range("/none")
    after = await storage.current_revision()
    for result in (latest, older, missing):
        assert before <= result.revision <= after
    assert older.kvs[0].value == b"1"


async def test_range_result_revision_is_exactly_current_on_a_quiet_store(
    fresh_storage: Storage,
) -> None:
    first = await put(fresh_storage, "/a", b"1")
    last = await put(fresh_storage, "/b", b"1")
    assert (await fresh_storage.range("/a", revision=first)).revision == last
    assert (await fresh_storage.range("/a", RANGE_ALL, count_only=True)).revision == last


async def test_range_above_current_revision_raises_future_revision(
    fresh_storage: Storage,
) -> None:
    current = await put(fresh_storage, "/a", b"1")
    assert (await fresh_storage.range("/a", revision=current)).kvs[0].value == b"1"
    for requested in (current + 1, current + 1000):
        with pytest.raises(FutureRevisionError) as caught:
            await fresh_storage.range("/a", revision=requested)
        assert caught.value.requested_revision == requested
        assert caught.value.current_revision == current

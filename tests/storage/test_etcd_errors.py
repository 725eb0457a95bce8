"""The etcd backend's error translation, against a real etcd.

etcd reports "compacted" and "future revision" with the same gRPC code
(OUT_OF_RANGE) and tells them apart only by message; these tests hold the backend to
telling them apart for reads, watches and compaction, with the revisions filled in.
Size limits are checked on both sides: the client refuses writes over its
`max_request_bytes` without sending them, and etcd's own refusals (its request limit,
its gRPC message limit) come back as the same `ValueTooLargeError`. A watch that
catches up over more than etcd's limit gets it in fragments, which must come out
whole, never splitting a revision. Closing ends a watch cleanly; closing the client
under it ends it with `StorageClosedError`, as every later call.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator

import pytest

from kcp.storage.errors import (
    CompactedError,
    FutureRevisionError,
    StorageClosedError,
    ValueTooLargeError,
)
from kcp.storage.etcd.backend import EtcdConfig, EtcdStorage
from kcp.storage.interface import DEFAULT_MAX_REQUEST_BYTES, RANGE_ALL, Put
from tests.helpers.etcd import EtcdProcess
from tests.helpers.watches import WatchReader

MIB = 1024 * 1024


@pytest.fixture
async def fresh(etcd_fresh: EtcdProcess, key_prefix: str) -> AsyncIterator[EtcdStorage]:
    """A client of a private etcd, for tests that compact (compaction is global)."""
    store = await EtcdStorage.connect(EtcdConfig((etcd_fresh.endpoint,), prefix=key_prefix))
    try:
        yield store
    finally:
        await store.close()


@pytest.fixture
async def shared(etcd_server: EtcdProcess, key_prefix: str) -> AsyncIterator[EtcdStorage]:
    store = await EtcdStorage.connect(EtcdConfig((etcd_server.endpoint,), prefix=key_prefix))
    try:
        yield store
    finally:
        await store.close()


async def write_history(store: EtcdStorage, count: int) -> list[int]:
    return [(await store.txn([], [Put(f"/k{i}", b"v%d" % i)])).revision for i in range(count)]


async def test_range_tells_compacted_from_future(fresh: EtcdStorage) -> None:
    revs = await write_history(fresh, 4)
    await fresh.compact(revs[2])
    with pytest.raises(CompactedError) as compacted:
        await fresh.range("/k0", revision=revs[1])
    assert compacted.value.requested_revision == revs[1]
    assert compacted.value.compact_revision == revs[2]

    current = await fresh.current_revision()
    with pytest.raises(FutureRevisionError) as future:
        await fresh.range("/k0", revision=current + 10)
    assert future.value.requested_revision == current + 10
    assert future.value.current_revision == current

    # At the compacted revision itself history is still there.
    assert (await fresh.range("/", RANGE_ALL, revision=revs[2])).count == 3


async def test_compact_tells_compacted_from_future(fresh: EtcdStorage) -> None:
    revs = await write_history(fresh, 3)
    await fresh.compact(revs[1])
    for again in (revs[1], revs[0]):
        with pytest.raises(CompactedError) as compacted:
            await fresh.compact(again)
        assert compacted.value.requested_revision == again
        assert compacted.value.compact_revision == revs[1]
    current = await fresh.current_revision()
    with pytest.raises(FutureRevisionError) as future:
        await fresh.compact(current + 1)
    assert future.value.current_revision == current


async def test_watch_below_compaction_raises_compacted_from_iteration(fresh: EtcdStorage) -> None:
    revs = await write_history(fresh, 4)
    await fresh.compact(revs[2])
    # Established fine; the error comes from iteration, with the compacted revision.
    async with fresh.watch("/", RANGE_ALL, start_revision=revs[0]) as stream:
        with pytest.raises(CompactedError) as compacted:
            await WatchReader(stream).next()
    assert compacted.value.requested_revision == revs[0]
    assert compacted.value.compact_revision == revs[2]


async def test_watch_from_a_future_revision_waits_for_it(fresh: EtcdStorage) -> None:
    # etcd accepts a watch ahead of the store: it is no error, the events simply
    # start at that revision once the store gets there.
    start = await fresh.current_revision() + 3
    async with fresh.watch("/", RANGE_ALL, start_revision=start) as stream:
        revs = await write_history(fresh, 4)
        events = await WatchReader(stream).read_until_revision(revs[-1])
    assert [e.kv.mod_revision for e in events] == [r for r in revs if r >= start]
    assert events[0].kv.mod_revision == start


async def test_one_mib_and_just_under_the_limit_are_accepted(shared: EtcdStorage) -> None:
    one_mib = os.urandom(MIB)
    rev = (await shared.txn([], [Put("/one-mib", one_mib)])).revision
    assert (await shared.range("/one-mib")).kvs[0].value == one_mib
    assert (await shared.range("/one-mib", revision=rev)).kvs[0].mod_revision == rev

    # A few hundred bytes below etcd's limit leave room for the request's framing
    # (etcd counts the whole encoded request, prefix included).
    key = "/just-under"
    value = b"x" * (DEFAULT_MAX_REQUEST_BYTES - len(key) - 512)
    await shared.txn([], [Put(key, value)])
    assert (await shared.range(key)).kvs[0].value == value


async def test_over_the_limit_is_refused_before_sending(shared: EtcdStorage) -> None:
    before = await shared.current_revision()
    key = "/too-big"
    value = b"x" * (DEFAULT_MAX_REQUEST_BYTES - len(key) + 1)
    with pytest.raises(ValueTooLargeError) as caught:
        await shared.txn([], [Put(key, value)])
    assert caught.value.key == key
    assert caught.value.size == DEFAULT_MAX_REQUEST_BYTES + 1
    assert caught.value.limit == DEFAULT_MAX_REQUEST_BYTES
    assert await shared.current_revision() == before


async def test_client_limit_is_checked_even_where_etcd_would_accept(
    etcd_server: EtcdProcess, key_prefix: str
) -> None:
    config = EtcdConfig((etcd_server.endpoint,), prefix=key_prefix, max_request_bytes=1000)
    store = await EtcdStorage.connect(config)
    try:
        assert store.max_request_bytes == 1000
        with pytest.raises(ValueTooLargeError):
            await store.txn([], [Put("/a", b"x" * 999)])
        await store.txn([], [Put("/a", b"x" * 998)])
    finally:
        await store.close()


@pytest.mark.parametrize(
    "size",
    [
        # Over etcd's --max-request-bytes: "etcdserver: request is too large".
        pytest.param(DEFAULT_MAX_REQUEST_BYTES + 1024, id="etcd-request-limit"),
        # Over etcd's gRPC receive limit (request limit + 512 KiB): RESOURCE_EXHAUSTED.
        pytest.param(3 * MIB, id="etcd-grpc-limit"),
    ],
)
async def test_etcds_own_refusals_are_value_too_large(
    etcd_server: EtcdProcess, key_prefix: str, size: int
) -> None:
    # A client that believes etcd takes more than it does gets etcd's own refusal.
    config = EtcdConfig((etcd_server.endpoint,), prefix=key_prefix, max_request_bytes=8 * MIB)
    store = await EtcdStorage.connect(config)
    try:
        with pytest.raises(ValueTooLargeError) as caught:
            await store.txn([], [Put("/huge", b"x" * size)])
        assert caught.value.key == "/huge"
        assert caught.value.size > size
    finally:
        await store.close()


async def test_fragmented_catch_up_is_delivered_whole(shared: EtcdStorage) -> None:
    # Over etcd's request limit in one catch-up answer, etcd fragments it, here in
    # the middle of the second revision's two events.
    big = os.urandom(MIB)
    first = (await shared.txn([], [Put("/a", big)])).revision
    pair = [Put("/b1", os.urandom(700 * 1024)), Put("/b2", os.urandom(700 * 1024))]
    second = (await shared.txn([], pair)).revision
    third = (await shared.txn([], [Put("/c", b"small")])).revision

    async with shared.watch("/", RANGE_ALL, start_revision=first) as stream:
        reader = WatchReader(stream)
        events = await reader.read_until_revision(third)
    responses = [r for r in reader.responses if r.events]
    assert [(e.kv.key, e.kv.mod_revision) for e in events] == [
        ("/a", first),
        ("/b1", second),
        ("/b2", second),
        ("/c", third),
    ]
    assert events[0].kv.value == big
    assert [e.kv.value for e in events[1:3]] == [p.value for p in pair]
    for response in responses:
        revisions = {e.kv.mod_revision for e in response.events}
        assert response.revision == max(revisions)
        for other in responses:
            if other is not response:
                assert not revisions & {e.kv.mod_revision for e in other.events}


async def test_closing_a_watch_ends_a_pending_iteration(shared: EtcdStorage) -> None:
    async with shared.watch("/", RANGE_ALL) as stream:

        async def consume() -> list[object]:
            return [response async for response in stream]

        consumer = asyncio.create_task(consume())
        await asyncio.sleep(0.2)  # the consumer is now waiting on etcd
        await stream.close()
        assert await asyncio.wait_for(consumer, 5) == []


async def test_closing_the_client_ends_its_watches_and_calls(
    etcd_server: EtcdProcess, key_prefix: str
) -> None:
    store = await EtcdStorage.connect(EtcdConfig((etcd_server.endpoint,), prefix=key_prefix))
    async with store.watch("/", RANGE_ALL) as stream:
        await store.close()
        with pytest.raises(StorageClosedError):
            await anext(aiter(stream))
    with pytest.raises(StorageClosedError):
        await store.range("/a")
    with pytest.raises(StorageClosedError):
        await store.txn([], [Put("/a", b"1")])
    with pytest.raises(StorageClosedError):
        store.watch("/a")
    await store.close()  # closing twice is fine

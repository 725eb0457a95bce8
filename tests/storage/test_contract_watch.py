"""Storage contract: watch order, event shape, resumption, range confinement, progress.

Each watch is opened with `async with` and read through `WatchReader`, so a missing
event fails within seconds instead of hanging. Tests end their reads on a write they
made themselves (a sentinel), never on silence: "nothing more arrives" is shown by
the sentinel arriving next. Real etcd is the reference for every expectation.
"""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from kcp.storage.interface import (
    RANGE_ALL,
    Delete,
    Event,
    EventType,
    KeyValue,
    Put,
    Storage,
    WatchResponse,
    WatchStream,
    prefix_end,
)
from tests.helpers.eventually import eventually
from tests.helpers.history import History
from tests.helpers.watches import WatchReader

W = "/w/"
W_END = prefix_end(W)


async def put(storage: Storage, key: str, value: bytes) -> int:
    return (await storage.txn([], [Put(key, value)])).revision


async def delete(storage: Storage, key: str) -> int:
    return (await storage.txn([], [Delete(key)])).revision


def shape(events: list[Event]) -> list[tuple[EventType, str, bytes, int]]:
    return [(e.type, e.kv.key, e.kv.value, e.kv.mod_revision) for e in events]


async def test_watch_delivers_each_change_in_revision_order(storage: Storage) -> None:
    start = await storage.current_revision() + 1
    async with storage.watch(W, W_END, start_revision=start) as stream:
        reader = WatchReader(stream)
        r1 = await put(storage, "/w/a", b"1")
        r2 = await put(storage, "/w/a", b"2")
        r3 = await put(storage, "/w/b", b"1")
        r4 = await delete(storage, "/w/a")
        events = await reader.read_until_revision(r4)
    assert [(e.type, e.kv) for e in events] == [
        (EventType.PUT, KeyValue("/w/a", b"1", r1, r1, 1)),
        (EventType.PUT, KeyValue("/w/a", b"2", r1, r2, 2)),
        (EventType.PUT, KeyValue("/w/b", b"1", r3, r3, 1)),
        (EventType.DELETE, KeyValue("/w/a", b"", 0, r4, 0)),
    ]
    for resp in reader.responses:
        assert resp.revision == max(e.kv.mod_revision for e in resp.events)


async def test_multi_key_txn_arrives_in_one_response(storage: Storage) -> None:
    start = await storage.current_revision() + 1
    async with storage.watch(W, W_END, start_revision=start) as stream:
        reader = WatchReader(stream)
        history = History()
        log = history.watcher("w", W, W_END, start_revision=start)

        async def txn(n: int) -> int:
            ops = [Put(f"/w/{n}/{i:02d}", f"{n}-{i}".encode()) for i in range(40)]
            result = await storage.txn([], ops)
            history.record_txn(result, ops)
            return result.revision

        revisions = await asyncio.gather(*(txn(n) for n in range(5)))
        await reader.read_until_revision(max(revisions))
    for resp in reader.responses:
        log.record(resp)
    assert history.violations() == []
    for rev in revisions:
        holding = [r for r in reader.responses if any(e.kv.mod_revision == rev for e in r.events)]
        assert len(holding) == 1, f"revision {rev} split over {len(holding)} responses"
        assert sum(e.kv.mod_revision == rev for e in holding[0].events) == 40


async def test_watch_with_prev_kv_carries_the_kv_before_each_change(storage: Storage) -> None:
    start = await storage.current_revision() + 1
    async with storage.watch(W, W_END, start_revision=start, prev_kv=True) as stream:
        reader = WatchReader(stream)
        r1 = await put(storage, "/w/a", b"1")
        r2 = await put(storage, "/w/a", b"2")
        r3 = await delete(storage, "/w/a")
        r4 = await put(storage, "/w/a", b"3")
        events = await reader.read_until_revision(r4)
    v1 = KeyValue("/w/a", b"1", r1, r1, 1)
    v2 = KeyValue("/w/a", b"2", r1, r2, 2)
    assert [(e.type, e.kv, e.prev_kv) for e in events] == [
        (EventType.PUT, v1, None),
        (EventType.PUT, v2, v1),
        (EventType.DELETE, KeyValue("/w/a", b"", 0, r3, 0), v2),
        (EventType.PUT, KeyValue("/w/a", b"3", r4, r4, 1), None),
    ]


async def test_delete_event_has_empty_value_and_the_delete_revision(storage: Storage) -> None:
    created = await put(storage, "/w/gone", b"value")
    await put(storage, "/w/gone", b"value2")
    async with storage.watch("/w/gone", start_revision=created + 1) as stream:
        reader = WatchReader(stream)
        deleted = await delete(storage, "/w/gone")
        events = await reader.read_until_revision(deleted)
    assert events[-1].type is EventType.DELETE
    assert events[-1].kv == KeyValue("/w/gone", b"", 0, deleted, 0)


async def test_watch_from_a_revision_replays_exactly_the_changes_from_it(
    storage: Storage,
) -> None:
    history = History()
    steps: list[tuple[list[Put | Delete], int]] = []
    plan: list[list[Put | Delete]] = [
        [Put("/w/a", b"1")],
        [Put("/w/b", b"1"), Put("/w/c", b"1")],
        [Put("/w/a", b"2")],
        [Delete("/w/b")],
        [Put("/w/b", b"2"), Delete("/w/c")],
        [Put("/w/a", b"3")],
        [Delete("/w/a")],
    ]
    for ops in plan:
        result = await storage.txn([], ops)
        history.record_txn(result, ops)
        steps.append((ops, result.revision))
    for index in (0, 3, 6):
        replay_from = steps[index][1]
        log = history.watcher(f"from step {index}", W, W_END, start_revision=replay_from)
        async with storage.watch(W, W_END, start_revision=replay_from) as stream:
            reader = WatchReader(stream, on_response=log.record)
            await reader.read_until_revision(steps[-1][1])
            # Live changes continue the same stream, right after the replay.
            live = await put(storage, f"/w/live{index}", b"x")
            history.record_put(f"/w/live{index}", b"x", live)
            events = await reader.read_until_revision(live)
        assert events[-1].kv.key == f"/w/live{index}"
        assert reader.events[0].kv.mod_revision == replay_from
    assert history.violations() == []


async def test_watch_from_zero_sees_only_changes_after_it_is_established(
    storage: Storage,
) -> None:
    await put(storage, "/w/before", b"1")
    await put(storage, "/w/before", b"2")
    async with storage.watch(W, W_END) as stream:
        reader = WatchReader(stream)
        after = await put(storage, "/w/after", b"1")
        again = await put(storage, "/w/before", b"3")
        events = await reader.read_until_revision(again)
    assert shape(events) == [
        (EventType.PUT, "/w/after", b"1", after),
        (EventType.PUT, "/w/before", b"3", again),
    ]


_CONFINEMENT_KEYS = [
    "/",
    "/a",
    "/a/",
    "/a/x",
    "/a/x/y",
    "/a/xy",
    "/a0",
    "/ab",
    "/ab/x",
    "/b",
    "/b/x",
]


@pytest.mark.parametrize(
    ("key", "end", "inside"),
    [
        pytest.param("/a/", prefix_end("/a/"), ["/a/", "/a/x", "/a/x/y", "/a/xy"], id="prefix"),
        pytest.param(
            "/a",
            prefix_end("/a"),
            ["/a", "/a/", "/a/x", "/a/x/y", "/a/xy", "/a0", "/ab", "/ab/x"],
            id="prefix-without-slash",
        ),
        pytest.param("/ab/", prefix_end("/ab/"), ["/ab/x"], id="sibling-prefix"),
        pytest.param("/a/x", None, ["/a/x"], id="single-key"),
        pytest.param("/a/x", "/ab", ["/a/x", "/a/x/y", "/a/xy", "/a0"], id="interval"),
        pytest.param("/ab", RANGE_ALL, ["/ab", "/ab/x", "/b", "/b/x"], id="from-key"),
    ],
)
async def test_watch_sees_only_keys_in_its_range(
    storage: Storage, key: str, end: str | None, inside: list[str]
) -> None:
    async with storage.watch(key, end) as stream:
        reader = WatchReader(stream)
        for k in _CONFINEMENT_KEYS:
            await put(storage, k, b"1")
        # A txn across the boundary: only its keys inside the range are delivered.
        both = await storage.txn([], [Put(k, b"2") for k in _CONFINEMENT_KEYS])
        events = await reader.read_until_revision(both.revision)
    firsts = [e.kv.key for e in events if e.kv.mod_revision < both.revision]
    lasts = [e.kv.key for e in events if e.kv.mod_revision == both.revision]
    assert firsts == inside
    assert sorted(lasts) == inside


async def test_concurrent_watchers_each_get_the_identical_sequence(storage: Storage) -> None:
    watchers = 8
    start = await storage.current_revision() + 1
    history = History()

    async def writer(n: int) -> None:
        for i in range(25):
            ops: list[Put | Delete] = [Put(f"/w/{n}/{i % 5}", f"{n}-{i}".encode())]
            if i % 4 == 3:
                ops = [Delete(f"/w/{n}/{(i + 2) % 5}"), Put(f"/w/shared/{n}", b"x")]
            result = await storage.txn([], ops)
            history.record_txn(result, ops)

    async with contextlib.AsyncExitStack() as stack:
        readers = []
        for i in range(watchers):
            stream = await stack.enter_async_context(storage.watch(W, W_END, start_revision=start))
            log = history.watcher(f"watcher {i}", W, W_END, start_revision=start)
            readers.append(WatchReader(stream, on_response=log.record))
        await asyncio.gather(*(writer(n) for n in range(3)))
        sentinel = await put(storage, "/w/sentinel", b"end")
        history.record_put("/w/sentinel", b"end", sentinel)
        await asyncio.gather(*(r.read_until_revision(sentinel) for r in readers))
    assert history.violations() == []
    first = [(e.type, e.kv, e.prev_kv) for e in readers[0].events]
    assert len(first) > 75
    for reader in readers[1:]:
        assert [(e.type, e.kv, e.prev_kv) for e in reader.events] == first


async def _drain(stream: WatchStream, into: list[WatchResponse]) -> None:
    async for resp in stream:
        into.append(resp)


async def test_close_ends_iteration_and_leaves_no_tasks(storage: Storage) -> None:
    # A first watch may start per-store machinery (a shared gRPC stream) that lives
    # until the store closes; what one watch starts must end with it.
    async with storage.watch(W, W_END):
        pass
    baseline = asyncio.all_tasks()

    received: list[WatchResponse] = []
    stream = storage.watch(W, W_END)
    async with stream:
        consumer = asyncio.create_task(_drain(stream, received))
        rev = await put(storage, "/w/a", b"1")

        async def delivered() -> tuple[bool, str]:
            return bool(received), f"consumer done: {consumer.done()}, received nothing"

        await eventually(delivered)
        await stream.close()
        async with asyncio.timeout(5):
            await consumer  # ends normally, without an exception
    assert [e.kv.mod_revision for r in received for e in r.events] == [rev]

    async def no_new_tasks() -> tuple[bool, str]:
        left = asyncio.all_tasks() - baseline - {asyncio.current_task()}
        return not left, f"tasks left behind: {left}"

    await eventually(no_new_tasks)


async def test_leaving_the_block_ends_iteration_of_a_reader(storage: Storage) -> None:
    received: list[WatchResponse] = []
    async with storage.watch(W, W_END) as stream:
        consumer = asyncio.create_task(_drain(stream, received))
        await put(storage, "/w/a", b"1")
    async with asyncio.timeout(5):
        await consumer  # ends normally, without an exception
    assert all(e.kv.key == "/w/a" for r in received for e in r.events)


async def test_request_progress_yields_a_notification_at_or_after_the_last_write(
    storage: Storage,
) -> None:
    async with storage.watch(W, W_END, progress_notify=True) as stream:
        reader = WatchReader(stream)
        inside = await put(storage, "/w/a", b"1")
        outside = await put(storage, "/elsewhere", b"1")
        await stream.request_progress()
        progress = await reader.read_until_progress(wait=10)
        assert progress.events == ()
        assert progress.is_progress_notify
        assert progress.revision >= outside > inside
        # Events still flow after the notification, and the one before it arrived.
        later = await put(storage, "/w/b", b"1")
        events = await reader.read_until_revision(later)
    assert shape(reader.events) == [
        (EventType.PUT, "/w/a", b"1", inside),
        (EventType.PUT, "/w/b", b"1", later),
    ]
    assert events[-1].kv.mod_revision == later


async def test_request_progress_on_a_quiet_watch_reports_the_current_revision(
    storage: Storage,
) -> None:
    current = await put(storage, "/elsewhere", b"1")
    async with storage.watch(W, W_END) as stream:
        reader = WatchReader(stream)
        await stream.request_progress()
        progress = await reader.read_until_progress(wait=10)
    assert progress.is_progress_notify
    assert progress.revision >= current
    assert reader.events == []

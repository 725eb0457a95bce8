"""Storage contract: many writers, many watchers, one consistent history.

Several writers race puts, deletes, multi-key transactions and conditional updates
over keys under overlapping prefixes ("/h/a" is a prefix of "/h/a/" and of
"/h/ab/"). Watchers on prefixes, an interval, a single key and the whole keyspace,
live and replaying from past revisions, record every response; `History` then checks
each one is exactly the acknowledged writes in its range from its start revision:
ordered, gap-free, duplicate-free, with the right numbers and prev_kv.
"""

from __future__ import annotations

import asyncio
import contextlib
import random

from kcp.storage import conditional
from kcp.storage.errors import KeyExistsError, KeyNotFoundError, RevisionMismatchError
from kcp.storage.interface import RANGE_ALL, Delete, Put, Storage, prefix_end
from tests.helpers.history import History, WatchLog
from tests.helpers.watches import WatchReader

KEYS = [
    "/h/a",
    "/h/a/1",
    "/h/a/2",
    "/h/a/3/x",
    "/h/ab/1",
    "/h/ab/2",
    "/h/b/1",
    "/h/b/2",
]
WRITERS = 4
STEPS = 40
# One key every watcher below covers: the final write that ends every reader.
SENTINEL = "/h/a/2"

# name, key, end, prev_kv
WATCHES: list[tuple[str, str, str | None, bool]] = [
    ("all from /h/", "/h/", prefix_end("/h/"), True),
    ("prefix /h/a", "/h/a", prefix_end("/h/a"), False),
    ("prefix /h/a/", "/h/a/", prefix_end("/h/a/"), True),
    ("single key", SENTINEL, None, True),
    ("interval", "/h/a/1", "/h/ab/2", False),
    ("from key", "/h/a/2", RANGE_ALL, False),
]


async def writer(storage: Storage, history: History, seed: int) -> None:
    rng = random.Random(seed)
    for step in range(STEPS):
        choice = rng.random()
        key = rng.choice(KEYS)
        value = f"w{seed}-{step}".encode()
        if choice < 0.4:
            ops: list[Put | Delete] = [Put(key, value)]
        elif choice < 0.55:
            ops = [Delete(key)]
        elif choice < 0.8:
            keys = rng.sample(KEYS, 3)
            ops = [Put(keys[0], value), Put(keys[1], value), Delete(keys[2])]
        else:
            found = (await storage.range(key)).kvs
            try:
                if found:
                    rev = await conditional.update(storage, key, value, found[0].mod_revision)
                else:
                    rev = await conditional.create(storage, key, value)
            except (RevisionMismatchError, KeyNotFoundError, KeyExistsError):
                continue  # lost a race to another writer: nothing written
            history.record_put(key, value, rev)
            continue
        result = await storage.txn([], ops)
        history.record_txn(result, ops)


async def test_overlapping_watchers_see_exactly_the_write_history(storage: Storage) -> None:
    history = History()
    start = await storage.current_revision() + 1
    async with contextlib.AsyncExitStack() as stack:
        readers: list[WatchReader] = []
        logs: list[WatchLog] = []

        async def open_watch(name: str, key: str, end: str | None, prev: bool, rev: int) -> None:
            log = history.watcher(name, key, end, start_revision=rev, prev_kv=prev)
            stream = await stack.enter_async_context(
                storage.watch(key, end, start_revision=rev, prev_kv=prev)
            )
            logs.append(log)
            readers.append(WatchReader(stream, on_response=log.record))

        for name, key, end, prev in WATCHES:
            await open_watch(f"live {name}", key, end, prev, start)

        # Half the writes, then watchers that replay them from the past while the
        # other half goes on.
        await asyncio.gather(*(writer(storage, history, seed) for seed in range(WRITERS)))
        middle = sorted({w.revision for w in history.writes})
        for name, key, end, prev in WATCHES:
            await open_watch(f"replay {name}", key, end, prev, middle[len(middle) // 3])
            await open_watch(f"replay-all {name}", key, end, prev, middle[0])
        await asyncio.gather(
            *(writer(storage, history, seed) for seed in range(WRITERS, 2 * WRITERS))
        )

        sentinel = (await storage.txn([], [Put(SENTINEL, b"end")])).revision
        history.record_put(SENTINEL, b"end", sentinel)
        async with asyncio.timeout(20):
            await asyncio.gather(*(r.read_until_revision(sentinel) for r in readers))
    for log in logs:
        log.through = sentinel

    assert history.violations() == []
    # The test exercised what it claims: many writes, every watcher busy.
    assert len(history.writes) > WRITERS * STEPS
    assert all(len(log.events) >= 5 for log in logs)

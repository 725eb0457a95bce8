"""Storage contract under concurrency: optimistic writers lose no update.

Many tasks race read-modify-write cycles through `conditional.update`, retrying on
`RevisionMismatchError`, as the registry's GuaranteedUpdate does; many tasks race one
create-if-absent; readers race multi-key writers. Compare-and-swap on mod_revision
must serialise them all: the counters end at exactly the number of increments, one
creator wins, and no reader sees half a transaction.
"""

from __future__ import annotations

import asyncio

from kcp.storage import conditional
from kcp.storage.errors import KeyExistsError, RevisionMismatchError
from kcp.storage.interface import KeyValue, Put, Storage, prefix_end

TASKS = 8
INCREMENTS = 20


async def increment(storage: Storage, key: str) -> int:
    """Add one to the counter at `key`, retrying lost races; return the new revision."""
    while True:
        kv = (await storage.range(key)).kvs[0]
        try:
            rev = await conditional.update(
                storage, key, b"%d" % (int(kv.value) + 1), kv.mod_revision
            )
        except RevisionMismatchError:
            continue
        return rev


async def test_racing_increments_of_one_counter_lose_no_update(storage: Storage) -> None:
    created = await conditional.create(storage, "/counter", b"0")

    async def worker() -> list[int]:
        return [await increment(storage, "/counter") for _ in range(INCREMENTS)]

    results = await asyncio.gather(*(worker() for _ in range(TASKS)))
    revisions = [rev for done in results for rev in done]
    total = TASKS * INCREMENTS
    kv = (await storage.range("/counter")).kvs[0]
    assert kv == KeyValue("/counter", b"%d" % total, created, max(revisions), total + 1)
    assert len(set(revisions)) == total, "two updates acknowledged at one revision"


async def test_writers_racing_from_one_read_have_exactly_one_winner(storage: Storage) -> None:
    created = await conditional.create(storage, "/k", b"0")
    outcomes = await asyncio.gather(
        *(conditional.update(storage, "/k", b"%d" % n, created) for n in range(16)),
        return_exceptions=True,
    )
    wins = [(n, rev) for n, rev in enumerate(outcomes) if isinstance(rev, int)]
    lost = [err for err in outcomes if isinstance(err, RevisionMismatchError)]
    assert len(wins) == 1, outcomes
    assert len(lost) == 15, outcomes
    ((winner, rev),) = wins
    assert {err.actual_mod_revision for err in lost} == {rev}
    assert (await storage.range("/k")).kvs == (KeyValue("/k", b"%d" % winner, created, rev, 2),)


async def test_racing_increments_of_several_counters_lose_no_update(storage: Storage) -> None:
    keys = [f"/counters/{i}" for i in range(4)]
    for key in keys:
        await conditional.create(storage, key, b"0")

    async def worker(n: int) -> None:
        for i in range(INCREMENTS):
            await increment(storage, keys[(n + i) % len(keys)])

    await asyncio.gather(*(worker(n) for n in range(TASKS)))
    kvs = (await storage.range("/counters/", prefix_end("/counters/"))).kvs
    per_key = TASKS * INCREMENTS // len(keys)
    assert [(kv.key, kv.value, kv.version) for kv in kvs] == [
        (key, b"%d" % per_key, per_key + 1) for key in keys
    ]


async def test_racing_create_if_absent_has_exactly_one_winner(storage: Storage) -> None:
    racers = 32

    async def racer(n: int) -> int | KeyExistsError:
        try:
            return await conditional.create(storage, "/lock", b"%d" % n)
        except KeyExistsError as err:
            return err

    outcomes = await asyncio.gather(*(racer(n) for n in range(racers)))
    winners = [(n, rev) for n, rev in enumerate(outcomes) if isinstance(rev, int)]
    losers = [err for err in outcomes if isinstance(err, KeyExistsError)]
    assert len(winners) == 1, winners
    assert len(losers) == racers - 1
    ((winner, rev),) = winners
    assert (await storage.range("/lock")).kvs == (KeyValue("/lock", b"%d" % winner, rev, rev, 1),)
    assert {err.mod_revision for err in losers} == {rev}


async def test_readers_never_see_half_of_a_multi_key_txn(storage: Storage) -> None:
    keys = [f"/atomic/{i}" for i in range(5)]
    end = prefix_end("/atomic/")
    await storage.txn([], [Put(k, b"0") for k in keys])
    rounds = 60
    torn: list[list[bytes]] = []

    async def writer() -> None:
        for n in range(1, rounds + 1):
            await storage.txn([], [Put(k, b"%d" % n) for k in keys])

    async def reader() -> int:
        reads = 0
        while True:
            kvs = (await storage.range("/atomic/", end)).kvs
            reads += 1
            values = [kv.value for kv in kvs]
            if len(set(values)) != 1 or len({kv.mod_revision for kv in kvs}) != 1:
                torn.append(values)
            if values[0] == b"%d" % rounds:
                return reads

    async with asyncio.timeout(30):
        _, *reads = await asyncio.gather(writer(), reader(), reader(), reader())
    assert torn == []
    assert min(reads) >= 1

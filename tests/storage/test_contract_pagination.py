"""Storage contract: paging through 10,000 keys at one revision while writes go on.

This is how the registry serves a paginated LIST (a `continue` token holds the last
key and the list's revision): every page is read at the same revision R, starting just
after the previous page's last key. The pages together must equal the store at R
exactly, whatever is written meanwhile: no key missing or repeated, no later write
visible.
"""

from __future__ import annotations

import asyncio

from kcp.storage.interface import Delete, KeyValue, Put, Storage, TxnOp, prefix_end
from tests.helpers.history import History

KEYS = 10_000
PAGE = 500
# Concurrent txns in flight while loading: enough to keep both backends busy.
CONCURRENCY = 64
PREFIX = "/p/"


def key(i: int) -> str:
    return f"{PREFIX}k{i:05d}"


async def write(storage: Storage, history: History, ops: list[TxnOp]) -> None:
    result = await storage.txn([], ops)
    history.record_txn(result, ops)


async def load(storage: Storage, history: History) -> None:
    for first in range(0, KEYS, CONCURRENCY):
        chunk = range(first, min(first + CONCURRENCY, KEYS))
        await asyncio.gather(
            *(write(storage, history, [Put(key(i), f"v{i}".encode())]) for i in chunk)
        )


async def mutate(storage: Storage, history: History, page: int) -> None:
    """Writes around the reader's cursor: behind it, just ahead, and far ahead."""
    ahead = (page + 1) * PAGE
    await asyncio.gather(
        write(storage, history, [Put(key(page * PAGE), b"changed behind")]),
        write(storage, history, [Put(key(ahead % KEYS), b"changed ahead")]),
        write(storage, history, [Delete(key((ahead + 3) % KEYS))]),
        write(storage, history, [Put(key((ahead + 7) % KEYS) + "+new", b"created ahead")]),
        write(
            storage,
            history,
            [Put(key((ahead + 11) % KEYS), b"a"), Delete(key((ahead + 13) % KEYS))],
        ),
    )


async def test_pages_at_a_fixed_revision_equal_the_snapshot_despite_writes(
    storage: Storage,
) -> None:
    history = History()
    await load(storage, history)
    snapshot_revision = history.last_revision
    end = prefix_end(PREFIX)
    snapshot = history.state_at(snapshot_revision, PREFIX, end)
    assert len(snapshot) == KEYS

    pages: list[tuple[KeyValue, ...]] = []
    start = PREFIX
    more = True
    while more:
        assert len(pages) <= KEYS // PAGE, "pagination does not terminate"
        result, _ = await asyncio.gather(
            storage.range(start, end, revision=snapshot_revision, limit=PAGE),
            mutate(storage, history, len(pages)),
        )
        remaining = KEYS - PAGE * len(pages)
        assert result.count == remaining, f"page {len(pages)}"
        assert len(result.kvs) == min(PAGE, remaining), f"page {len(pages)}"
        assert result.more == (remaining > PAGE), f"page {len(pages)}"
        assert result.revision >= snapshot_revision
        pages.append(result.kvs)
        more = result.more
        start = result.kvs[-1].key + "\0"

    listed = [kv for page in pages for kv in page]
    assert len(pages) == KEYS // PAGE
    assert [kv.key for kv in listed] == list(snapshot), "keys missing, repeated or reordered"
    assert listed == list(snapshot.values()), "values differ from the snapshot"

    # The writes really happened, and after R: the current state is another one.
    now = history.state_at(history.last_revision, PREFIX, end)
    assert history.last_revision > snapshot_revision
    assert now != snapshot
    current = await storage.range(PREFIX, end)
    assert list(current.kvs) == list(now.values())

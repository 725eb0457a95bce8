"""A subprocess for the embedded store's crash and lock tests.

    python -m tests.storage.embedded_writer DIR write --prefix P --workers N [--compact-every K]
    python -m tests.storage.embedded_writer DIR hold

`write` opens the store and has N workers create keys `P<worker>/<i>` (value
`<worker>:<i>`) one after another, forever. After each transaction returns, that is
once the write is acknowledged, it prints `ACK <key> <revision>` and flushes, so
every line the parent reads is a write the store promised to keep. With
`--compact-every K`, worker 0 also compacts to ten revisions behind the head every K
writes and prints `COMPACTED <revision>` once that returns. The parent kills it with
SIGKILL at a moment of its choosing.

`hold` opens the store, prints `READY <pid>` and waits to be killed: the second
process that the lock test tries to keep out.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

from kcp.storage import conditional
from kcp.storage.embedded.backend import EmbeddedStorage


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


async def _write(store: EmbeddedStorage, prefix: str, worker: int, compact_every: int) -> None:
    i = 0
    while True:
        key = f"{prefix}{worker}/{i}"
        revision = await conditional.create(store, key, f"{worker}:{i}".encode())
        _say(f"ACK {key} {revision}")
        i += 1
        if worker == 0 and compact_every and i % compact_every == 0 and revision > 10:
            await store.compact(revision - 10)
            _say(f"COMPACTED {revision - 10}")


async def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("directory", type=Path)
    parser.add_argument("mode", choices=["write", "hold"])
    parser.add_argument("--prefix", default="/durable/")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--compact-every", type=int, default=0)
    args = parser.parse_args(argv)
    store = await EmbeddedStorage.open(args.directory)
    if args.mode == "hold":
        _say(f"READY {os.getpid()}")
        await asyncio.Event().wait()
    async with asyncio.TaskGroup() as group:
        for worker in range(args.workers):
            group.create_task(_write(store, args.prefix, worker, args.compact_every))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))

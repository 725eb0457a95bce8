"""The embedded store keeps every acknowledged write through kill -9, and locks its directory.

A subprocess (tests/storage/embedded_writer.py) writes as fast as it can and prints
each revision once its transaction has returned; we SIGKILL it mid-stream, reopen
the directory, and check that every acknowledged write is there with its value and
revision, that revisions have no gaps, that the counter carries on, and that SQLite
finds the database intact.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kcp.storage import conditional
from kcp.storage.embedded import schema
from kcp.storage.embedded.backend import EmbeddedStorage
from kcp.storage.errors import CompactedError, StorageUnavailableError
from kcp.storage.interface import RANGE_ALL, KeyValue

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
STARTUP_WAIT = 30.0


@dataclass
class Run:
    """What a killed writer acknowledged."""

    acked: dict[str, int] = field(default_factory=dict)
    compacted: int = 0


async def _spawn(directory: Path, *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.storage.embedded_writer",
        str(directory),
        *args,
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
    )


def _record(run: Run, line: bytes) -> None:
    match line.decode().split():
        case ["ACK", key, revision]:
            run.acked[key] = int(revision)
        case ["COMPACTED", revision]:
            run.compacted = max(run.compacted, int(revision))
        case _:
            pytest.fail(f"unexpected line from the writer: {line!r}")


async def _write_then_kill(directory: Path, kill_after: int, *args: str) -> Run:
    """Run the writer until it has acknowledged `kill_after` writes, then SIGKILL it."""
    proc = await _spawn(directory, "write", *args)
    assert proc.stdout is not None
    run = Run()
    try:
        async with asyncio.timeout(STARTUP_WAIT):
            while len(run.acked) < kill_after:
                line = await proc.stdout.readline()
                assert line, f"writer exited early with {await proc.wait()}"
                _record(run, line)
    finally:
        proc.send_signal(signal.SIGKILL)
        await proc.wait()
    # Complete lines already in the pipe were acknowledged before the kill (a line is
    # one write() of less than PIPE_BUF bytes, so a partial one cannot occur anyway).
    for line in (await proc.stdout.read()).split(b"\n")[:-1]:
        _record(run, line)
    assert proc.returncode == -signal.SIGKILL
    return run


async def _all(store: EmbeddedStorage) -> tuple[KeyValue, ...]:
    return (await store.range("/", RANGE_ALL)).kvs


def _integrity(directory: Path) -> None:
    with contextlib.closing(sqlite3.connect(directory / schema.DATABASE_FILE)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


async def _check_acked(store: EmbeddedStorage, run: Run) -> None:
    for key, revision in run.acked.items():
        kv = (await store.range(key)).kvs
        assert kv, f"acknowledged write of {key} at revision {revision} was lost"
        _, worker, i = key.rsplit("/", 2)
        assert kv[0].value == f"{worker}:{i}".encode()
        assert kv[0].mod_revision == revision


async def test_sequential_writes_survive_sigkill(tmp_path: Path) -> None:
    directory = tmp_path / "store"
    runs: list[Run] = []
    for round_, kill_after in enumerate((50, 400, 1000)):
        runs.append(await _write_then_kill(directory, kill_after, "--prefix", f"/r{round_}/"))
        store = await EmbeddedStorage.open(directory)
        try:
            for run in runs:
                await _check_acked(store, run)
            # One create per revision, from 2 on: no gap and no duplicate.
            kvs = await _all(store)
            head = await store.current_revision()
            assert sorted(kv.mod_revision for kv in kvs) == list(range(2, head + 1))
            assert max(runs[-1].acked.values()) <= head
            # Within a round, keys were written in order: what survived is a prefix.
            indexes = sorted(
                int(kv.key.rsplit("/", 1)[1]) for kv in kvs if kv.key.startswith(f"/r{round_}/")
            )
            assert indexes == list(range(len(indexes)))
            # The counter carries on where the log ends.
            assert await conditional.create(store, f"/after/{round_}", b"x") == head + 1
        finally:
            await store.close()
        _integrity(directory)


async def test_concurrent_writes_and_compactions_survive_sigkill(tmp_path: Path) -> None:
    directory = tmp_path / "store"
    for round_, kill_after in enumerate((300, 1500)):
        run = await _write_then_kill(
            directory,
            kill_after,
            "--prefix",
            f"/c{round_}/",
            "--workers",
            "16",
            "--compact-every",
            "37",
        )
        store = await EmbeddedStorage.open(directory)
        try:
            await _check_acked(store, run)
            kvs = [kv for kv in await _all(store) if kv.key.startswith(f"/c{round_}/")]
            # One create per revision: the round's keys fill its revisions, no gap.
            revisions = sorted(kv.mod_revision for kv in kvs)
            head = await store.current_revision()
            assert revisions == list(range(revisions[0], head + 1))
            # An acknowledged compaction is remembered, and reads below it refused.
            if run.compacted:
                with pytest.raises(CompactedError):
                    await store.range("/", RANGE_ALL, revision=run.compacted - 1)
                with pytest.raises(CompactedError):
                    await store.compact(run.compacted)
            assert await conditional.create(store, f"/after/{round_}", b"x") == head + 1
        finally:
            await store.close()
        _integrity(directory)


async def test_second_process_is_refused_while_first_holds_the_store(tmp_path: Path) -> None:
    directory = tmp_path / "store"
    holder = await _spawn(directory, "hold")
    assert holder.stdout is not None
    try:
        async with asyncio.timeout(STARTUP_WAIT):
            ready = await holder.stdout.readline()
        assert ready.startswith(b"READY")
        with pytest.raises(StorageUnavailableError, match=rf"in use .*pid {holder.pid}"):
            await EmbeddedStorage.open(directory)
    finally:
        holder.send_signal(signal.SIGKILL)
        await holder.wait()
    # The kernel drops a dead process's lock: no stale lock file to clean up.
    store = await EmbeddedStorage.open(directory)
    await store.close()


async def test_second_open_in_the_same_process_is_refused(tmp_path: Path) -> None:
    store = await EmbeddedStorage.open(tmp_path)
    try:
        with pytest.raises(StorageUnavailableError, match="in use"):
            await EmbeddedStorage.open(tmp_path)
        # The failed open left the first one working.
        assert await conditional.create(store, "/k", b"v") == 2
    finally:
        await store.close()
    store = await EmbeddedStorage.open(tmp_path)
    assert await store.current_revision() == 2
    await store.close()

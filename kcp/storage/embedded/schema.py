"""The embedded store's on-disk layout: one SQLite database, log-structured like kine.

Every change to a key is one row of `log`, never updated in place; a delete is a
tombstone row. A row's `id` packs its revision and its position inside the
transaction (`revision << SUB_BITS | sub`), so ids sort in commit order, a revision
range is an id range (the watch reads by rowid, no extra index), and the events of
one transaction come out in the order of its operations, as etcd's sub-revisions do.

    log(id, key, value, create_revision, version, deleted, prev_id)
        one row per change; `prev_id` is the key's previous live row (None after a
        create), which is how a watch finds `prev_kv` without a search
    log_key(key, id)
        the newest row per key at or below a revision, for reads at old revisions
    current(key -> id)
        the live keys only: reads at the current revision and compares never touch
        history
    meta(name -> value)
        `compacted` (the compacted revision), `revision` (the current revision as of
        the last compaction, since compaction may remove the newest tombstone) and
        `physical` (how far superseded rows have actually been deleted)

The current revision is therefore max(meta.revision, newest log row), and a commit
writes no meta row: the fewer pages a commit dirties, the cheaper its fsync.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

__all__ = [
    "DATABASE_FILE",
    "FIRST_REVISION",
    "MAX_TXN_WRITES",
    "SCHEMA_VERSION",
    "SUB_BITS",
    "StoredState",
    "Synchronous",
    "connect",
    "fsync_directory",
    "head_revision",
    "id_bound",
    "initialize",
    "revision_of",
    "row_id",
]

DATABASE_FILE = "kv.sqlite"
SCHEMA_VERSION = 1

# As etcd: an empty store is at revision 1, and the first write makes revision 2.
FIRST_REVISION = 1

# 2**20 rows per transaction leaves 2**43 revisions in a signed 64-bit rowid:
# at 10,000 writes a second, 27 years.
SUB_BITS = 20
MAX_TXN_WRITES = (1 << SUB_BITS) - 1

# SQLite's page cache per connection, in KiB (a negative cache_size is KiB).
# Enough to keep the indexes of a store of a few hundred thousand keys hot.
CACHE_KIB = 16 * 1024

# The WAL is checkpointed into the database every 1,000 pages (SQLite's default);
# a WAL that grew past this while readers held it open is truncated back afterwards.
WAL_LIMIT_BYTES = 64 * 1024 * 1024

# "FULL": every commit fsyncs the WAL, surviving kill -9 and power loss.
# "NORMAL": survives kill -9, not power loss. "OFF": for throwaway test stores only.
Synchronous = Literal["FULL", "NORMAL", "OFF"]

_DDL = """
CREATE TABLE IF NOT EXISTS log (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    value BLOB NOT NULL,
    create_revision INTEGER NOT NULL,
    version INTEGER NOT NULL,
    deleted INTEGER NOT NULL,
    prev_id INTEGER
);
CREATE INDEX IF NOT EXISTS log_key ON log (key);
CREATE TABLE IF NOT EXISTS current (
    key TEXT PRIMARY KEY,
    id INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT OR IGNORE INTO meta (name, value) VALUES
    ('compacted', 0), ('revision', 1), ('physical', 0);
"""


def row_id(revision: int, sub: int) -> int:
    """The id of the `sub`-th row written at `revision`."""
    return revision << SUB_BITS | sub


def id_bound(revision: int) -> int:
    """The smallest id of any row above `revision`: rows at or below it have smaller ids."""
    return (revision + 1) << SUB_BITS


def revision_of(row: int) -> int:
    return row >> SUB_BITS


def head_revision(meta_revision: int, newest_row: int | None) -> int:
    """The current revision: the newest row's, unless compaction removed that row."""
    newest = revision_of(newest_row) if newest_row is not None else 0
    return max(meta_revision, newest, FIRST_REVISION)


@dataclass(frozen=True, slots=True)
class StoredState:
    """What a store remembers across restarts besides its keys."""

    revision: int
    compacted: int
    physical: int


def connect(path: Path, *, synchronous: Synchronous, readonly: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode (we issue BEGIN and COMMIT ourselves), in WAL mode."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=True)
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    if readonly:
        conn.execute("PRAGMA query_only = ON")
    else:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise sqlite3.OperationalError(f"cannot switch {path} to WAL mode (got {mode})")
        conn.execute(f"PRAGMA synchronous = {synchronous}")
        # After a checkpoint resets the WAL, truncate it back to this size.
        conn.execute(f"PRAGMA journal_size_limit = {WAL_LIMIT_BYTES}")
    return conn


def initialize(conn: sqlite3.Connection) -> StoredState:
    """Create the schema if absent, check its version, and read the stored state.

    The `meta` write in this transaction also makes SQLite create the WAL file now,
    before any write is acknowledged, so that its directory entry can be fsynced.
    """
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version not in (0, SCHEMA_VERSION):
        raise sqlite3.DatabaseError(
            f"schema version {version} is not supported (expected {SCHEMA_VERSION})"
        )
    conn.execute("BEGIN IMMEDIATE")
    try:
        _run_ddl(conn)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("UPDATE meta SET value = value WHERE name = 'revision'")
        state = _read_state(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return state


def _run_ddl(conn: sqlite3.Connection) -> None:
    # executescript() would COMMIT the open transaction first; run statement by statement.
    for statement in _DDL.split(";"):
        if statement.strip():
            conn.execute(statement)


def _read_state(conn: sqlite3.Connection) -> StoredState:
    meta = dict(conn.execute("SELECT name, value FROM meta").fetchall())
    (newest,) = conn.execute("SELECT MAX(id) FROM log").fetchone()
    return StoredState(
        revision=head_revision(meta["revision"], newest),
        compacted=meta["compacted"],
        physical=meta["physical"],
    )


def fsync_directory(directory: Path) -> None:
    """Make the directory entries of newly created files durable (power loss)."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

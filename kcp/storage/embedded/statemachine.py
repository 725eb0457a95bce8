"""The store's state machine: one transaction, or one step of compaction, in SQL.

Plain functions on the writer's connection, called only from the writer thread,
inside a SQLite transaction the writer opened (for `apply`) or of their own (for
compaction). They know the schema and etcd's rules; they know nothing of threads,
queues or asyncio (kcp.storage.embedded.writer does).

`apply` follows etcd's apply of a Txn: compares against the state as it is, then the
chosen branch op by op, each op seeing the ones before it (a Get after a Put reads the
new value). The i-th write of the transaction becomes row `revision << SUB_BITS | i`.

Compaction is logical first, physical later. `record_compaction` stores the
compacted revision, after which reads and watches below it fail; `compact_chunk`
then deletes, a bounded slice at a time, the rows that revision made garbage: a row
superseded by a later row at or below the compacted revision, and a tombstone at or
below it. A row's successor points back at it with `prev_id`, so the superseded rows
are exactly the `prev_id`s of rows at or below the compacted revision, and each chunk
only scans rows written since the last one.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Sequence

from kcp.storage.embedded import schema
from kcp.storage.interface import (
    Compare,
    Delete,
    Event,
    EventType,
    Get,
    KeyValue,
    Put,
    TxnOp,
    TxnResult,
)

__all__ = ["COMPACT_CHUNK_ROWS", "apply", "compact_chunk", "record_compaction"]

# Rows scanned per physical compaction chunk: a few milliseconds of work, so writers
# queued behind a chunk wait about as long as behind one group commit.
COMPACT_CHUNK_ROWS = 2000

_LIVE = (
    "SELECT l.id, l.value, l.create_revision, l.version"
    " FROM current AS c JOIN log AS l ON l.id = c.id WHERE c.key = ?"
)
_INSERT = (
    "INSERT INTO log (id, key, value, create_revision, version, deleted, prev_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_SET_CURRENT = (
    "INSERT INTO current (key, id) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET id = excluded.id"
)
_UNSET_CURRENT = "DELETE FROM current WHERE key = ?"
_SET_META = "UPDATE meta SET value = ? WHERE name = ?"


def _live(conn: sqlite3.Connection, key: str) -> tuple[int, KeyValue] | None:
    """The key's live row id and kv, or None if it is absent."""
    row = conn.execute(_LIVE, (key,)).fetchone()
    if row is None:
        return None
    row_id, value, create, version = row
    return row_id, KeyValue(key, value, create, schema.revision_of(row_id), version)


def apply(
    conn: sqlite3.Connection,
    compares: Sequence[Compare],
    success: Sequence[TxnOp],
    failure: Sequence[TxnOp],
    revision: int,
) -> tuple[TxnResult, list[Event]]:
    """Evaluate and apply one transaction as `revision`; it takes it only if it writes.

    Returns the result and the events of its writes (with `prev_kv` always filled).
    """
    succeeded = True
    for compare in compares:
        found = _live(conn, compare.key)
        if not compare.holds_for(found[1] if found else None):
            succeeded = False
            break
    results: list[KeyValue | None] = []
    events: list[Event] = []
    for op in success if succeeded else failure:
        found = _live(conn, op.key)
        prev = found[1] if found else None
        if isinstance(op, Get):
            results.append(prev)
        elif isinstance(op, Put):
            row = schema.row_id(revision, len(events))
            if found is None:
                create, version, prev_id = revision, 1, None
            else:
                prev_id, old = found
                create, version = old.create_revision, old.version + 1
            conn.execute(_INSERT, (row, op.key, op.value, create, version, 0, prev_id))
            conn.execute(_SET_CURRENT, (op.key, row))
            kv = KeyValue(op.key, op.value, create, revision, version)
            events.append(Event(EventType.PUT, kv, prev))
            results.append(prev if op.prev_kv else None)
        else:
            assert isinstance(op, Delete)
            results.append(prev)
            if found is None:
                continue  # deleting an absent key changes nothing
            row = schema.row_id(revision, len(events))
            conn.execute(_INSERT, (row, op.key, b"", 0, 0, 1, found[0]))
            conn.execute(_UNSET_CURRENT, (op.key,))
            tombstone = KeyValue(op.key, b"", 0, revision, 0)
            events.append(Event(EventType.DELETE, tombstone, prev))
    result = TxnResult(succeeded, revision if events else revision - 1, tuple(results))
    return result, events


def record_compaction(conn: sqlite3.Connection, revision: int, head: int) -> None:
    """Make `revision` the compacted revision, durably, in a transaction of its own."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(_SET_META, (revision, "compacted"))
        # compact_chunk may delete the newest row (a tombstone): remember the head.
        conn.execute(_SET_META, (head, "revision"))
        conn.execute("COMMIT")
    except BaseException:
        _rollback(conn)
        raise


def compact_chunk(conn: sqlite3.Connection, physical: int, compacted: int) -> int:
    """Delete the garbage of about COMPACT_CHUNK_ROWS rows above `physical`.

    Returns the new `physical`: the revision up to which garbage is gone.
    """
    start, target = schema.id_bound(physical), schema.id_bound(compacted)
    row = conn.execute(
        "SELECT id FROM log WHERE id >= ? AND id < ? ORDER BY id LIMIT 1 OFFSET ?",
        (start, target, COMPACT_CHUNK_ROWS),
    ).fetchone()
    # Through the whole revision of the row found, so a transaction is never split.
    upto = compacted if row is None else schema.revision_of(row[0])
    window = {"start": start, "end": schema.id_bound(upto)}
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "DELETE FROM log WHERE id IN (SELECT prev_id FROM log"
            " WHERE id >= :start AND id < :end AND prev_id IS NOT NULL)",
            window,
        )
        conn.execute("DELETE FROM log WHERE id >= :start AND id < :end AND deleted = 1", window)
        conn.execute(_SET_META, (upto, "physical"))
        conn.execute("COMMIT")
    except BaseException:
        _rollback(conn)
        raise
    return upto


def _rollback(conn: sqlite3.Connection) -> None:
    with contextlib.suppress(sqlite3.Error):
        if conn.in_transaction:
            conn.execute("ROLLBACK")

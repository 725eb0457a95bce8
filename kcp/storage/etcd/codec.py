"""Between the storage contract's values and etcd's protobuf messages.

The key prefix lives here: every key going out gets it, every key coming back loses
it, and `RANGE_ALL` under a prefix ends at the end of the prefix, so a client never
sees or touches keys outside its own prefix. Protobuf stops at this module's
boundary: callers get `KeyValue`, `Event` and friends, never a message.
"""

from __future__ import annotations

from collections.abc import Sequence

from kcp.storage.errors import InvalidRequestError
from kcp.storage.etcd._proto import etcd_pb2 as pb
from kcp.storage.interface import (
    RANGE_ALL,
    Compare,
    CompareOp,
    CompareTarget,
    Delete,
    Event,
    EventType,
    Get,
    KeyValue,
    Put,
    TxnOp,
)

__all__ = ["Keys"]

_TARGETS = {
    CompareTarget.MOD: pb.Compare.CompareTarget.MOD,
    CompareTarget.CREATE: pb.Compare.CompareTarget.CREATE,
    CompareTarget.VERSION: pb.Compare.CompareTarget.VERSION,
}
_RESULTS = {
    CompareOp.EQUAL: pb.Compare.CompareResult.EQUAL,
    CompareOp.NOT_EQUAL: pb.Compare.CompareResult.NOT_EQUAL,
    CompareOp.LESS: pb.Compare.CompareResult.LESS,
    CompareOp.GREATER: pb.Compare.CompareResult.GREATER,
}


def bytes_prefix_end(prefix: bytes) -> bytes:
    """The exclusive end of the keys starting with `prefix` (clientv3.GetPrefixRangeEnd)."""
    for i in reversed(range(len(prefix))):
        if prefix[i] < 0xFF:
            return prefix[:i] + bytes([prefix[i] + 1])
    return b"\0"


class Keys:
    """Keys of one client: the prefix added on the way out and dropped on the way in."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix.encode()
        self._prefix_len = len(self.prefix)
        # Where RANGE_ALL ends: the end of the prefix, or etcd's "\0" without one.
        self.all_end = bytes_prefix_end(self.prefix) if self.prefix else b"\0"

    def key(self, key: str) -> bytes:
        if not key:
            raise InvalidRequestError("empty key")
        try:
            return self.prefix + key.encode()
        except UnicodeEncodeError as err:
            raise InvalidRequestError(f"key {key!r} is not valid UTF-8") from err

    def range(self, key: str, end: str | None) -> tuple[bytes, bytes]:
        """`key` and `end` as etcd's key and range_end (empty range_end: one key)."""
        raw = self.key(key)
        if end is None:
            return raw, b""
        if end == RANGE_ALL:
            return raw, self.all_end
        if end < key:
            raise InvalidRequestError(f"range end {end!r} sorts before its start {key!r}")
        return raw, self.key(end)

    def strip(self, raw: bytes) -> str:
        # Keys we did not write may not be UTF-8; keep them readable, never fail.
        return raw[len(self.prefix) :].decode(errors="surrogateescape")

    def kv(self, kv: pb.KeyValue) -> KeyValue:
        # Positional on purpose: this runs once per key of every list.
        return KeyValue(
            kv.key[self._prefix_len :].decode(errors="surrogateescape"),
            kv.value,
            kv.create_revision,
            kv.mod_revision,
            kv.version,
        )

    def event(self, event: pb.Event, *, prev_kv: bool) -> Event:
        kind = EventType.DELETE if event.type == pb.Event.EventType.DELETE else EventType.PUT
        prev = self.kv(event.prev_kv) if prev_kv and event.HasField("prev_kv") else None
        return Event(kind, self.kv(event.kv), prev)

    def compare(self, compare: Compare) -> pb.Compare:
        message = pb.Compare(
            key=self.key(compare.key),
            target=_TARGETS[compare.target],
            result=_RESULTS[compare.op],
        )
        if compare.target is CompareTarget.MOD:
            message.mod_revision = compare.value
        elif compare.target is CompareTarget.CREATE:
            message.create_revision = compare.value
        else:
            message.version = compare.value
        return message

    def op(self, op: TxnOp) -> pb.RequestOp:
        if isinstance(op, Put):
            put = pb.PutRequest(key=self.key(op.key), value=op.value, prev_kv=op.prev_kv)
            return pb.RequestOp(request_put=put)
        if isinstance(op, Delete):
            delete = pb.DeleteRangeRequest(key=self.key(op.key), prev_kv=True)
            return pb.RequestOp(request_delete_range=delete)
        return pb.RequestOp(request_range=pb.RangeRequest(key=self.key(op.key)))

    def txn(
        self, compares: Sequence[Compare], success: Sequence[TxnOp], failure: Sequence[TxnOp]
    ) -> pb.TxnRequest:
        return pb.TxnRequest(
            compare=[self.compare(c) for c in compares],
            success=[self.op(op) for op in success],
            failure=[self.op(op) for op in failure],
        )

    def result(self, op: TxnOp, response: pb.ResponseOp) -> KeyValue | None:
        """One op's result as the contract has it: the kv read, or the kv before."""
        if isinstance(op, Get):
            kvs = response.response_range.kvs
            return self.kv(kvs[0]) if kvs else None
        if isinstance(op, Delete):
            prev_kvs = response.response_delete_range.prev_kvs
            return self.kv(prev_kvs[0]) if prev_kvs else None
        if op.prev_kv and response.response_put.HasField("prev_kv"):
            return self.kv(response.response_put.prev_kv)
        return None

"""The storage contract on a real etcd v3 cluster, over grpc.aio.

`EtcdStorage` implements `kcp.storage.interface.Storage` with etcd's own KV and Watch
services, through our generated stubs (kcp/storage/etcd/_proto) rather than a client
library, so that retries and watch resumption follow the contract exactly: a write
is never retried once it may have reached etcd, and a watch resumes from the last
revision it delivered (see kcp.storage.etcd.watch). The pieces:

    config.EtcdConfig     endpoints, prefix, TLS files, time limits
    channels.Members      a channel per endpoint, failover, deadlines, read retries
    codec.Keys            the key prefix, and protobuf <-> contract values
    errors                gRPC failures -> kcp.storage.errors
    watch.EtcdWatchStream one resumable watch stream
    streams               Watch calls: open, settle after cancel, compaction probe

Mirrors k8s.io/apiserver pkg/storage/etcd3/store.go in where it stops: keys and
bytes, no objects.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Sequence

import grpc

from kcp.storage.errors import (
    CompactedError,
    FutureRevisionError,
    InvalidRequestError,
    StorageClosedError,
    StorageError,
    StorageUnavailableError,
    ValueTooLargeError,
)
from kcp.storage.etcd import errors
from kcp.storage.etcd._proto import etcd_pb2 as pb
from kcp.storage.etcd.channels import Members, load_credentials
from kcp.storage.etcd.codec import Keys
from kcp.storage.etcd.config import EtcdConfig
from kcp.storage.etcd.errors import ErrorKind
from kcp.storage.etcd.streams import compacted_revision
from kcp.storage.etcd.watch import EtcdWatchStream
from kcp.storage.interface import (
    Compare,
    Get,
    Put,
    RangeResult,
    TxnOp,
    TxnResult,
    WatchStream,
)

__all__ = ["EtcdConfig", "EtcdStorage", "EtcdWatchStream"]

# How long the error path may spend learning a revision for CompactedError or
# FutureRevisionError (one extra round trip, only when the error happens).
ERROR_DETAIL_TIMEOUT = 1.0


class EtcdStorage:
    """`Storage` on etcd. Create with `await EtcdStorage.connect(config)`."""

    def __init__(self, config: EtcdConfig, members: Members) -> None:
        self._config = config
        self._members = members
        self._keys = Keys(config.prefix)
        self._watches: weakref.WeakSet[EtcdWatchStream] = weakref.WeakSet()

    @classmethod
    async def connect(cls, config: EtcdConfig) -> EtcdStorage:
        """Open channels to every endpoint and wait until one of them answers.

        Raises StorageUnavailableError if none answers within `dial_timeout`.
        """
        credentials = await asyncio.to_thread(load_credentials, config)
        members = Members(config, credentials)
        try:
            await members.unary(
                lambda m: m.maintenance.Status,
                pb.StatusRequest(),
                idempotent=True,
                time_limit=config.dial_timeout,
            )
        except grpc.aio.AioRpcError as err:
            await members.close()
            raise StorageUnavailableError(
                f"no etcd endpoint of {', '.join(config.endpoints)} answered: "
                f"{errors.describe(err)}"
            ) from err
        except BaseException:
            await members.close()
            raise
        return cls(config, members)

    @property
    def max_request_bytes(self) -> int:
        return self._config.max_request_bytes

    async def current_revision(self) -> int:
        # The cheapest linearizable read: one key, count only.
        request = pb.RangeRequest(key=self._keys.prefix or b"\0", count_only=True, limit=1)
        try:
            response = await self._members.unary(lambda m: m.kv.Range, request, idempotent=True)
        except grpc.aio.AioRpcError as err:
            raise errors.translate(err) from err
        return response.header.revision

    async def range(
        self,
        key: str,
        end: str | None = None,
        *,
        revision: int = 0,
        limit: int = 0,
        keys_only: bool = False,
        count_only: bool = False,
    ) -> RangeResult:
        if limit < 0:
            raise InvalidRequestError(f"negative limit {limit}")
        if revision < 0:
            raise InvalidRequestError(f"negative revision {revision}")
        raw_key, raw_end = self._keys.range(key, end)
        request = pb.RangeRequest(
            key=raw_key,
            range_end=raw_end,
            limit=limit,
            revision=revision,
            keys_only=keys_only,
            count_only=count_only,
        )
        try:
            response = await self._members.unary(lambda m: m.kv.Range, request, idempotent=True)
        except grpc.aio.AioRpcError as err:
            raise await self._revision_error(err, revision, key) from err
        return RangeResult(
            kvs=tuple(map(self._keys.kv, response.kvs)),
            count=response.count,
            more=response.more,
            revision=response.header.revision,
        )

    async def txn(
        self,
        compares: Sequence[Compare],
        success: Sequence[TxnOp],
        failure: Sequence[TxnOp] = (),
    ) -> TxnResult:
        if not compares and len(success) == 1 and isinstance(success[0], Put):
            return await self._put(success[0])
        request = self._keys.txn(compares, success, failure)
        self._check_size(compares, (*success, *failure))
        writes = any(not isinstance(op, Get) for op in (*success, *failure))
        try:
            response = await self._members.unary(lambda m: m.kv.Txn, request, idempotent=not writes)
        except grpc.aio.AioRpcError as err:
            first = next((op.key for op in (*success, *failure) if isinstance(op, Put)), "")
            raise errors.translate(
                err, key=first, size=request.ByteSize(), limit=self.max_request_bytes
            ) from err
        ops = success if response.succeeded else failure
        if len(response.responses) != len(ops):
            raise StorageUnavailableError(
                f"etcd answered {len(response.responses)} results for {len(ops)} ops"
            )
        return TxnResult(
            succeeded=response.succeeded,
            revision=response.header.revision,
            results=tuple(
                self._keys.result(op, result)
                for op, result in zip(ops, response.responses, strict=True)
            ),
        )

    async def _put(self, op: Put) -> TxnResult:
        """An unconditional single put as etcd's Put RPC: same effect, cheaper than a Txn."""
        self._check_size((), (op,))
        request = pb.PutRequest(key=self._keys.key(op.key), value=op.value, prev_kv=op.prev_kv)
        try:
            response = await self._members.unary(lambda m: m.kv.Put, request, idempotent=False)
        except grpc.aio.AioRpcError as err:
            raise errors.translate(
                err, key=op.key, size=request.ByteSize(), limit=self.max_request_bytes
            ) from err
        prev = (
            self._keys.kv(response.prev_kv) if op.prev_kv and response.HasField("prev_kv") else None
        )
        return TxnResult(succeeded=True, revision=response.header.revision, results=(prev,))

    def watch(
        self,
        key: str,
        end: str | None = None,
        *,
        start_revision: int = 0,
        prev_kv: bool = False,
        progress_notify: bool = False,
    ) -> WatchStream:
        if self._members.closed:
            raise StorageClosedError("the etcd client is closed")
        stream = EtcdWatchStream(
            self._members,
            self._keys,
            key,
            end,
            start_revision=start_revision,
            prev_kv=prev_kv,
            progress_notify=progress_notify,
            request_timeout=self._config.request_timeout,
            reconnect_timeout=self._config.watch_reconnect_timeout,
        )
        self._watches.add(stream)
        return stream

    async def compact(self, revision: int) -> None:
        if revision <= 0:
            raise InvalidRequestError(f"cannot compact at revision {revision}")
        request = pb.CompactionRequest(revision=revision, physical=False)
        try:
            # Not retried once sent: a second try of an applied compaction would
            # report CompactedError for a compaction that succeeded.
            await self._members.unary(lambda m: m.kv.Compact, request, idempotent=False)
        except grpc.aio.AioRpcError as err:
            raise await self._revision_error(err, revision, "") from err

    async def close(self) -> None:
        for stream in list(self._watches):
            await stream.storage_closed()
        await self._members.close()

    def _check_size(self, compares: Sequence[Compare], ops: Sequence[TxnOp]) -> None:
        """Refuse a write over max_request_bytes before sending it.

        Counted as the embedded store counts: every key of the request (compares and
        both branches) plus every value put. etcd counts the encoded request, a few
        dozen bytes more, and refuses those itself (also ValueTooLargeError).
        """
        size = sum(len(c.key.encode()) for c in compares)
        largest, largest_size = "", -1
        for op in ops:
            op_size = len(op.key.encode())
            if isinstance(op, Put):
                op_size += len(op.value)
                if op_size > largest_size:
                    largest, largest_size = op.key, op_size
            size += op_size
        limit = self.max_request_bytes
        if size > limit:
            raise ValueTooLargeError(largest or (compares[0].key if compares else ""), size, limit)

    async def _revision_error(
        self, err: grpc.aio.AioRpcError, revision: int, key: str
    ) -> StorageError:
        """The storage error for a read or compaction at `revision` that etcd refused."""
        kind = errors.kind_of(err)
        if kind is ErrorKind.COMPACTED:
            compacted = await compacted_revision(
                self._members, self._keys.key(key or "\0"), ERROR_DETAIL_TIMEOUT
            )
            # Unknown: the oldest revision that can still be readable is revision + 1.
            return CompactedError(revision, compacted or revision + 1)
        if kind is ErrorKind.FUTURE_REVISION:
            try:
                async with asyncio.timeout(ERROR_DETAIL_TIMEOUT):
                    current = await self.current_revision()
            except (StorageError, TimeoutError):
                current = revision - 1
            return FutureRevisionError(revision, current)
        return errors.translate(err, key=key)

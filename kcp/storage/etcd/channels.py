"""The gRPC channels to an etcd cluster, one per endpoint, and failover between them.

Why one channel per endpoint rather than one channel over all addresses: Python's
gRPC has no custom resolver, so a single channel over several endpoints works only
for IP literals (`ipv4:a,b`) and checks every member's certificate against one name.
A channel per endpoint takes host names, and each is verified as itself.

Failover is ours: calls go to the current member; a member whose channel is in
TRANSIENT_FAILURE is skipped while another is not; a call that fails UNAVAILABLE
moves the current member on. What may be retried is the caller's choice
(`idempotent`): reads are retried a bounded number of times within their deadline;
writes only when gRPC failed them before they left the client (`errors.never_sent`),
since a write whose outcome is unknown must surface as StorageUnavailableError, never
be applied twice. Every call carries the deadline `request_timeout`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import grpc
from google.protobuf.message import Message

from kcp.storage.errors import StorageClosedError, StorageUnavailableError
from kcp.storage.etcd import errors
from kcp.storage.etcd._proto import etcd_pb2_grpc
from kcp.storage.etcd.config import EtcdConfig

__all__ = ["Member", "Members", "load_credentials"]

Req = TypeVar("Req", bound=Message)
Resp = TypeVar("Resp", bound=Message)

# Writes are refused above max_request_bytes before sending; a Txn of many ops
# still needs room, and etcd itself accepts at most --max-request-bytes + 512 KiB.
MAX_SEND_BYTES = 16 * 1024 * 1024
# A list of a large resource comes back as one RangeResponse; like kube-apiserver
# (MaxCallRecvMsgSize = math.MaxInt32) we do not cap it below what gRPC allows.
MAX_RECEIVE_BYTES = 2**31 - 1
# gRPC waits up to 120s between reconnection attempts by default; an etcd that
# restarts should be used again within about a second.
RECONNECT_BACKOFF_MS = 100
MAX_RECONNECT_BACKOFF_MS = 1000
# Reads: attempts per call (at least one per endpoint), and the pause between them.
READ_ATTEMPTS = 3
READ_RETRY_PAUSE = 0.05


@dataclass(frozen=True, slots=True)
class Member:
    """One endpoint: its channel and the stubs bound to it."""

    endpoint: str
    channel: grpc.aio.Channel
    kv: etcd_pb2_grpc.KVAsyncStub
    watch: etcd_pb2_grpc.WatchAsyncStub
    maintenance: etcd_pb2_grpc.MaintenanceAsyncStub


def load_credentials(config: EtcdConfig) -> grpc.ChannelCredentials | None:
    """TLS credentials from the config's files (blocking file reads), or None."""
    if not config.tls:
        return None
    return grpc.ssl_channel_credentials(
        root_certificates=config.ca_file.read_bytes() if config.ca_file else None,
        private_key=config.key_file.read_bytes() if config.key_file else None,
        certificate_chain=config.cert_file.read_bytes() if config.cert_file else None,
    )


def _target(endpoint: str) -> str:
    for scheme in ("http://", "https://"):
        if endpoint.startswith(scheme):
            return endpoint[len(scheme) :].rstrip("/")
    return endpoint


class Members:
    """The channels to every endpoint, the current one, and unary calls with failover."""

    def __init__(self, config: EtcdConfig, credentials: grpc.ChannelCredentials | None) -> None:
        self._config = config
        options: list[tuple[str, str | int]] = [
            ("grpc.max_send_message_length", MAX_SEND_BYTES),
            ("grpc.max_receive_message_length", MAX_RECEIVE_BYTES),
            ("grpc.keepalive_time_ms", int(config.keepalive_time * 1000)),
            ("grpc.keepalive_timeout_ms", int(config.keepalive_timeout * 1000)),
            # etcd's keepalive policy refuses pings when no stream is open.
            ("grpc.keepalive_permit_without_calls", 0),
            ("grpc.http2.max_pings_without_data", 0),
            ("grpc.initial_reconnect_backoff_ms", RECONNECT_BACKOFF_MS),
            ("grpc.min_reconnect_backoff_ms", RECONNECT_BACKOFF_MS),
            ("grpc.max_reconnect_backoff_ms", MAX_RECONNECT_BACKOFF_MS),
            # Our own connections, not shared with other clients in the process, so
            # one client's back-off state never delays another.
            ("grpc.use_local_subchannel_pool", 1),
        ]
        if config.tls_server_name is not None:
            options.append(("grpc.ssl_target_name_override", config.tls_server_name))
        self._members: list[Member] = []
        for endpoint in config.endpoints:
            target = _target(endpoint)
            if credentials is None:
                channel = grpc.aio.insecure_channel(target, options=options)
            else:
                channel = grpc.aio.secure_channel(target, credentials, options=options)
            self._members.append(
                Member(
                    endpoint=target,
                    channel=channel,
                    kv=etcd_pb2_grpc.KVStub(channel),
                    watch=etcd_pb2_grpc.WatchStub(channel),
                    maintenance=etcd_pb2_grpc.MaintenanceStub(channel),
                )
            )
        self._current = 0
        self._closed = False

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def count(self) -> int:
        return len(self._members)

    def pick(self) -> Member:
        """The member to use now: the current one unless it is failing and another is not."""
        if self._closed:
            raise StorageClosedError("the etcd client is closed")
        n = len(self._members)
        for step in range(n):
            index = (self._current + step) % n
            state = self._members[index].channel.get_state(try_to_connect=False)
            if state is not grpc.ChannelConnectivity.TRANSIENT_FAILURE:
                self._current = index
                return self._members[index]
        return self._members[self._current]

    def failed(self, member: Member) -> None:
        """Move past `member` after a call on it failed UNAVAILABLE."""
        if self._members[self._current] is member:
            self._current = (self._current + 1) % len(self._members)

    async def unary(
        self,
        method: Callable[[Member], grpc.aio.UnaryUnaryMultiCallable[Req, Resp]],
        request: Req,
        *,
        idempotent: bool,
        time_limit: float | None = None,
    ) -> Resp:
        """Call `method(member)(request)` within `time_limit` (default request_timeout).

        Fails over to another member as `idempotent` allows (see the module docstring).

        Raises the last `grpc.aio.AioRpcError` for the caller to translate, or
        StorageClosedError / StorageUnavailableError when closed or out of time.
        """
        loop = asyncio.get_running_loop()
        limit = self._config.request_timeout if time_limit is None else time_limit
        deadline = loop.time() + limit
        attempts = max(READ_ATTEMPTS, len(self._members)) if idempotent else len(self._members)
        attempt = 0
        while True:
            member = self.pick()
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise StorageUnavailableError(f"etcd did not answer within {limit}s")
            try:
                return await method(member)(request, timeout=remaining, wait_for_ready=False)
            except grpc.aio.AioRpcError as err:
                if self._closed:
                    raise StorageClosedError("the etcd client is closed") from err
                if not errors.retryable(err):
                    raise
                self.failed(member)
                attempt += 1
                if attempt >= attempts or not (idempotent or errors.never_sent(err)):
                    raise
                if attempt % len(self._members) == 0:
                    # Every endpoint failed once: pause before the next round.
                    await asyncio.sleep(min(READ_RETRY_PAUSE * attempt, remaining / 2))
            except grpc.aio.UsageError as err:
                # The channel was closed under the call.
                raise StorageClosedError("the etcd client is closed") from err
            except asyncio.CancelledError:
                # Closing the channel cancels its calls; that is not our caller's
                # cancellation, so it must not look like one.
                task = asyncio.current_task()
                if self._closed and (task is None or not task.cancelling()):
                    raise StorageClosedError("the etcd client was closed") from None
                raise

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        for member in self._members:
            await member.channel.close(None)

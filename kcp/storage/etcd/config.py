"""How to reach an etcd cluster: endpoints, key prefix, TLS files and time limits.

A plain frozen value, built by the server from its `--etcd-*` flags and by tests
directly. It knows nothing of gRPC; `kcp.storage.etcd.channels` turns it into
channels. Re-exported by `kcp.storage.etcd.backend`, where callers import it from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kcp.storage.interface import DEFAULT_MAX_REQUEST_BYTES

__all__ = ["EtcdConfig"]


@dataclass(frozen=True, slots=True)
class EtcdConfig:
    """An etcd cluster and how to talk to it.

    `endpoints` are `host:port` (an `http://` or `https://` scheme is accepted and
    dropped; `https://` turns TLS on). `prefix` is prepended to every key and removed
    from every key read back, so several kcp instances (or tests) can share one etcd.
    TLS is used when any of the three files is given: `ca_file` verifies etcd's
    serving certificate (system roots when absent), `cert_file` and `key_file` are the
    client certificate for etcd's `--client-cert-auth`. `tls_server_name` overrides
    the name checked in the serving certificate (default: each endpoint's host).
    """

    endpoints: tuple[str, ...]
    prefix: str = ""
    ca_file: Path | None = None
    cert_file: Path | None = None
    key_file: Path | None = None
    tls_server_name: str | None = None
    # The deadline of every unary call, retries included. kube-apiserver uses 5s
    # per request too (its etcd3 `requestTimeout` default was 5s for years).
    request_timeout: float = 5.0
    # How long `EtcdStorage.connect` waits for a first answer from any endpoint.
    dial_timeout: float = 5.0
    # How long a watch may fail to re-establish before iteration raises
    # StorageUnavailableError instead of retrying further.
    watch_reconnect_timeout: float = 60.0
    # gRPC keepalive on open streams, so a watch on a dead or frozen etcd fails
    # instead of waiting forever (kube-apiserver: 30s / 10s). etcd refuses pings
    # more often than every 5s (--grpc-keepalive-min-time).
    keepalive_time: float = 30.0
    keepalive_timeout: float = 10.0
    # etcd's --max-request-bytes; writes whose keys plus values exceed it are
    # refused before they are sent.
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES

    def __post_init__(self) -> None:
        if not self.endpoints:
            raise ValueError("EtcdConfig needs at least one endpoint")
        if (self.cert_file is None) != (self.key_file is None):
            raise ValueError("EtcdConfig: cert_file and key_file must be given together")
        if self.request_timeout <= 0 or self.dial_timeout <= 0:
            raise ValueError("EtcdConfig: timeouts must be positive")
        if self.keepalive_time < 5:
            raise ValueError("EtcdConfig: etcd refuses keepalive pings more often than 5s")

    @property
    def tls(self) -> bool:
        files = (self.ca_file, self.cert_file, self.key_file)
        return any(f is not None for f in files) or any(
            e.startswith("https://") for e in self.endpoints
        )

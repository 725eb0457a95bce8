"""The server's configuration: what `kcp start` was asked to do, as plain values.

The CLI turns flags into a `Config`; `kcp.server.app` consumes it. Nothing here
parses flags or opens anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["DEFAULT_ETCD_PREFIX", "Config", "EtcdOptions"]

# kube-apiserver's and kcp's --etcd-prefix default.
DEFAULT_ETCD_PREFIX = "/registry"


@dataclass(frozen=True, slots=True)
class EtcdOptions:
    """An external etcd cluster; without one the embedded store is used."""

    servers: tuple[str, ...]
    prefix: str = DEFAULT_ETCD_PREFIX
    cafile: Path | None = None
    certfile: Path | None = None
    keyfile: Path | None = None


@dataclass(frozen=True, slots=True)
class Config:
    root_directory: Path
    # Loopback until authentication is served: the API trusts every caller today.
    bind_address: str = "127.0.0.1"
    secure_port: int = 6443
    external_hostname: str = ""
    etcd: EtcdOptions | None = None
    # How long in-flight requests may run on after a shutdown signal.
    shutdown_timeout: float = 30.0
    # How long /readyz waits for storage before calling it unready.
    readiness_timeout: float = 2.0
    extra_hostnames: tuple[str, ...] = field(default_factory=tuple)

    @property
    def embedded_directory(self) -> Path:
        return self.root_directory / "embedded"

    @property
    def hostnames(self) -> tuple[str, ...]:
        return (self.bind_address, self.external_hostname, *self.extra_hostnames)

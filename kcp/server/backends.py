"""The one place that chooses the storage backend.

An external etcd when `--etcd-servers` was given, the embedded SQLite store in the
root directory otherwise. Both fulfil `kcp.storage.interface.Storage`, and nothing
past this module knows which one it got.
"""

from __future__ import annotations

from kcp.server.config import Config
from kcp.storage.interface import Storage

__all__ = ["backend_name", "open_storage"]


def backend_name(config: Config) -> str:
    return "etcd" if config.etcd is not None else "embedded"


async def open_storage(config: Config) -> Storage:
    if config.etcd is None:
        from kcp.storage.embedded.backend import EmbeddedStorage

        return await EmbeddedStorage.open(config.embedded_directory)

    from kcp.storage.etcd.backend import EtcdConfig, EtcdStorage

    etcd = config.etcd
    return await EtcdStorage.connect(
        EtcdConfig(
            endpoints=etcd.servers,
            prefix=etcd.prefix,
            ca_file=etcd.cafile,
            cert_file=etcd.certfile,
            key_file=etcd.keyfile,
        )
    )

"""kcp.storage.embedded: the storage contract on SQLite, in-process (see backend.py).

The zero-setup default of `kcp start` when no etcd is given. Only
`kcp.server.backends` picks it; everything else sees `kcp.storage.interface.Storage`.
"""

from kcp.storage.embedded.backend import EmbeddedStorage

__all__ = ["EmbeddedStorage"]

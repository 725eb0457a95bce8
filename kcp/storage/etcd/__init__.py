"""The etcd v3 backend of the storage contract (see kcp.storage.etcd.backend).

Only `kcp.server.backends` picks it; everything else sees `kcp.storage.interface`.
gRPC and protobuf stay inside this package.
"""

from kcp.storage.etcd.backend import EtcdConfig, EtcdStorage, EtcdWatchStream

__all__ = ["EtcdConfig", "EtcdStorage", "EtcdWatchStream"]

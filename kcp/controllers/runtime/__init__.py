"""A small controller runtime: informers and work queues over `kcp.client`."""

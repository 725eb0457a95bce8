"""kcp.storage.etcd: see ../shared/DESIGN.md, Layers."""

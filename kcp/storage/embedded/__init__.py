"""kcp.storage.embedded: see ../shared/DESIGN.md, Layers."""

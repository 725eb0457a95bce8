"""kcp.aio: see ../shared/DESIGN.md, Layers."""

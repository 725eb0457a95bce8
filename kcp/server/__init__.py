"""kcp.server: see ../shared/DESIGN.md, Layers."""

"""kcp.registry: see ../shared/DESIGN.md, Layers."""

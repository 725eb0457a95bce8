"""kcp.observability: see ../shared/DESIGN.md, Layers."""

"""kcp.client: see ../shared/DESIGN.md, Layers."""

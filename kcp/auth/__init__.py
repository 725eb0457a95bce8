"""kcp.auth: see ../shared/DESIGN.md, Layers."""

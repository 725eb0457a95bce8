"""kcp.apis: see ../shared/DESIGN.md, Layers."""

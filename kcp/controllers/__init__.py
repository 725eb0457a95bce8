"""kcp.controllers: see ../shared/DESIGN.md, Layers."""

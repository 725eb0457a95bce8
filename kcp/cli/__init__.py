"""kcp.cli: see ../shared/DESIGN.md, Layers."""

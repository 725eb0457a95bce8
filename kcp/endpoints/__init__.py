"""kcp.endpoints: see ../shared/DESIGN.md, Layers."""

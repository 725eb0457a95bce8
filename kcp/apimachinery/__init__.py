"""kcp.apimachinery: see ../shared/DESIGN.md, Layers."""

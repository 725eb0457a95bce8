"""kcp.admission: see ../shared/DESIGN.md, Layers."""

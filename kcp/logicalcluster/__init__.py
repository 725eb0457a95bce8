"""kcp.logicalcluster: see ../shared/DESIGN.md, Layers."""

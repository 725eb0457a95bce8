"""HTTP filters, one per module, applied in the order listed in kcp.server.app."""

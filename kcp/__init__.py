"""kcp: a multi-tenant Kubernetes control plane serving many workspaces from one daemon."""

__version__ = "0.1.0.dev0"

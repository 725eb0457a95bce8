"""Logical-cluster names and workspace paths, as distinct value types.

A `LogicalClusterName` is what keys and objects carry (opaque, e.g. `root` or a
16-character base36 id); a `WorkspacePath` is what users type in URLs (`root:org:team`).
They are never interchangeable, as kcp's logicalcluster.Name and Path are not.
"""

from kcp.logicalcluster.name import ROOT, WILDCARD, LogicalClusterName
from kcp.logicalcluster.path import WorkspacePath

__all__ = ["ROOT", "WILDCARD", "LogicalClusterName", "WorkspacePath"]

"""Kubeconfig files: the admin kubeconfig kcp writes, in kubectl's format.

kcp writes `admin.kubeconfig` in its root directory on every start, as upstream kcp
does: context `root` addresses `/clusters/root`, `base` the bare server (for
`/clusters/...` paths typed by hand); the serving CA is embedded. Until
authentication is served the user carries a placeholder token, which kubectl needs in
order to talk TLS at all.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

import yaml

__all__ = ["PLACEHOLDER_TOKEN", "admin_kubeconfig", "write_kubeconfig"]

PLACEHOLDER_TOKEN = "kcp-admin-token-unused-until-authentication"  # noqa: S105 - not a secret
ADMIN_USER = "kcp-admin"


def admin_kubeconfig(server: str, ca_pem: bytes) -> dict[str, object]:
    ca_data = base64.b64encode(ca_pem).decode()
    clusters = [
        {
            "name": "root",
            "cluster": {"server": f"{server}/clusters/root", "certificate-authority-data": ca_data},
        },
        {"name": "base", "cluster": {"server": server, "certificate-authority-data": ca_data}},
    ]
    return {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": clusters,
        "contexts": [
            {"name": name, "context": {"cluster": name, "user": ADMIN_USER}}
            for name in ("root", "base")
        ],
        "current-context": "root",
        "users": [{"name": ADMIN_USER, "user": {"token": PLACEHOLDER_TOKEN}}],
        "preferences": {},
    }


def write_kubeconfig(path: Path, config: dict[str, object]) -> None:
    """Write `config` with mode 0600 (it holds credentials), replacing the file atomically."""
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        yaml.safe_dump(config, out, sort_keys=False)
    os.replace(tmp, path)

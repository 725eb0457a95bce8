"""The real kubectl against `kcp start`: discovery, apply, get, patch, label, delete."""

from __future__ import annotations

import os
import stat
import subprocess

from tests.helpers.kcpserver import KcpProcess

CONFIGMAP = """
apiVersion: v1
kind: ConfigMap
metadata:
  name: {name}
  namespace: default
  labels: {{app: demo}}
data:
  key: value
"""


def test_version_reports_kubernetes_1_32(kcp: KcpProcess) -> None:
    out = kcp.kubectl("version").stdout
    assert "Server Version: v1.32.0+kcp-py." in out


def test_api_resources_come_from_aggregated_discovery(kcp: KcpProcess) -> None:
    out = kcp.kubectl("api-resources").stdout
    lines = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert "cm" in lines["configmaps"]
    assert "ns" in lines["namespaces"]
    assert "false" in lines["namespaces"]


def test_apply_then_get_with_columns(kcp: KcpProcess) -> None:
    out = kcp.kubectl(
        "apply", "--validate=false", "-f", "-", stdin=CONFIGMAP.format(name="web")
    ).stdout
    assert out.strip() == "configmap/web created"
    table = kcp.kubectl("get", "configmaps", "-n", "default").stdout.splitlines()
    assert table[0].split() == ["NAME", "DATA", "AGE"]
    assert table[1].split()[:2] == ["web", "1"]
    again = kcp.kubectl(
        "apply", "--validate=false", "-f", "-", stdin=CONFIGMAP.format(name="web")
    ).stdout
    assert again.strip() == "configmap/web unchanged"


def test_patch_label_annotate(kcp: KcpProcess) -> None:
    kcp.kubectl("apply", "--validate=false", "-f", "-", stdin=CONFIGMAP.format(name="patched"))
    kcp.kubectl("patch", "cm", "patched", "-n", "default", "-p", '{"data":{"extra":"1"}}')
    kcp.kubectl(
        "patch",
        "cm",
        "patched",
        "-n",
        "default",
        "--type=json",
        "-p",
        '[{"op":"replace","path":"/data/key","value":"v2"}]',
    )
    kcp.kubectl("label", "cm", "patched", "-n", "default", "tier=backend")
    kcp.kubectl("annotate", "cm", "patched", "-n", "default", "note=hello")
    obj = kcp.kubectl_json("get", "cm", "patched", "-n", "default")
    assert obj["data"] == {"key": "v2", "extra": "1"}
    meta = obj["metadata"]
    assert isinstance(meta, dict)
    assert meta["labels"] == {"app": "demo", "tier": "backend"}
    assert meta["annotations"]["note"] == "hello"


def test_label_selector_and_delete(kcp: KcpProcess) -> None:
    for name in ("sel-a", "sel-b"):
        kcp.kubectl("apply", "--validate=false", "-f", "-", stdin=CONFIGMAP.format(name=name))
    kcp.kubectl("label", "cm", "sel-b", "-n", "default", "pick=yes")
    names = kcp.kubectl("get", "cm", "-n", "default", "-l", "pick=yes", "-o", "name").stdout.split()
    assert names == ["configmap/sel-b"]
    out = kcp.kubectl("delete", "cm", "sel-a", "-n", "default").stdout
    assert out.strip() == 'configmap "sel-a" deleted'
    missing = kcp.kubectl("get", "cm", "sel-a", "-n", "default", check=False)
    assert missing.returncode == 1
    assert 'Error from server (NotFound): configmaps "sel-a" not found' in missing.stderr


def test_errors_read_as_upstream(kcp: KcpProcess) -> None:
    bad = kcp.kubectl(
        "apply", "--validate=false", "-f", "-", stdin=CONFIGMAP.format(name="Bad_Name"), check=False
    )
    assert bad.returncode == 1
    assert (
        'The ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name"'
        in bad.stderr
    )
    unknown = kcp.kubectl("get", "widgets", check=False)
    assert 'the server doesn\'t have a resource type "widgets"' in unknown.stderr


NAMESPACE_PATH = "/api/v1/namespaces/default"


def test_admin_kubeconfig_works_as_written(kcp: KcpProcess) -> None:
    admin = kcp.root / "admin.kubeconfig"
    assert stat.S_IMODE(admin.stat().st_mode) == 0o600
    env = {**os.environ, "KUBECONFIG": str(admin), "KUBECACHEDIR": str(kcp.cache_dir / "admin")}
    root = subprocess.run(
        ["kubectl", "get", "namespace", "default", "-o", "name"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert (root.returncode, root.stdout.strip()) == (0, "namespace/default"), root.stderr
    base = subprocess.run(
        [
            "kubectl",
            "--context",
            "base",
            "get",
            "--raw",
            "/clusters/root/api/v1/namespaces/default",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert base.returncode == 0, base.stderr
    assert '"name":"default"' in base.stdout

"""kubectl 1.32's typed `create` commands, which POST protobuf bodies, against `kcp start`.

These commands send `Content-Type: application/vnd.kubernetes.protobuf` and never
retry as JSON (../shared/reference/kubectl-wire.md §6), so each test here passes only
if the server decoded the body into the object kubectl meant. The result is read back
with `kubectl get -o json`, a JSON request. Each test works in its own namespace.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

from kcp.auth import pki
from tests.helpers.kcpserver import KcpProcess


def _get(kcp: KcpProcess, *args: str) -> dict[str, Any]:
    return json.loads(kcp.kubectl("get", *args, "-o", "json").stdout)  # type: ignore[no-any-return]


def _namespace(kcp: KcpProcess, name: str) -> None:
    assert kcp.kubectl("create", "namespace", name).stdout.strip() == f"namespace/{name} created"


def test_create_namespace_is_stored_and_active(kcp: KcpProcess) -> None:
    _namespace(kcp, "typed-ns")
    ns = _get(kcp, "namespace", "typed-ns")
    assert (ns["kind"], ns["apiVersion"]) == ("Namespace", "v1")
    assert ns["metadata"]["name"] == "typed-ns"
    assert ns["metadata"]["creationTimestamp"]
    assert ns["status"]["phase"] == "Active"


def test_create_configmap_from_literals_and_binary_file(kcp: KcpProcess, tmp_path: Path) -> None:
    _namespace(kcp, "typed-cm")
    binary = tmp_path / "blob"
    binary.write_bytes(b"bin\xff\x00data")
    out = kcp.kubectl(
        "create",
        "configmap",
        "cm1",
        "-n",
        "typed-cm",
        "--from-literal=a=b",
        "--from-literal=multi=line1\nline2",
        f"--from-file=blob={binary}",
    ).stdout
    assert out.strip() == "configmap/cm1 created"
    cm = _get(kcp, "configmap", "cm1", "-n", "typed-cm")
    assert cm["metadata"]["namespace"] == "typed-cm"
    assert cm["data"] == {"a": "b", "multi": "line1\nline2"}
    assert cm["binaryData"] == {"blob": base64.b64encode(b"bin\xff\x00data").decode()}


def test_create_secret_generic_stores_base64_data(kcp: KcpProcess) -> None:
    _namespace(kcp, "typed-secret")
    out = kcp.kubectl(
        "create", "secret", "generic", "s1", "-n", "typed-secret", "--from-literal=k=v"
    ).stdout
    assert out.strip() == "secret/s1 created"
    secret = _get(kcp, "secret", "s1", "-n", "typed-secret")
    assert secret["data"] == {"k": base64.b64encode(b"v").decode()}
    assert secret["type"] == "Opaque"


def test_create_secret_tls_keeps_cert_and_key_bytes(kcp: KcpProcess, tmp_path: Path) -> None:
    _namespace(kcp, "typed-tls")
    files = pki.ensure_serving_certificate(tmp_path / "pki", ["tls.example"])
    kcp.kubectl(
        "create",
        "secret",
        "tls",
        "t1",
        "-n",
        "typed-tls",
        f"--cert={files.cert}",
        f"--key={files.key}",
    )
    secret = _get(kcp, "secret", "t1", "-n", "typed-tls")
    assert secret["type"] == "kubernetes.io/tls"
    assert base64.b64decode(secret["data"]["tls.crt"]) == files.cert.read_bytes()
    assert base64.b64decode(secret["data"]["tls.key"]) == files.key.read_bytes()


def test_create_secret_docker_registry_stores_dockerconfigjson(kcp: KcpProcess) -> None:
    _namespace(kcp, "typed-docker")
    kcp.kubectl(
        "create",
        "secret",
        "docker-registry",
        "pull",
        "-n",
        "typed-docker",
        "--docker-server=registry.example",
        "--docker-username=u",
        "--docker-password=p",
    )
    secret = _get(kcp, "secret", "pull", "-n", "typed-docker")
    assert secret["type"] == "kubernetes.io/dockerconfigjson"
    config = json.loads(base64.b64decode(secret["data"][".dockerconfigjson"]))
    assert config["auths"]["registry.example"]["username"] == "u"


def test_create_serviceaccount_is_stored(kcp: KcpProcess) -> None:
    _namespace(kcp, "typed-sa")
    out = kcp.kubectl("create", "serviceaccount", "sa1", "-n", "typed-sa").stdout
    assert out.strip() == "serviceaccount/sa1 created"
    sa = _get(kcp, "serviceaccount", "sa1", "-n", "typed-sa")
    assert (sa["kind"], sa["metadata"]["name"], sa["metadata"]["namespace"]) == (
        "ServiceAccount",
        "sa1",
        "typed-sa",
    )


def test_create_existing_name_is_already_exists(kcp: KcpProcess) -> None:
    _namespace(kcp, "typed-dup")
    kcp.kubectl("create", "configmap", "dup", "-n", "typed-dup", "--from-literal=a=1")
    again = kcp.kubectl(
        "create", "configmap", "dup", "-n", "typed-dup", "--from-literal=a=2", check=False
    )
    assert again.returncode != 0
    # kubectl's typed create words it so against kube-apiserver too
    assert 'failed to create configmap: configmaps "dup" already exists' in again.stderr
    assert _get(kcp, "configmap", "dup", "-n", "typed-dup")["data"] == {"a": "1"}


def test_create_output_json_is_the_stored_object(kcp: KcpProcess) -> None:
    _namespace(kcp, "typed-output")
    created = json.loads(
        kcp.kubectl(
            "create", "configmap", "shown", "-n", "typed-output", "--from-literal=x=y", "-o", "json"
        ).stdout
    )
    stored = _get(kcp, "configmap", "shown", "-n", "typed-output")
    assert created["metadata"]["uid"] == stored["metadata"]["uid"]
    assert created["data"] == stored["data"] == {"x": "y"}

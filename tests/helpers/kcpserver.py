"""`kcp start` as a subprocess, with a kubeconfig for the real kubectl."""

from __future__ import annotations

import json
import os
import signal
import ssl
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.helpers.etcd import free_port


@dataclass
class KcpProcess:
    root: Path
    port: int
    process: subprocess.Popen[str]
    kubeconfig: Path
    cache_dir: Path

    def kubectl(
        self, *args: str, stdin: str | None = None, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        env = {
            **os.environ,
            "KUBECONFIG": str(self.kubeconfig),
            "KUBECACHEDIR": str(self.cache_dir),
        }
        result = subprocess.run(
            ["kubectl", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"kubectl {' '.join(args)} failed ({result.returncode}): {result.stderr}"
            )
        return result

    def kubectl_json(self, *args: str) -> dict[str, object]:
        out: dict[str, object] = json.loads(self.kubectl(*args, "-o", "json").stdout)
        return out

    def stop(self) -> str:
        self.process.send_signal(signal.SIGTERM)
        out, _ = self.process.communicate(timeout=20)
        return out


def start_kcp(tmp: Path, *extra: str, timeout: float = 30) -> KcpProcess:
    root, port = tmp / ".kcp", free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kcp.cli.main",
            "start",
            "--root-directory",
            str(root),
            "--bind-address",
            "127.0.0.1",
            "--secure-port",
            str(port),
            "--logging-format",
            "json",
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise AssertionError(f"kcp exited early: {proc.stdout.read() if proc.stdout else ''}")
        ca = root / "serving-ca.crt"
        if ca.exists():
            try:
                context = ssl.create_default_context(cafile=str(ca))
                with urllib.request.urlopen(
                    f"https://127.0.0.1:{port}/readyz", context=context, timeout=2
                ):
                    break
            except OSError:
                pass
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("kcp did not become ready")
        time.sleep(0.1)
    kubeconfig = tmp / "kubeconfig"
    kubeconfig.write_text(
        json.dumps(
            {
                "apiVersion": "v1",
                "kind": "Config",
                "current-context": "root",
                "clusters": [
                    {
                        "name": "root",
                        "cluster": {
                            "server": f"https://127.0.0.1:{port}/clusters/root",
                            "certificate-authority": str(root / "serving-ca.crt"),
                        },
                    }
                ],
                "contexts": [{"name": "root", "context": {"cluster": "root", "user": "admin"}}],
                # Authentication is not served yet; kubectl wants some credential over TLS.
                "users": [{"name": "admin", "user": {"token": "unused-until-authentication"}}],
            }
        )
    )
    return KcpProcess(root, port, proc, kubeconfig, tmp / "kubectl-cache")

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
    log_path: Path

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

    def log_tail(self, lines: int = 200) -> str:
        return "".join(self.log_path.read_text().splitlines(keepends=True)[-lines:])

    def stop(self) -> str:
        """Stop the server gracefully; returns its whole log."""
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        return self.log_path.read_text()


def _wait_ready(
    proc: subprocess.Popen[str], root: Path, port: int, log: Path, timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise AssertionError(f"kcp exited early: {log.read_text()}")
        ca = root / "serving-ca.crt"
        if ca.exists():
            try:
                context = ssl.create_default_context(cafile=str(ca))
                url = f"https://127.0.0.1:{port}/readyz"
                with urllib.request.urlopen(url, context=context, timeout=2):
                    return
            except OSError:
                pass
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"kcp did not become ready: {log.read_text()[-2000:]}")
        time.sleep(0.1)


def _kubeconfig(path: Path, root: Path, port: int) -> None:
    path.write_text(
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


def start_kcp(tmp: Path, *extra: str, timeout: float = 30) -> KcpProcess:
    root, port = tmp / ".kcp", free_port()
    # The log goes to a file, never to an unread pipe: a busy server would block on a
    # full pipe buffer (64 KiB) and its clients would time out.
    log_path = tmp / "kcp.log"
    args = [
        sys.executable, "-m", "kcp.cli.main", "start",
        "--root-directory", str(root), "--bind-address", "127.0.0.1",
        "--secure-port", str(port), "--logging-format", "json", *extra,
    ]  # fmt: skip
    with log_path.open("w") as log_file:
        proc = subprocess.Popen(
            args,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    _wait_ready(proc, root, port, log_path, timeout)
    kubeconfig = tmp / "kubeconfig"
    _kubeconfig(kubeconfig, root, port)
    return KcpProcess(root, port, proc, kubeconfig, tmp / "kubectl-cache", log_path)

"""`kcp start` as a subprocess: serving, JSON logs, graceful exit, restart on the same data."""

from __future__ import annotations

import json
import os
import signal
import ssl
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.helpers.etcd import EtcdProcess, free_port


def _start(root: Path, port: int, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
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


def _wait_ready(root: Path, port: int, proc: subprocess.Popen[str], timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"kcp exited early: {proc.stdout.read() if proc.stdout else ''}")
        if (root / "serving-ca.crt").exists():
            context = ssl.create_default_context(cafile=str(root / "serving-ca.crt"))
            try:
                url = f"https://localhost:{port}/readyz?verbose"
                with urllib.request.urlopen(url, context=context, timeout=2) as resp:
                    return resp.read().decode()
            except OSError as err:
                last = str(err)
        time.sleep(0.1)
    raise AssertionError(f"kcp not ready after {timeout}s: {last}")


def _stop(proc: subprocess.Popen[str]) -> tuple[int, list[dict[str, object]]]:
    proc.send_signal(signal.SIGTERM)
    out, _ = proc.communicate(timeout=20)
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return proc.returncode, lines


def test_kcp_start_embedded_serves_and_exits_cleanly_on_sigterm(tmp_path: Path) -> None:
    root, port = tmp_path / ".kcp", free_port()
    proc = _start(root, port)
    try:
        body = _wait_ready(root, port, proc)
    finally:
        code, logs = _stop(proc)
    assert "[+]etcd ok" in body
    assert code == 0
    events = [line["event"] for line in logs]
    assert "storage opened" in events
    assert "storage closed" in events
    assert events.index("shutting down") < events.index("storage closed")
    opened = next(line for line in logs if line["event"] == "storage opened")
    assert opened["backend"] == "embedded"
    assert (root / "embedded").is_dir()


def test_kcp_start_reuses_its_certificates_on_restart(tmp_path: Path) -> None:
    root, port = tmp_path / ".kcp", free_port()
    proc = _start(root, port)
    try:
        _wait_ready(root, port, proc)
    finally:
        _stop(proc)
    ca = (root / "serving-ca.crt").read_bytes()
    proc = _start(root, port)
    try:
        _wait_ready(root, port, proc)
    finally:
        code, _ = _stop(proc)
    assert code == 0
    assert (root / "serving-ca.crt").read_bytes() == ca


def test_kcp_start_on_etcd(tmp_path: Path, etcd_server: EtcdProcess) -> None:
    root, port = tmp_path / ".kcp", free_port()
    proc = _start(root, port, "--etcd-servers", etcd_server.endpoint, "--etcd-prefix", "/e2e")
    try:
        body = _wait_ready(root, port, proc)
    finally:
        code, logs = _stop(proc)
    assert "[+]etcd ok" in body
    assert code == 0
    assert any(line.get("backend") == "etcd" for line in logs)
    assert not (root / "embedded").exists()


def test_kcp_start_rejects_bad_flags_with_usage_error(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "kcp.cli.main", "start", "--etcd-certfile", __file__],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert proc.returncode == 2
    assert "--etcd-certfile and --etcd-keyfile must be given together" in proc.stderr

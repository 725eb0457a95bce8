"""The real client-go (typed clientset, dynamic client, informers) against `kcp start`.

The Go tests live in tests/e2e/go; this driver only builds and runs them with
KCP_KUBECONFIG pointing at the module's `kcp start`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers.kcpserver import KcpProcess

GO_MODULE = Path(__file__).parent / "go"

# A cold build (empty GOCACHE) of client-go takes ~2.5 min on 2 vCPUs; warm runs take seconds.
GO_TEST_TIMEOUT = 540


def _text(output: str | bytes | None) -> str:
    if isinstance(output, bytes):
        return output.decode(errors="replace")
    return output or ""


@pytest.mark.timeout(GO_TEST_TIMEOUT + 60)
def test_client_go_suite(kcp: KcpProcess) -> None:
    go = shutil.which("go")
    if go is None:
        pytest.fail(
            "the `go` toolchain is not on PATH, and the client-go e2e suite needs it: "
            "install Go >= 1.23 from https://go.dev/doc/install (Debian's golang-go is too old "
            "before trixie) and run `(cd tests/e2e/go && go mod download)`"
        )
    env = {**os.environ, "KCP_KUBECONFIG": str(kcp.kubeconfig)}
    try:
        result = subprocess.run(
            [go, "test", "-count=1", "./..."],
            cwd=GO_MODULE,
            env=env,
            capture_output=True,
            text=True,
            timeout=GO_TEST_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(
            f"go test did not finish within {GO_TEST_TIMEOUT}s:\n"
            f"{_text(exc.stdout)}\n{_text(exc.stderr)}"
        )
    assert result.returncode == 0, (
        f"go test failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}\n"
        f"--- last kcp log lines:\n{kcp.log_tail()}"
    )

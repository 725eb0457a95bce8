"""A real etcd, started from the Debian `etcd` binary on free loopback ports.

Each `EtcdProcess` owns a temporary data directory and two ports picked at start, so
tests never share a keyspace with anything else on the machine. It can be stopped,
killed and started again on the same ports and data, for fault tests. With `tls`, it
serves clients over https and requires client certificates (`--client-cert-auth`).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import ssl
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

INSTALL_HINT = (
    "the etcd binary was not found on PATH; install it with "
    "`apt-get install -y etcd-server` (hack/test.sh does this)"
)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def etcd_binary() -> str:
    path = shutil.which("etcd")
    if path is None:
        raise RuntimeError(INSTALL_HINT)
    return path


@dataclass(frozen=True)
class ServingTLS:
    """Files for an etcd serving https with client certificate auth.

    The client pair is what the health check authenticates with.
    """

    ca_file: Path
    cert_file: Path
    key_file: Path
    client_cert_file: Path
    client_key_file: Path

    def args(self) -> tuple[str, ...]:
        return (
            f"--cert-file={self.cert_file}",
            f"--key-file={self.key_file}",
            f"--trusted-ca-file={self.ca_file}",
            "--client-cert-auth",
        )

    def client_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(cafile=str(self.ca_file))
        context.load_cert_chain(self.client_cert_file, self.client_key_file)
        return context


@dataclass
class EtcdProcess:
    data_dir: Path
    client_port: int = field(default_factory=free_port)
    peer_port: int = field(default_factory=free_port)
    extra_args: tuple[str, ...] = ()
    process: subprocess.Popen[bytes] | None = None
    log_path: Path | None = None
    tls: ServingTLS | None = None

    @property
    def endpoint(self) -> str:
        return f"127.0.0.1:{self.client_port}"

    @property
    def client_url(self) -> str:
        scheme = "https" if self.tls is not None else "http"
        return f"{scheme}://127.0.0.1:{self.client_port}"

    def start(self, timeout: float = 20.0) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_path = self.data_dir.parent / f"{self.data_dir.name}.log"
        client_url = self.client_url
        peer_url = f"http://127.0.0.1:{self.peer_port}"
        args = [
            etcd_binary(),
            "--name=test",
            f"--data-dir={self.data_dir}",
            f"--listen-client-urls={client_url}",
            f"--advertise-client-urls={client_url}",
            f"--listen-peer-urls={peer_url}",
            f"--initial-advertise-peer-urls={peer_url}",
            f"--initial-cluster=test={peer_url}",
            "--initial-cluster-state=new",
            "--log-level=warn",
            "--logger=zap",
            *(self.tls.args() if self.tls is not None else ()),
            *self.extra_args,
        ]
        env = {k: v for k, v in os.environ.items() if not k.startswith("ETCD_")}
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                args, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
            )
        self.wait_healthy(timeout)

    def wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        url = f"{self.client_url}/health"
        context = self.tls.client_context() if self.tls is not None else None
        last = ""
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"etcd exited with {self.process.returncode}: {self.logs()}")
            try:
                with urllib.request.urlopen(url, timeout=1, context=context) as resp:
                    if b'"health":"true"' in resp.read():
                        return
            except OSError as err:
                last = str(err)
            time.sleep(0.05)
        raise RuntimeError(f"etcd on {self.endpoint} not healthy after {timeout}s: {last}")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def kill(self) -> None:
        self.stop(signal.SIGKILL)

    def pause(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)

    def logs(self) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        return self.log_path.read_text(errors="replace")[-4000:]

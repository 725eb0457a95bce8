from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kcp.cli import start as start_module
from kcp.cli.main import cli
from kcp.cli.start import StartOptions
from kcp.server.config import Config


def _options(**overrides: object) -> StartOptions:
    values: dict[str, object] = {
        "root_directory": Path(".kcp"),
        "bind_address": "127.0.0.1",
        "secure_port": 6443,
        "external_hostname": "",
        "etcd_servers": (),
        "etcd_prefix": "/registry",
        "etcd_cafile": None,
        "etcd_certfile": None,
        "etcd_keyfile": None,
        "logging_format": "json",
        "log_level": "info",
    }
    values.update(overrides)
    return StartOptions(**values)  # type: ignore[arg-type]


def test_defaults_validate_and_pick_the_embedded_store() -> None:
    options = _options()
    assert options.validate() == []
    assert options.to_config().etcd is None


def test_all_problems_are_reported_together() -> None:
    problems = _options(
        secure_port=70000,
        etcd_servers=("nohostport",),
        etcd_certfile=Path("c.crt"),
    ).validate()
    assert len(problems) == 3
    assert any("--secure-port" in p for p in problems)
    assert any("nohostport" in p for p in problems)
    assert any("--etcd-keyfile" in p for p in problems)


def test_etcd_tls_without_servers_is_refused() -> None:
    problems = _options(etcd_cafile=Path("ca.crt")).validate()
    assert problems == ["--etcd-cafile/--etcd-certfile/--etcd-keyfile need --etcd-servers"]


def test_etcd_servers_accept_lists_and_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parse the flags through click itself, stopping where the server would start."""
    seen: list[Config] = []

    async def capture(config: Config) -> None:
        seen.append(config)

    monkeypatch.setattr(start_module, "serve", capture)
    result = CliRunner().invoke(
        cli,
        [
            "start",
            "--etcd-servers",
            "http://127.0.0.1:2379,127.0.0.2:2379",
            "--etcd-servers",
            "127.0.0.3:2379",
            "--logging-format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert len(seen) == 1
    assert seen[0].etcd is not None
    assert seen[0].etcd.servers == ("127.0.0.1:2379", "127.0.0.2:2379", "127.0.0.3:2379")


def test_bad_flags_exit_with_usage_error() -> None:
    result = CliRunner().invoke(cli, ["start", "--secure-port", "99999"])
    assert result.exit_code == 2
    assert "--secure-port 99999 is not a valid port" in result.output

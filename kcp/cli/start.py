"""`kcp start`: flags -> `StartOptions` -> validate -> `kcp.server.app.serve`."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

import click

from kcp.observability.logs import LogFormat, configure
from kcp.server.app import serve
from kcp.server.config import DEFAULT_ETCD_PREFIX, Config, EtcdOptions

__all__ = ["StartOptions", "start"]


@dataclass(frozen=True, slots=True)
class StartOptions:
    root_directory: Path
    bind_address: str
    secure_port: int
    external_hostname: str
    etcd_servers: tuple[str, ...]
    etcd_prefix: str
    etcd_cafile: Path | None
    etcd_certfile: Path | None
    etcd_keyfile: Path | None
    logging_format: LogFormat
    log_level: str

    def validate(self) -> list[str]:
        """Every problem with the flags, reported together."""
        problems: list[str] = []
        if not 0 <= self.secure_port <= 65535:
            problems.append(f"--secure-port {self.secure_port} is not a valid port")
        tls_files = (self.etcd_cafile, self.etcd_certfile, self.etcd_keyfile)
        if not self.etcd_servers and any(tls_files):
            problems.append("--etcd-cafile/--etcd-certfile/--etcd-keyfile need --etcd-servers")
        if (self.etcd_certfile is None) != (self.etcd_keyfile is None):
            problems.append("--etcd-certfile and --etcd-keyfile must be given together")
        for server in self.etcd_servers:
            host, _, port = server.rpartition(":")
            if not host or not port.isdigit():
                problems.append(f"--etcd-servers entry {server!r} is not host:port")
        return problems

    def to_config(self) -> Config:
        etcd = None
        if self.etcd_servers:
            etcd = EtcdOptions(
                servers=self.etcd_servers,
                prefix=self.etcd_prefix,
                cafile=self.etcd_cafile,
                certfile=self.etcd_certfile,
                keyfile=self.etcd_keyfile,
            )
        return Config(
            root_directory=self.root_directory,
            bind_address=self.bind_address,
            secure_port=self.secure_port,
            external_hostname=self.external_hostname,
            etcd=etcd,
        )


def _split_servers(
    _ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]
) -> tuple[str, ...]:
    """Accept repeated flags and comma-separated lists alike, dropping URL schemes."""
    servers: list[str] = []
    for item in value:
        for part in item.split(","):
            part = part.strip().removeprefix("http://").removeprefix("https://")
            if part:
                servers.append(part.rstrip("/"))
    return tuple(servers)


_existing_file = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command()
@click.option(
    "--root-directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(".kcp"),
    show_default=True,
    help="Where kcp keeps its certificates and, without etcd, its data.",
)
@click.option(
    "--bind-address",
    default="127.0.0.1",
    show_default=True,
    help="The address the secure port listens on (loopback until authentication is served).",
)
@click.option(
    "--secure-port",
    type=int,
    default=6443,
    show_default=True,
    help="The HTTPS port (0 picks a free one).",
)
@click.option(
    "--external-hostname",
    default="",
    help="The hostname clients use; added to the serving certificate.",
)
@click.option(
    "--etcd-servers",
    multiple=True,
    callback=_split_servers,
    help="etcd endpoints (host:port, comma-separated or repeated). "
    "Without them kcp uses its embedded store.",
)
@click.option(
    "--etcd-prefix",
    default=DEFAULT_ETCD_PREFIX,
    show_default=True,
    help="The key prefix for everything kcp stores in etcd.",
)
@click.option(
    "--etcd-cafile", type=_existing_file, help="CA bundle for etcd's serving certificate."
)
@click.option("--etcd-certfile", type=_existing_file, help="Client certificate for etcd.")
@click.option("--etcd-keyfile", type=_existing_file, help="Client key for etcd.")
@click.option(
    "--logging-format",
    type=click.Choice(["text", "json", "auto"]),
    default="auto",
    show_default=True,
    help="Log format; auto is text on a terminal, JSON otherwise.",
)
@click.option(
    "--log-level",
    type=click.Choice(["debug", "info", "warning", "error"]),
    default="info",
    show_default=True,
)
def start(
    root_directory: Path,
    bind_address: str,
    secure_port: int,
    external_hostname: str,
    etcd_servers: tuple[str, ...],
    etcd_prefix: str,
    etcd_cafile: Path | None,
    etcd_certfile: Path | None,
    etcd_keyfile: Path | None,
    logging_format: LogFormat,
    log_level: str,
) -> None:
    """Start the kcp server."""
    options = StartOptions(
        root_directory=root_directory,
        bind_address=bind_address,
        secure_port=secure_port,
        external_hostname=external_hostname,
        etcd_servers=etcd_servers,
        etcd_prefix=etcd_prefix,
        etcd_cafile=etcd_cafile,
        etcd_certfile=etcd_certfile,
        etcd_keyfile=etcd_keyfile,
        logging_format=logging_format,
        log_level=log_level,
    )
    problems = options.validate()
    if problems:
        raise click.UsageError("\n".join(problems))
    configure(options.logging_format, options.log_level)
    asyncio.run(serve(options.to_config()))

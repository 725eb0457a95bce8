"""The `kcp` command: a click group whose subcommands live one per module."""

from __future__ import annotations

import click

from kcp import __version__
from kcp.cli.start import start

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kcp")
def cli() -> None:
    """kcp: a multi-tenant Kubernetes control plane."""


cli.add_command(start)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()

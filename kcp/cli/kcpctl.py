"""`kubectl kcp`: the kcp plugin's command group (subcommands arrive with their features)."""

from __future__ import annotations

import click

from kcp import __version__

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kubectl-kcp")
def kcpctl() -> None:
    """kcp's kubectl plugin."""


def main() -> None:
    kcpctl()

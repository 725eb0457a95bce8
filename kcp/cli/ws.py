"""`kubectl ws` and `kubectl create workspace`: the workspace plugins.

The commands are registered now so the plugin names are stable; they answer with a
clear error until workspaces are served (the workspaces work builds them out).
"""

from __future__ import annotations

import click

__all__ = ["create_workspace_main", "main"]

_NOT_YET = "workspaces are not served by this kcp version yet"


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def ws(args: tuple[str, ...]) -> None:
    """Switch, list and create workspaces."""
    raise click.ClickException(_NOT_YET)


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def create_workspace(args: tuple[str, ...]) -> None:
    """Create a workspace."""
    raise click.ClickException(_NOT_YET)


def main() -> None:
    ws()


def create_workspace_main() -> None:
    create_workspace()

"""The wheel ships every module: setuptools' find: only sees directories with __init__.py."""

from __future__ import annotations

from pathlib import Path

import kcp

ROOT = Path(kcp.__file__).parent


def test_every_directory_with_modules_is_a_package() -> None:
    missing = [
        str(directory.relative_to(ROOT.parent))
        for directory in [ROOT, *ROOT.rglob("*")]
        if directory.is_dir()
        and directory.name != "__pycache__"
        and any(directory.glob("*.py"))
        and not (directory / "__init__.py").exists()
    ]
    assert missing == []

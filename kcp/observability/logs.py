"""structlog set-up for the daemon and the tools.

`configure()` is called once by the CLI. Output is JSON lines for machines, or a
coloured console rendering for people; "auto" picks the console when stderr is a
terminal. `merge_contextvars` comes first so per-request context bound by the HTTP
filters appears on every line logged while serving that request.
"""

from __future__ import annotations

import logging
import sys
from typing import Literal

import structlog

LogFormat = Literal["text", "json", "auto"]

__all__ = ["LogFormat", "configure", "get_logger"]


def configure(log_format: LogFormat = "auto", level: str = "info") -> None:
    """Route structlog and the stdlib `logging` module to stderr in one format."""
    numeric_level = logging.getLevelNamesMapping()[level.upper()]
    if log_format == "auto":
        log_format = "text" if sys.stderr.isatty() else "json"

    shared: list[structlog.types.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    renderer: structlog.types.Processor
    if log_format == "json":
        renderer = structlog.processors.JSONRenderer()
        shared.append(structlog.processors.format_exc_info)
    else:
        renderer = structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())

    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.make_filtering_bound_logger(numeric_level),
        cache_logger_on_first_use=True,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(numeric_level)
    # aiohttp's access log duplicates our own request lines.
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)


def get_logger(component: str) -> structlog.stdlib.BoundLogger:
    """A lazy logger bound to `component`.

    Modules call this at import time, before `configure()` runs; the proxy resolves
    the configuration on first use, so nothing is fixed from structlog's defaults.
    """
    logger: structlog.stdlib.BoundLogger = structlog.stdlib.get_logger(
        component, component=component
    )
    return logger

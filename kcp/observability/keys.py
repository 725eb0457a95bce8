"""Log-key constants: every structured log line names its fields from here.

One spelling per concept keeps logs queryable (kcp's pkg/logging/constants.go does
the same). Request handlers bind these through structlog's contextvars.
"""

from __future__ import annotations

REQUEST_ID = "request_id"
CLUSTER = "cluster"
USER = "user"
VERB = "verb"
RESOURCE = "resource"
NAMESPACE = "namespace"
NAME = "name"
METHOD = "method"
PATH = "path"
STATUS = "status"
DURATION_MS = "duration_ms"
USER_AGENT = "user_agent"

COMPONENT = "component"
BACKEND = "backend"
ENDPOINTS = "endpoints"
ADDRESS = "address"
REVISION = "revision"
ERROR = "error"

"""Bounds on what a request may carry, each with the reason for its value."""

from __future__ import annotations

# Largest request body read before answering 413: kube-apiserver's limit (3 MiB),
# large enough for etcd's 1.5 MiB object bound plus a JSON patch's overhead.
MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024

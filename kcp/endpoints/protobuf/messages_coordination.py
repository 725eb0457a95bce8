"""coordination.k8s.io/v1 Lease: what client-go leader election writes.

Field numbers from k8s.io/api v0.32.4 `coordination/v1/generated.proto`; every spec
field is a pointer in `coordination/v1/types.go`, so a zero that is on the wire (for
example `leaseTransitions: 0`) is kept. The times are MicroTime (microseconds).
"""

from __future__ import annotations

from kcp.endpoints.protobuf.messages import Card, Field, Kind, Message
from kcp.endpoints.protobuf.messages_meta import OBJECT_META

__all__ = ["LEASE"]

LEASE_SPEC = Message(
    "coordination.v1.LeaseSpec",
    (
        Field(1, "holderIdentity", Kind.STRING, Card.POINTER),
        Field(2, "leaseDurationSeconds", Kind.INT32, Card.POINTER),
        Field(3, "acquireTime", Kind.MICRO_TIME, Card.POINTER),
        Field(4, "renewTime", Kind.MICRO_TIME, Card.POINTER),
        Field(5, "leaseTransitions", Kind.INT32, Card.POINTER),
        Field(6, "strategy", Kind.STRING, Card.POINTER),
        Field(7, "preferredHolder", Kind.STRING, Card.POINTER),
    ),
)

LEASE = Message(
    "coordination.v1.Lease",
    (
        Field(1, "metadata", OBJECT_META),
        Field(2, "spec", LEASE_SPEC),
    ),
)

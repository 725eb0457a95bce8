"""The two patch failures that kcp.apimachinery.errors has no constructor for.

Upstream (k8s.io/apiserver pkg/endpoints/handlers/patch.go) sorts patch failures so:

- the body is not a patch of the right shape: `errors.NewBadRequest(err.Error())`, a 400
  carrying the decoder's or mergepatch's message (use `BadRequestError` directly);
- a JSON patch with more than 10,000 operations: `NewRequestEntityTooLargeError`, a 413
  with its own message (`TooManyOperationsError` here);
- a well-formed patch that cannot apply to this object (a failed `test`, a missing path,
  lists of lists in a strategic merge): `NewGenericServerResponse(422, ...)`, whose
  wire message is fixed, "the server rejected our request due to an error in our
  request", with reason Invalid and empty details. The cause is dropped from the wire
  by upstream; `PatchNotApplicableError` keeps it as `.cause` for logs and tests.
"""

from __future__ import annotations

from kcp.apimachinery.errors import APIError, RequestEntityTooLargeError, Status

__all__ = ["GENERIC_INVALID_MESSAGE", "PatchNotApplicableError", "TooManyOperationsError"]

# NewGenericServerResponse's message for http.StatusUnprocessableEntity.
GENERIC_INVALID_MESSAGE = "the server rejected our request due to an error in our request"


class PatchNotApplicableError(APIError):
    """422 Invalid: the patch is well formed but does not apply to the object."""

    reason, code = "Invalid", 422

    def __init__(self, cause: str) -> None:
        super().__init__(GENERIC_INVALID_MESSAGE, {})
        self.cause = cause

    def __str__(self) -> str:
        return f"{self.message}: {self.cause}"

    @property
    def status(self) -> Status:
        # Upstream sends `"details": {}` (a non-nil, empty StatusDetails).
        status = super().status
        status["details"] = {}
        return status


class TooManyOperationsError(RequestEntityTooLargeError):
    """413: a JSON patch longer than the apiserver's maxJSONPatchOperations."""

    def __init__(self, limit: int, got: int) -> None:
        APIError.__init__(
            self,
            "Request entity too large: "
            f"The allowed maximum operations in a JSON patch is {limit}, got {got}",
        )

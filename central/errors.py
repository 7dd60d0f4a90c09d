"""API errors: every 4xx answer is a ``contract.ApiError`` body (stable code + sentence)."""

from __future__ import annotations

from contract import ApiError


class ApiProblem(Exception):
    """Raised by services; the app turns it into an HTTP status with an ``ApiError`` body."""

    def __init__(self, status: int, code: str, message: str,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers

    def body(self) -> dict[str, str]:
        return ApiError(code=self.code, message=self.message).model_dump()


def not_found(what: str) -> ApiProblem:
    return ApiProblem(404, "not_found", f"{what} was not found.")


def conflict(message: str) -> ApiProblem:
    return ApiProblem(409, "conflict", message)


def invalid(message: str) -> ApiProblem:
    return ApiProblem(400, "invalid_request", message)

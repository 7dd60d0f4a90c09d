"""Strict request bodies: JSON types must match the contract exactly.

Pydantic's default (lax) mode would turn ``0`` into ``False`` or ``"5"`` into ``5``; a
station or WMS sending wrong types should hear so (422), not be silently "fixed". Validating
the raw JSON in strict mode still accepts ISO date strings, decimals and enum values.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import Response


class StrictBodyRoute(APIRoute):
    """An ``APIRoute`` that first validates its JSON body model with ``strict=True``."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        params = self.dependant.body_params
        model = params[0].field_info.annotation if len(params) == 1 else None
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return handler
        body_model: type[BaseModel] = model

        async def strict_handler(request: Request) -> Response:
            raw = await request.body()
            try:
                body_model.model_validate_json(raw or b"null", strict=True)
            except ValidationError as exc:
                errors = [
                    {"type": e["type"], "loc": ("body", *e["loc"]), "msg": e["msg"]}
                    for e in exc.errors(include_url=False)
                ]
                raise RequestValidationError(errors) from None
            return await handler(request)

        return strict_handler

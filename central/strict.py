"""Strict request bodies: JSON types must match the contract exactly.

Pydantic's default (lax) mode would turn ``0`` into ``False`` or ``"5"`` into ``5``; a
station or WMS sending wrong types should hear so (422), not be silently "fixed". Validating
the raw JSON in strict mode still accepts ISO date strings, decimals and enum values.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any, TypeVar

from fastapi import Body
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel, PlainValidator, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

M = TypeVar("M", bound=BaseModel)

# Bodies above this are validated on a worker thread: fifty stations' 500-event batches
# validated on the event loop held every other request (a packer's label) behind them.
OFF_LOOP_BYTES = 32 * 1024


def validate_strict(model: type[M], raw: bytes) -> M:
    """``model`` from the raw JSON in strict mode; a 422 (RequestValidationError) if not."""
    try:
        return model.model_validate_json(raw or b"null", strict=True)
    except ValidationError as exc:
        errors = [
            {"type": e["type"], "loc": ("body", *e["loc"]), "msg": e["msg"]}
            for e in exc.errors(include_url=False)
        ]
        raise RequestValidationError(errors) from None


class _Passthrough:
    """Marks a body FastAPI must neither parse nor validate: the endpoint does, off the loop."""


PASSTHROUGH = _Passthrough()


def passthrough_body(model: type[BaseModel]) -> Any:
    """A body parameter documented as ``model`` (the OpenAPI document is unchanged) that FastAPI
    hands over untouched: the endpoint reads ``await request.body()`` and validates it with
    :func:`validate_strict` where it likes (on a worker thread, in its turn)."""
    return Annotated[
        Any, PlainValidator(lambda body: body, json_schema_input_type=model), Body(), PASSTHROUGH
    ]


async def strict_body(model: type[M], request: Request) -> M:
    """The request's body as ``model`` (strict), validated off the event loop when large."""
    raw = await request.body()
    if len(raw) > OFF_LOOP_BYTES:
        return await run_in_threadpool(validate_strict, model, raw)
    return validate_strict(model, raw)


class StrictBodyRoute(APIRoute):
    """An ``APIRoute`` that first validates its JSON body model with ``strict=True``."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        params = self.dependant.body_params
        if len(params) == 1 and any(m is PASSTHROUGH for m in params[0].field_info.metadata):

            async def passthrough_handler(request: Request) -> Response:
                await request.body()
                # Parsed JSON as FastAPI would have it, without parsing: json.loads of fifty
                # stations' batches on the event loop held every other request behind them.
                request._json = {}  # starlette keeps request.json() here: FastAPI reads it
                return await handler(request)

            return passthrough_handler
        model = params[0].field_info.annotation if len(params) == 1 else None
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return handler
        body_model: type[BaseModel] = model

        async def strict_handler(request: Request) -> Response:
            await strict_body(body_model, request)
            return await handler(request)

        return strict_handler

"""The contract's base model: strict (unknown fields are a 422), frozen, and validators built
on first use, not at import."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict


class Contract(BaseModel):
    # defer_build: each model's validator is built when first used, not at import; the
    # ~40 models cost ~100 ms of the station's cold start otherwise (bench/bench_startup.py)
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def build_validators() -> None:
    """Build every contract model's validator now and stop deferring. The central server calls
    it at import, before FastAPI wraps the models in its own (deferring) type adapters."""
    todo: list[type[Contract]] = [Contract]
    while todo:
        model = todo.pop()
        todo.extend(model.__subclasses__())
        model.model_config["defer_build"] = False
        if model is not Contract:
            model.model_rebuild(force=True)


Role = Literal["packer", "lead", "admin"]
BarcodeKind = Literal["unit", "inner", "case"]

"""Pinduoduo e-waybills (拼多多电子面单) through PDD's open platform gateway."""

from central.carriers.pdd.adapter import GATEWAY, Pdd, PddSettings

__all__ = ["GATEWAY", "Pdd", "PddSettings"]

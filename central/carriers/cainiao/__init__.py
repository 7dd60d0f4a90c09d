"""Cainiao e-waybills (菜鸟电子面单) through Taobao's TOP gateway."""

from central.carriers.cainiao.adapter import GATEWAY, Cainiao, CainiaoSettings

__all__ = ["GATEWAY", "Cainiao", "CainiaoSettings"]

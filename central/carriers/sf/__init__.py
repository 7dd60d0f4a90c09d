"""SF Express (顺丰) adapter: protocol (signature, requests, answers) and the HTTP adapter."""

from central.carriers.sf.adapter import PRODUCTION, SANDBOX, SfExpress, SfSettings

__all__ = ["PRODUCTION", "SANDBOX", "SfExpress", "SfSettings"]

"""EasyPost adapter (UPS, USPS, FedEx, DHL… through one aggregator)."""

from central.carriers.easypost.adapter import PRODUCTION, EasyPost, EasyPostSettings

__all__ = ["PRODUCTION", "EasyPost", "EasyPostSettings"]

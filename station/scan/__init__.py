"""What a scanned string means: commands, GS1 (biip), AIM ids, packs, and wedge timing."""

from station.scan.classify import Classified, CodeLookup, ScanKind, classify, classify_item
from station.scan.parse import (
    GS,
    Command,
    Gs1Data,
    ParsedKind,
    ParsedScan,
    ScanConfig,
    ScanError,
    code_spellings,
    gtin_candidates,
    parse_gs1,
    parse_scan,
)
from station.scan.wedge import WedgeClassifier, WedgeResult, WedgeScan, WedgeTyped

__all__ = [
    "GS",
    "Classified",
    "CodeLookup",
    "Command",
    "Gs1Data",
    "ParsedKind",
    "ParsedScan",
    "ScanConfig",
    "ScanError",
    "ScanKind",
    "WedgeClassifier",
    "WedgeResult",
    "WedgeScan",
    "WedgeTyped",
    "classify",
    "classify_item",
    "code_spellings",
    "gtin_candidates",
    "parse_gs1",
    "parse_scan",
]

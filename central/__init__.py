"""Reference central API server (FastAPI + SQLAlchemy Core; SQLite file or PostgreSQL).

Entry point: ``station-central`` (``central.cli``). Wire models: ``contract``.
"""

import contract.health  # noqa: F401  (its models are built below too)
from contract import build_validators

# The contract's models build their validators lazily (the station's cold start); the server
# builds them all before any route is declared.
build_validators()

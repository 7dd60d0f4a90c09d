"""Reference central API server (FastAPI + SQLAlchemy Core; SQLite file or PostgreSQL).

Entry point: ``station-central`` (``central.cli``). Wire models: ``station.sync.contract``.
"""

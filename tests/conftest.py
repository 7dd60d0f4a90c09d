"""Shared fixtures for every tier."""

from __future__ import annotations

import os

import pytest

# Qt tests run offscreen everywhere (CI has no screen).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def db_path(tmp_path):
    """Path of a fresh station SQLite file (not yet created)."""
    return tmp_path / "station.sqlite3"

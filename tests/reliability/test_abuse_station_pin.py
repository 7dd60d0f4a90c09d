"""Abuse at the bench: a PIN shorter than the site's ``min_pin_length`` never logs in."""

from __future__ import annotations

import pytest
from core_fixtures import demo_db

from station.config import load_settings
from station.services import PackingService
from station.services.errors import LoginFailed
from station.services.policy import PackPolicy


def test_pin_shorter_than_the_minimum_is_refused_before_any_hash_check(db_path):
    engine = demo_db(db_path)
    strict = PackingService(engine, "ST-01", PackPolicy(min_pin_length=8))
    with pytest.raises(LoginFailed) as refused:
        strict.login_pin("B-LEAD", "222222")  # the right PIN, but too short for this site
    assert "8" in str(refused.value)
    assert strict.operator is None
    relaxed = PackingService(engine, "ST-01", PackPolicy(min_pin_length=6))
    assert relaxed.login_pin("B-LEAD", "222222").badge == "B-LEAD"
    strict.close()
    relaxed.close()
    engine.dispose()


def test_min_pin_length_is_a_station_setting(tmp_path):
    config = tmp_path / "station.toml"
    config.write_text("min_pin_length = 8\n", encoding="utf-8")
    loaded = load_settings(files=[config], environ={})
    assert loaded.settings.min_pin_length == 8
    config.write_text("min_pin_length = 2\n", encoding="utf-8")
    with pytest.raises(Exception, match="min_pin_length"):
        load_settings(files=[config], environ={})

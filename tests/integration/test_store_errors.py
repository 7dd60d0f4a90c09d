"""A read-only or locked database: a typed error with a sentence, nothing accepted lost."""

from __future__ import annotations

import sqlite3

import pytest
from core_fixtures import count, demo_db
from sqlalchemy import create_engine, event

from station.services import PackingService, StoreUnavailable
from station.store import db as store_db

MUG = "4006381333931"


def test_read_only_database_refuses_with_a_clear_message(db_path):
    demo_db(db_path).dispose()
    ro = create_engine(f"sqlite:///file:{db_path}?mode=ro&uri=true")
    event.listen(ro, "connect", store_db._set_pragmas)
    svc = PackingService(ro, "ST-1")
    with pytest.raises(StoreUnavailable) as err:
        svc.login_badge("B-PACKER")  # every login is audited: a read-only disk refuses it
    assert "read-only" in err.value.message
    assert svc.operator is None
    assert svc.scan("SO-1005").code == "login_first"
    assert svc.session is None  # nothing shown that the disk does not hold
    svc.close()
    ro.dispose()


def test_locked_database_loses_nothing_and_works_once_free(db_path):
    engine = demo_db(db_path)
    svc = PackingService(engine, "ST-1")
    svc.login_badge("B-PACKER")
    svc.scan("SO-1002")
    assert svc.scan(MUG).code == "item_packed"
    other = sqlite3.connect(db_path, timeout=0.1, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
    try:
        with pytest.raises(StoreUnavailable) as err:
            svc.scan(MUG)  # waits busy_timeout (5 s), then gives up
        assert "in use by another program" in err.value.message
        assert svc.session.packed["MUG-01"] == 1  # the refused scan was not counted
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert svc.scan(MUG).code == "item_packed"
    assert svc.session.packed["MUG-01"] == 2
    assert count(engine, "SELECT count(*) FROM scans WHERE type='item_packed'") == 2
    svc.close()
    again = PackingService(engine, "ST-1")
    assert again.resume().packed["MUG-01"] == 2
    again.close()
    engine.dispose()

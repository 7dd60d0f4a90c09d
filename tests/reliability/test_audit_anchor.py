"""The audit trail is anchored outside the station file: central keeps the newest chain head
each sync. Before, editing a row and recomputing every later ``row_hash`` with the project's
own function, deleting and renumbering, or ``DELETE FROM audit`` all left ``station doctor``
saying "hash chain intact"."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from core_fixtures import demo_db
from sqlalchemy import text

from contract import AuditHead
from station.doctor import check_audit_chain
from station.store.audit_chain import GENESIS, row_digest, verify_chain
from station.store.outbox import audit
from station.sync.client import CentralClient, CentralRejected
from station.sync.sender import OutboxSender


@pytest.fixture
def anchored(central, tmp_path):
    db = tmp_path / "station.sqlite3"
    engine = demo_db(db)
    for i in range(6):
        with engine.begin() as conn:
            audit(conn, "label_reprinted", "B-LEAD", f"SO-{i}", reason=f"smudged {i}")
    client = CentralClient(central.url, central.station_token)
    OutboxSender(engine, client, "ST-01").anchor_audit()
    yield engine, client, SimpleNamespace(settings=SimpleNamespace(database=db))
    client.close()
    engine.dispose()


def _rechain(engine) -> None:
    """What an attacker with the source does after editing: recompute every row_hash."""
    with engine.begin() as conn:
        prev = GENESIS
        rows = conn.execute(text("SELECT id, at, operator, action, subject, detail FROM audit "
                                 "ORDER BY id")).all()
        for r in rows:
            prev = row_digest(prev, r.id, r.at, r.operator, r.action, r.subject, r.detail)
            conn.execute(text("UPDATE audit SET row_hash = :h WHERE id = :id"),
                         {"h": prev, "id": r.id})


def test_an_untouched_trail_matches_centrals_anchor(anchored):
    _engine, client, loaded = anchored
    check = check_audit_chain(loaded, client.audit_head())
    assert check.ok and "matches" in check.detail


def test_an_edit_with_every_hash_recomputed_is_detected(anchored):
    engine, client, loaded = anchored
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit SET operator = 'B-PACKER' WHERE id = 2"))
    _rechain(engine)
    with engine.connect() as conn:
        assert verify_chain(conn).ok  # the chain alone is fooled
    assert not check_audit_chain(loaded, client.audit_head()).ok


@pytest.mark.parametrize("cut", ["DELETE FROM audit",
                                 "DELETE FROM audit WHERE id > 3",
                                 "DELETE FROM audit WHERE id = 2"])
def test_emptied_cut_off_or_deleted_and_renumbered_trails_are_detected(anchored, cut):
    engine, client, loaded = anchored
    with engine.begin() as conn:
        conn.execute(text(cut))
        if cut.endswith("id = 2"):  # renumbered so no id is missing
            conn.execute(text("UPDATE audit SET id = id - 1 WHERE id > 2"))
    _rechain(engine)
    assert not check_audit_chain(loaded, client.audit_head()).ok


def test_central_refuses_a_head_that_moves_back_or_changes(anchored):
    _engine, client, _loaded = anchored
    head = client.audit_head()
    with pytest.raises(CentralRejected) as back:
        client.put_audit_head(AuditHead(row_id=head.row_id - 2, row_hash="a" * 64))
    assert back.value.code == "audit_truncated"
    with pytest.raises(CentralRejected) as other:
        client.put_audit_head(AuditHead(row_id=head.row_id, row_hash="b" * 64))
    assert other.value.code == "audit_rewritten"
    assert client.audit_head().row_hash == head.row_hash  # the anchor stays

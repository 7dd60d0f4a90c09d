"""After a crash the relauncher restarts the window: the bench comes back on the pack screen
with whoever was logged in, the open order where it was (before: the login screen, while the
README promised the pack screen). A normal start, or a crash after a logout, asks for a badge."""

from __future__ import annotations

from benchkit import BenchPrinter, make_bench
from core_fixtures import demo_db
from sqlalchemy import text


def _packing(db_path):
    engine = demo_db(db_path)
    bench = make_bench(engine, BenchPrinter())
    bench.start()
    for code in ("B-PACKER", "SO-1005", "4006381333931"):
        bench.scan(code)
    return engine, bench


def test_a_crash_restart_resumes_the_operator_and_the_order(db_path):
    engine, _bench = _packing(db_path)  # the window dies here (no logout, no close)
    again = make_bench(engine, BenchPrinter())
    answer = again.start(after_crash=True)
    assert answer.view.operator == "B-PACKER"
    assert answer.view.order_id == "SO-1005"
    assert sum(line.packed for line in answer.view.lines) == 1  # the scan before the crash
    with engine.connect() as conn:
        via = conn.execute(text("SELECT detail FROM audit WHERE action = 'login' "
                                "ORDER BY id DESC LIMIT 1")).scalar()
    assert "crash-restart" in via  # audited as such, not as a badge scan


def test_a_plain_start_and_a_crash_after_logout_ask_for_a_badge(db_path):
    engine, bench = _packing(db_path)
    assert make_bench(engine, BenchPrinter()).start().view.operator is None
    bench.logout()
    assert make_bench(engine, BenchPrinter()).start(after_crash=True).view.operator is None

"""The station's SQLite file: engine with the durability pragmas, schema upgrade on open.

Durability: WAL journal with ``synchronous=FULL`` so a committed transaction survives a
power cut or ``kill -9``; ``busy_timeout`` so a second process waits instead of failing.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

from station.i18n import _

MIGRATIONS = Path(__file__).with_name("migrations")


class StoreError(Exception):
    """The station database cannot be used (locked, read-only, corrupt). ``str()`` is for people."""


def _set_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def create_station_engine(path: Path | str) -> Engine:
    """An engine on the SQLite file at ``path`` with the station's pragmas on every connection.

    Does not create tables: call :func:`upgrade` (``station db upgrade``) for that.
    """
    url = "sqlite://" if str(path) == ":memory:" else f"sqlite:///{Path(path)}"
    engine = create_engine(url, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _set_pragmas)
    if str(path) != ":memory:":
        from station.ops.machine import is_shared

        if is_shared(Path(path).parent):  # the machine's station: every OS user writes it
            event.listen(engine, "connect", lambda *_a: _group_writable(Path(path)))
    return engine


def _group_writable(path: Path) -> None:
    """SQLite creates files 0644 whatever the umask allows: in the machine's shared folder
    the database must be group-writable (its WAL and shared memory then get the same mode)."""
    import os
    import stat

    for name in (path.name, path.name + "-wal", path.name + "-shm", path.name + "-journal"):
        file = path.with_name(name)
        try:
            st = file.stat()
            if st.st_uid == os.getuid() and (st.st_mode & 0o060) != 0o060:
                file.chmod(stat.S_IMODE(st.st_mode) | 0o060)
        except OSError:
            continue  # not there, or another user's: they made it group-writable already


def alembic_config(engine: Engine, migrations: Path = MIGRATIONS) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "heads", migrations: Path = MIGRATIONS) -> None:
    """Bring the schema to ``revision`` (default: the newest). Safe to call on every start."""
    from alembic import command

    try:
        command.upgrade(alembic_config(engine, migrations), revision)
    except Exception as exc:  # sqlite3 errors arrive wrapped by SQLAlchemy/Alembic
        raise StoreError(describe_db_error(exc)) from exc


def schema_is_current(path: Path) -> bool:
    """True when the station file is already at every migration head, so start-up can skip
    importing Alembic (a third of the cold start). Any doubt: False, and Alembic decides."""
    versions = MIGRATIONS / "versions"
    revs: set[str] = set()
    downs: set[str] = set()
    for script in versions.glob("*.py"):
        text = script.read_text(encoding="utf-8")
        rev = re.search(r'^revision\s*=\s*"([^"]+)"', text, re.M)
        down = re.search(r"^down_revision\s*=\s*(.+)$", text, re.M)
        if rev is None:
            return False
        revs.add(rev.group(1))
        if down:
            downs.update(re.findall(r'"([^"]+)"', down.group(1)))
    if not path.is_file():
        return False
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            stored = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
    except sqlite3.Error:
        return False
    return bool(stored) and stored == revs - downs


def quick_check(engine: Engine) -> str:
    """SQLite's ``PRAGMA quick_check`` of the file: "ok", or what is damaged."""
    with engine.connect() as conn:
        return str(conn.exec_driver_sql("PRAGMA quick_check").scalar())


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        heads = MigrationContext.configure(conn).get_current_heads()
    return ",".join(sorted(heads)) if heads else None


def known_revision(rev: str) -> bool:
    """Whether this station's migrations know revision ``rev``."""
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    script = ScriptDirectory.from_config(alembic_config(create_station_engine(":memory:")))
    try:
        return script.get_revision(rev) is not None
    except CommandError:
        return False


def head_revision() -> str:
    """The newest schema revision this version of the station knows."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(create_station_engine(":memory:")))
    return ",".join(sorted(script.get_heads()))


def describe_db_error(exc: BaseException) -> str:
    """A sentence a packer or IT admin can act on, from a low-level database error."""
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text or "permission denied" in text:
        return _("The station database is read-only. Ask IT to check the folder permissions.")
    if "locked" in text or "busy" in text:
        return _("The station database is in use by another program. Close it and try again.")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return _("The station database file is damaged. Ask IT to restore it from a backup.")
    if (
        "unable to open" in text
        or "not a directory" in text
        or "no such file" in text
        or "file exists" in text
    ):
        return _("The station database cannot be opened. Ask IT to check the path and disk.")
    return _("The station database failed: {error}").format(error=exc)

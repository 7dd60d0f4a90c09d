"""One bench PC = one station, whoever is logged in to the OS.

Packers identify by badge, not by OS account, so the station's identity (its API token) and
its data (the SQLite file, evidence) belong to the machine:

- Linux: ``/var/lib/packing-station`` (the .deb creates it ``root:packing-station``, mode
  2770: the group's members share it, the setgid bit keeps new files in the group);
- Windows: ``%PROGRAMDATA%\\PackingStation\\data`` (the installer gives the group
  "Packing Station" modify rights, Users nothing).

``station enroll --machine URL CODE`` (as root / administrator) keeps the token beside the
machine's settings, where only administrators write: ``/etc/packing-station/token`` (0640
``root:packing-station``: the group reads it, no packer can replace it), Windows
``%PROGRAMDATA%\\PackingStation\\token``. A station reads that token before the user's keyring.
``STATION_MACHINE_DIR`` and ``STATION_MACHINE_TOKEN_DIR`` point elsewhere (tests).
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

GROUP = "packing-station"
TOKEN_FILE = "token"


def machine_dir() -> Path:
    override = os.environ.get("STATION_MACHINE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("PROGRAMDATA", r"C:\ProgramData")
        return Path(base) / "PackingStation" / "data"
    return Path("/var/lib/packing-station")


def token_dir() -> Path:
    override = os.environ.get("STATION_MACHINE_TOKEN_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "PackingStation"
    return Path("/etc/packing-station")


def token_path() -> Path:
    return token_dir() / TOKEN_FILE


def is_shared(folder: Path) -> bool:
    """Whether ``folder`` is a group-shared station folder (setgid and group-writable), where
    files must be created group-writable for the next OS user."""
    try:
        mode = folder.stat().st_mode
    except OSError:
        return False
    return bool(mode & stat.S_ISGID) and bool(mode & stat.S_IWGRP)


def machine_data_available() -> bool:
    """Whether this install keeps the station's data for the whole machine (the installer
    made the shared folder, and this user may write it)."""
    folder = machine_dir()
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        return False
    return sys.platform == "win32" or is_shared(folder)


def share_with_group(folder: Path) -> None:
    """Create files group-writable from now on when ``folder`` is a shared one (umask 007):
    the database, its WAL and journal, backups, evidence."""
    if os.name == "posix" and is_shared(folder):
        os.umask(0o007)


def read_token(station: str) -> str | None:
    """The machine's token, when one is stored and this user may read it."""
    path = token_path()
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, PermissionError, IsADirectoryError, NotADirectoryError):
        return None
    name, _sep, token = text.strip().partition(":")
    if name != station or not token:
        return None  # enrolled as another station: that identity is not ours
    return token


def write_token(station: str, token: str) -> Path:
    """Keep ``station``'s token for every OS user of this machine: 0640, group
    ``packing-station`` when it exists. Needs write access to the machine folder."""
    folder = token_dir()
    folder.mkdir(parents=True, exist_ok=True)
    gid = _group_id()
    fd, tmp = tempfile.mkstemp(prefix=".token-", dir=folder)
    try:
        if os.name == "posix":
            os.fchmod(fd, 0o640)
            if gid is not None:
                os.fchown(fd, -1, gid)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(f"{station}:{token}\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, folder / TOKEN_FILE)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return folder / TOKEN_FILE


def _group_id() -> int | None:
    if os.name != "posix":
        return None
    import grp

    try:
        return grp.getgrnam(GROUP).gr_gid
    except KeyError:
        return None

"""``station-central`` as IT runs it: seed, token (printed once, stored hashed), serve."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import requests
from sqlalchemy import create_engine, select

from central import tables as t
from central.auth import hash_token

CLI = [sys.executable, "-m", "central.cli"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_seed_token_and_serve(tmp_path):
    db = str(tmp_path / "central.sqlite3")
    seeded = subprocess.run([*CLI, "seed", "--demo", "--db", db], capture_output=True,
                            text=True, timeout=60, check=True)
    assert "ST-01" in seeded.stdout and "P001" in seeded.stdout
    made = subprocess.run([*CLI, "token", "create", "--station", "ST-01", "--db", db],
                          capture_output=True, text=True, timeout=60, check=True)
    token = made.stdout.strip()
    assert len(token) >= 40 and "shown once" in made.stderr
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        hashes = conn.scalars(select(t.api_tokens.c.token_hash)).all()
    engine.dispose()
    assert hashes == [hash_token(token)]  # only the hash is stored
    unknown = subprocess.run([*CLI, "token", "create", "--station", "NOPE", "--db", db],
                             capture_output=True, text=True, timeout=60)
    assert unknown.returncode == 1 and "does not exist" in unknown.stderr
    port = _free_port()
    server = subprocess.Popen([*CLI, "serve", "--db", db, "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                answer = requests.get(f"http://127.0.0.1:{port}/v1/changes", timeout=2,
                                      headers={"Authorization": f"Bearer {token}"})
                break
            except requests.ConnectionError:
                assert server.poll() is None and time.monotonic() < deadline, "server died"
                time.sleep(0.1)
        assert answer.status_code == 200 and len(answer.json()["orders"]) == 10
    finally:
        server.terminate()
        server.wait(timeout=15)

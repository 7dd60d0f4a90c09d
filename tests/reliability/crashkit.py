"""Drive crash trials: ask the zygote for a child, read its ACKs, SIGKILL it at a random
moment (after a random number of ACKs plus a random few milliseconds, so the kill lands
inside a commit as often as between two)."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent


@dataclass
class Trial:
    """What one child acknowledged before it died, and whether our SIGKILL killed it."""

    acks: list[str] = field(default_factory=list)
    killed: bool = False
    error: str | None = None


class Zygote:
    """A warm process that forks trial children on request."""

    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "crash_zygote.py")],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, bufsize=1,
        )
        assert self._line() == "READY"

    def _line(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the crash zygote died (exit {self.proc.poll()})")
        return line.rstrip("\n")

    def trial(self, rng: random.Random, *command: str, max_acks: int = 25) -> Trial:
        """Run one child of ``command``; kill it after 0..``max_acks`` ACKs + 0..5 ms."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(" ".join(command) + "\n")
        self.proc.stdin.flush()
        first = self._line()
        assert first.startswith("PID "), first
        pid = int(first.split()[1])
        trial = Trial()
        stop_after = rng.randint(0, max_acks)
        line = ""
        while len(trial.acks) < stop_after:
            line = self._line()
            if not line.startswith(("ACK", "RESUMED")):
                break
            trial.acks.append(line)
        if not line.startswith(("END", "ERROR", "DONE")):
            time.sleep(rng.random() * 0.005)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        while not line.startswith("DONE"):
            line = self._line()
            if line.startswith(("ACK", "RESUMED")):
                trial.acks.append(line)  # printed before the kill landed: acknowledged
            elif line.startswith("ERROR"):
                trial.error = line
        status = int(line.split()[1])
        trial.killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        if not trial.killed and trial.error is None and status != 0:
            # neither finished nor killed by us: it hung and dumped its stack (stderr above)
            trial.error = f"the child ended by itself with wait status {status}"
        return trial

    def close(self) -> None:
        if self.proc.poll() is None and self.proc.stdin is not None:
            self.proc.stdin.write("quit\n")
            self.proc.stdin.close()
            self.proc.wait(timeout=30)
        if self.proc.stdout is not None:
            self.proc.stdout.close()

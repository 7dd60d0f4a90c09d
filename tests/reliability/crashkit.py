"""Drive crash trials: ask the zygote for a child, read its ACKs, SIGKILL it at a random
moment (after a random number of ACKs plus a random few milliseconds, so the kill lands
inside a commit as often as between two)."""

from __future__ import annotations

import contextlib
import os
import queue
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
SLOW_LINE_S = 30  # a line this late: say where the child and the zygote stand (kept on)
GIVE_UP_S = 100  # ... and fail with that, before pytest's own timeout says nothing


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
        # The zygote's and the children's stderr (tracebacks, stack dumps) go to a file of
        # ours, so a stalled trial can quote them.
        self._stderr = tempfile.TemporaryFile(mode="w+", prefix="crash-zygote-")  # noqa: SIM115 (closed in close())
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "crash_zygote.py")],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr, text=True,
            env=env, bufsize=1,
        )
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._pump, name="crash-zygote-stdout", daemon=True).start()
        self._child = 0
        assert self._line() == "READY"

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.strip():  # the zygote starts DONE on a fresh line: skip the empty one
                self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def _line(self) -> str:
        started = time.monotonic()
        said: str | None = None
        while True:
            try:
                line = self._lines.get(timeout=SLOW_LINE_S)
                break
            except queue.Empty:
                said = self._where()
                print(f"crash zygote slow after {time.monotonic() - started:.0f} s:\n{said}",
                      file=sys.stderr, flush=True)
                if time.monotonic() - started >= GIVE_UP_S:
                    raise AssertionError(f"no line from the crash zygote in {GIVE_UP_S} s:\n"
                                         + said) from None
        if line is None:
            raise RuntimeError(f"the crash zygote died (exit {self.proc.poll()}):\n"
                               + self._stderr_text())
        return line

    def _where(self) -> str:
        """Kernel state of the child and the zygote, and the zygote's Python stack."""
        parts = []
        for role, pid in (("child", self._child), ("zygote", self.proc.pid)):
            parts.append(f"{role} {pid}: {_proc_state(pid)}")
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.proc.pid, signal.SIGUSR1)  # the zygote dumps its stack to stderr
            time.sleep(0.5)
        return "\n".join(parts) + "\nzygote stderr:\n" + self._stderr_text()

    def _stderr_text(self) -> str:
        self._stderr.flush()
        self._stderr.seek(0)
        return self._stderr.read()[-6000:]

    def trial(self, rng: random.Random, *command: str, max_acks: int = 25) -> Trial:
        """Run one child of ``command``; kill it after 0..``max_acks`` ACKs + 0..5 ms."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(" ".join(command) + "\n")
        self.proc.stdin.flush()
        first = self._line()
        assert first.startswith("PID "), first
        pid = self._child = int(first.split()[1])
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
            with contextlib.suppress(BrokenPipeError):
                self.proc.stdin.write("quit\n")
                self.proc.stdin.close()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._stderr.close()


def _proc_state(pid: int) -> str:
    """``State:`` and wait channel from /proc (a SIGKILLed child stuck in the kernel, say)."""
    if pid <= 0:
        return "none yet"
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return "gone"
    state = next((ln for ln in status.splitlines() if ln.startswith("State:")), "State: ?")
    wchan = ""
    with contextlib.suppress(OSError):
        wchan = Path(f"/proc/{pid}/wchan").read_text()
    stack = ""
    with contextlib.suppress(OSError):
        stack = Path(f"/proc/{pid}/stack").read_text()
    return f"{state} wchan={wchan or '?'}\n{stack}".rstrip()

"""App side of the pyttsx3 worker process: start it, send render requests, read replies with
deadlines, and kill it when it dies or hangs. Used from one thread at a time."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])  # the folder holding `tui`


class WorkerDied(Exception):
    """No reply: the process exited, closed its pipe, or did not answer in time."""


class WorkerHung(WorkerDied):
    """Alive but silent past the deadline (stopped, or stuck in the engine)."""


class EngineMissing(Exception):
    """The worker started but could not load the speech engine (pyttsx3 or libespeak-ng)."""


class WorkerClient:
    def __init__(self, engine_module: str = "pyttsx3", log_path: str | None = None) -> None:
        self.engine_module = engine_module
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None
        self.ready = False
        self.voices: list[dict] = []
        self.engine = ""  # the engine and its version, as the worker reports them
        self.requests = 0  # render requests sent, ever (tests check the prepared cache with it)
        self._buf = b""
        self._next_id = 0

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def start(self) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (PACKAGE_ROOT, env.get("PYTHONPATH")) if p)
        err = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        try:
            # Own session: a Ctrl-C or terminal hang-up meant for the app does not reach it.
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "tui.speech.pyttsx3_worker", "--engine", self.engine_module],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, env=env,
                start_new_session=True, close_fds=True)
        finally:
            if self.log_path:
                err.close()
        self.ready, self._buf = False, b""

    def wait_ready(self, timeout: float) -> None:
        msg = self._read(time.monotonic() + timeout)
        if "fatal" in msg:
            raise EngineMissing(msg["fatal"])
        self.ready = True
        self.voices = msg.get("voices") or []
        self.engine = str(msg.get("engine") or "")

    def send(self, text: str, out: str, rate, volume, voice) -> int:
        self._next_id += 1
        req = {"id": self._next_id, "text": text, "out": out, "rate": rate, "volume": volume,
               "voice": voice}
        try:
            self.proc.stdin.write((json.dumps(req) + "\n").encode())
            self.proc.stdin.flush()
        except (OSError, ValueError, AttributeError) as exc:
            raise WorkerDied(f"cannot send: {exc}") from None
        self.requests += 1
        return self._next_id

    def await_reply(self, req_id: int, timeout: float,
                    cancelled: Callable[[], bool] = lambda: False) -> dict | None:
        """The reply to req_id (older replies are stale and dropped); None if cancelled first."""
        deadline = time.monotonic() + timeout
        while True:
            if cancelled():
                return None
            msg = self._read(min(deadline, time.monotonic() + 0.05), quiet_timeout=True)
            if msg is not None and msg.get("id") == req_id:
                return msg
            if msg is None and time.monotonic() >= deadline:
                raise WorkerHung("no reply in time")

    def _read(self, deadline: float, quiet_timeout: bool = False) -> dict | None:
        """One JSON message; on timeout None if quiet_timeout else WorkerDied."""
        if self.proc is None or self.proc.stdout is None:
            raise WorkerDied("not started")
        fd = self.proc.stdout.fileno()
        while b"\n" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                if quiet_timeout:
                    return None
                raise WorkerDied("no reply in time")
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    raise WorkerDied("worker exited")
                self._buf += chunk
        line, self._buf = self._buf.split(b"\n", 1)
        try:
            return json.loads(line)
        except ValueError:
            return {}

    def kill(self) -> None:
        proc, self.proc, self.ready = self.proc, None, False
        if proc is None:
            return
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        for stream in (proc.stdin, proc.stdout):
            try:
                stream.close()
            except Exception:
                pass
        try:
            proc.wait(timeout=1)
        except subprocess.TimeoutExpired:
            pass

    def signal_kill(self) -> None:
        """Kill from another thread: only a signal; the owning thread notices EOF and cleans up."""
        proc = self.proc
        if proc is not None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass

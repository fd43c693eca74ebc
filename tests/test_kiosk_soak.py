"""A short soak of the real kiosk in a real terminal (tmux): bursts of keys, real idle resets, resizes.

scripts/soak.py types bursts of random keypad keys (NumLock on and off, Enter, now and then
Ctrl+C, Escape or a letter) without waiting for the app, lets the real idle countdown bring
back the start screen, and resizes the terminal. It fails when the kiosk ends, when its error
log gets an entry, or when an idle reset does not bring back the start screen.
The long run (100,000 keys, memory judged) is in README's reliability section.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tmux_helpers import needs_tmux

pytestmark = needs_tmux

SOAK = Path(__file__).resolve().parent.parent / "scripts" / "soak.py"


def soak(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SOAK), "--print-every", "100000", *args],
                          capture_output=True, text=True, timeout=900)


@pytest.mark.parametrize("profile", ["numeric", "standard"])
def test_kiosk_survives_bursts_idle_resets_and_resizes(profile):
    run = soak("--keys", "2500", "--reset-every", "1000", "--pace", "0.6", "--profile", profile,
               "--seed", "7" if profile == "numeric" else "8")
    assert run.returncode == 0 and run.stdout.rstrip().endswith("PASS"), run.stdout + run.stderr
    assert "errors logged       0" in run.stdout
    assert int(run.stdout.split("real idle resets")[1].split()[0]) >= 2
    assert int(run.stdout.split("resizes")[1].split()[0]) >= 1


def test_reader_survives_bursts_and_resizes():
    run = soak("--keys", "1500", "--pace", "0.6", "--reader", "--seed", "9")
    assert run.returncode == 0 and run.stdout.rstrip().endswith("PASS"), run.stdout + run.stderr
    assert int(run.stdout.split("resizes")[1].split()[0]) >= 1

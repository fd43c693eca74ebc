#!/usr/bin/env python3
"""A stand-in audio player for tests: logs START/END lines to $FAKE_PLAYER_LOG and "plays" a
WAV by sleeping for its length (in 10 ms steps, so SIGSTOP really pauses it)."""

import os
import sys
import time
import wave


def log(line: str) -> None:
    path = os.environ.get("FAKE_PLAYER_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"{time.time():.6f} {line}\n")


def main() -> int:
    wav = sys.argv[-1]
    sidecar = os.path.splitext(wav)[0] + ".txt"
    try:
        with open(sidecar, encoding="utf-8") as f:
            label = " ".join(f.read().split())
    except OSError:
        label = wav
    log(f"START {wav} {label}")
    hang = os.environ.get("FAKE_PLAYER_HANG")  # block forever on sentences holding this text
    if hang and hang in label:
        while True:
            time.sleep(1)
    broken = os.environ.get("FAKE_PLAYER_BROKEN")  # fail (exit 1) while this file exists
    if broken and os.path.exists(broken):
        return 1
    fail = os.environ.get("FAKE_PLAYER_FAIL")  # fail (exit 1) on sentences holding this text
    if fail and fail in label:
        return 1
    with wave.open(wav) as w:
        seconds = w.getnframes() / float(w.getframerate())
    scale = float(os.environ.get("FAKE_PLAYER_SPEED", "1"))  # >1 plays faster (quick tests)
    for _ in range(int(seconds / scale / 0.01)):
        time.sleep(0.01)
    log(f"END {wav}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

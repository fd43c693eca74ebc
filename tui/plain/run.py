"""Starting line mode: load the guide, wire the reader to the terminal or pipe, and give the
terminal back cleanly at end of input, Ctrl+C, a closed pipe or a kill."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable, TextIO

from tui.core.guide_cache import load_guide_or_report  # checked once, then from the cache (as the reader)
from tui.plain.reader import PlainReader

MAX_LINE = 4096  # longer input is taken in pieces, never read into memory whole


class _BoundedLines:
    """A stream whose readline never reads more than MAX_LINE characters (cmd reads whole lines)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def readline(self) -> str:
        return self.stream.readline(MAX_LINE)


def run_plain(guide_path: Path, speech: str | None = None, no_speech: bool = False,
              stdin: TextIO | None = None, stdout: TextIO | None = None,
              speaker_factory: Callable | None = None, note: str | None = None) -> int:
    """Line mode; `note` (why the full-screen reader was not started) goes to stderr once the
    guide has loaded, so a broken guide is still reported in one line."""
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    try:  # never crash on a character the terminal's encoding lacks
        stdout.reconfigure(errors="replace")  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        pass
    guide = load_guide_or_report(guide_path)
    if guide is None:
        return 2
    if note:
        print(note, file=sys.stderr, flush=True)
    interactive = _isatty(stdin)
    reader = PlainReader(guide, stdout, speech_kind="none" if no_speech else speech,
                         speaker_factory=speaker_factory, bell=interactive and _isatty(stdout))
    reader.stdin = _BoundedLines(stdin)
    reader.prompt = "> " if interactive else ""
    # At the real terminal, the standard library's line editing: arrows, history (Up/Down), Ctrl+R.
    reader.use_rawinput = stdin is sys.stdin and stdout is sys.stdout and interactive and _isatty(stdout)
    if reader.use_rawinput:
        _quiet_readline()
    from tui.termination import termination_raises
    with termination_raises():  # kill / a closed terminal: `finally` still closes speech
        try:
            reader.cmdloop()
        except KeyboardInterrupt:
            try:
                stdout.write("\n")
                reader.say("Goodbye.")
            except (OSError, ValueError):
                pass
        except BrokenPipeError:
            _silence_stdout()
        finally:
            reader.close()
    return 0


def _quiet_readline() -> None:
    try:
        import readline
    except ImportError:
        return
    readline.parse_and_bind("set bell-style none")
    # A lone Escape must not be the start of a key sequence that swallows the next key.
    readline.parse_and_bind("set keyseq-timeout 50")


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _silence_stdout() -> None:
    """After the reading end of a pipe closed, stop Python complaining at exit."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass

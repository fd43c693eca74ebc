"""Remembered settings: a small JSON file in the user's config directory.

A bad value is never fatal: it is reported in one line and replaced by its default,
so a hand-edited file cannot stop a patient from reading the guide. A file that is not JSON at
all is kept as settings.json.broken (the notice says where) before defaults are used, and is
never overwritten. Saves are atomic (tui.atomic_file).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from tui.atomic_file import write_atomically
from tui.folders import user_folder
from tui.regular_file import FileProblem, read_regular_file
from tui.safe_text import describe, first_hostile, shown

SIZE_LEVELS = ("normal", "large", "extra-large", "magnifier")
SPEECH_BACKENDS = ("auto", "pyttsx3", "speechd", "none")
MAX_BYTES = 100_000  # the file is ~200 bytes; far more is not a settings file
PHONE_CHARS = frozenset("0123456789 +-().")
MAX_PHONE = 30


def phone_problem(value) -> str | None:
    """A phone number is read aloud to someone in trouble: digits and + - ( ) . only, short."""
    if not isinstance(value, str):
        return "must be a phone number in quotes, such as \"911\""
    if not value.strip():
        return None
    if not set(value) <= PHONE_CHARS or not any(c.isdigit() for c in value):
        return f"{value!r} is not a phone number (digits, spaces and + - ( ) . only)"
    if len(value) > MAX_PHONE:
        return f"{value!r} is longer than {MAX_PHONE} characters"
    return None


@dataclass(frozen=True)
class Field:
    """One setting, described once: the settings file, the kiosk config, the command line, the
    settings screen and the keys that step it all read this."""

    name: str
    label: str                     # as the settings screen shows and says it
    kind: type = str               # str, bool, int or float
    choices: tuple[str, ...] = ()  # a choice's values in stepping order (themes: from the UI)
    low: float = 0                 # a number's range and the step of its keys
    high: float = 0
    step: float = 0
    unit: str = ""
    wraps: bool = False            # stepping past the last value goes round to the first
    phone: bool = False
    states: tuple[str, str] = ("off", "on")  # how a true/false setting's values are said

    def problem(self, value, choices: tuple[str, ...] = ()) -> str | None:
        """Why `value` cannot be this setting (None when it can). `choices` override."""
        choices = choices or self.choices
        if self.phone:
            return phone_problem(value)
        if self.kind is bool:
            return None if isinstance(value, bool) else "must be true or false"
        if self.kind in (int, float):
            number = isinstance(value, (int, float) if self.kind is float else int)
            if not number or isinstance(value, bool) or not self.low <= value <= self.high:
                return f"{value!r} is out of range {self.low}-{self.high} {self.unit}".rstrip()
            return None
        if not isinstance(value, str):
            return "must be text"
        if choices and value not in choices:
            return f"{value!r} is not one of {', '.join(choices)}"
        return None

    def stepped(self, value, direction: int, choices: tuple = ()):
        """The value one key press away (+1 or -1); the same value at either end."""
        if self.kind is bool:
            return not value
        if self.kind in (int, float):
            moved = max(self.low, min(self.high, value + direction * self.step))
            return round(moved, 2) if self.kind is float else int(moved)
        choices = choices or self.choices
        at = choices.index(value) if value in choices else 0
        if self.wraps:
            return choices[(at + direction) % len(choices)]
        return choices[max(0, min(len(choices) - 1, at + direction))]

    def spoken(self, value) -> str:
        """The value in words: '175 words a minute', '90 percent', 'extra large', 'on'."""
        if self.kind is bool:
            return self.states[bool(value)]
        if self.name == "volume":
            return f"{round(value * 100)} percent"
        if self.kind is int:
            return f"{value} {self.unit}".rstrip()
        return str(value).replace("-", " ")


FIELDS: dict[str, Field] = {f.name: f for f in (
    Field("theme", "Colour theme", wraps=True),
    Field("size", "Text size", choices=SIZE_LEVELS),
    Field("self_voicing", "Self-voicing (speak titles and moves)", kind=bool),
    Field("show_cursor", "Terminal cursor on the focus (for magnifiers)", kind=bool,
          states=("hidden", "shown")),
    Field("rate", "Speech rate", kind=int, low=80, high=400, step=20, unit="words a minute"),
    Field("volume", "Volume", kind=float, low=0.1, high=1.0, step=0.1, unit="(1.0 is full volume)"),
    Field("voice", "Voice", wraps=True),
    Field("speech", "Speech engine", choices=SPEECH_BACKENDS),
    Field("player", "Audio player"),
    Field("care_line", "Your 24-hour cancer line", phone=True),
    Field("emergency_number", "Emergency number", phone=True),
)}
RATE_RANGE = (FIELDS["rate"].low, FIELDS["rate"].high)  # words a minute
PHONE_KEYS = tuple(name for name, f in FIELDS.items() if f.phone)


@dataclass(frozen=True)
class Settings:
    theme: str = "high-contrast-dark"
    size: str = "normal"
    self_voicing: bool = False
    show_cursor: bool = True  # the terminal's cursor on the focus (magnifiers, braille follow it)
    rate: int = 175
    volume: float = 1.0
    voice: str = ""
    speech: str = "auto"
    player: str = ""
    care_line: str = ""         # the local 24-hour cancer line, shown and spoken on the warning signs
    emergency_number: str = ""  # the local emergency number, likewise

    def changed(self, **kwargs) -> "Settings":
        return replace(self, **kwargs)


def config_dir() -> Path:
    return user_folder("config")


def settings_path() -> Path:
    return config_dir() / "settings.json"


def validate(raw: dict, where: str, theme_names: tuple[str, ...] = (),
             lines: dict[str, int] | None = None) -> tuple[Settings, list[str]]:
    """Keep the good values of `raw`, report each bad one as 'WHERE[:LINE]: key: problem'."""
    defaults = Settings()
    good: dict = {}
    problems: list[str] = []
    known = {f.name for f in fields(Settings)}
    for key, value in raw.items():
        if key not in known:
            problems.append(f"{where}: unknown setting '{shown(key)}' ignored")
            continue
        problem = _check(key, value, theme_names)
        at = f"{where}:{lines[key]}" if lines and key in lines else where
        if problem:
            problems.append(f"{at}: {key}: {problem}; using {getattr(defaults, key)!r}")
        else:
            good[key] = float(value) if key == "volume" else value.strip() if FIELDS[key].phone else value
    return replace(defaults, **good), problems


def _check(key: str, value, theme_names: tuple[str, ...]) -> str | None:
    if isinstance(value, str) and (at := first_hostile(value)) is not None:
        return f"{describe(value[at])} is not allowed"
    return FIELDS[key].problem(value, theme_names if key == "theme" else ())


def load_settings(theme_names: tuple[str, ...] = ()) -> tuple[Settings, list[str]]:
    """Settings from disk (defaults when there is no file), plus one line per problem found."""
    path = settings_path()
    where = shown(str(path))
    try:
        raw = read_regular_file(path, MAX_BYTES, "settings file")
    except FileProblem as exc:
        if not os.path.lexists(path):
            return Settings(), []
        return Settings(), [f"{where}:1: {exc.reason}; using defaults"]
    data, line, problem = _parse(raw)
    if problem:
        kept = _keep_broken(path)
        fate = (f"kept as {shown(str(kept))}" if kept else "could not keep a copy, so it is left as it is")
        return Settings(), [f"{where}:{line}: {problem}; {fate}; using defaults"]
    return validate(data, where, theme_names, _key_lines(raw.decode("utf-8")))


def _key_lines(text: str) -> dict[str, int]:
    """The line of each top-level key, so a bad value is reported as FILE:LINE."""
    import re
    return {m.group(1): text.count("\n", 0, m.start()) + 1
            for m in re.finditer(r'"([a-z_]+)"\s*:', text)}


def _parse(raw: bytes) -> tuple[dict | None, int, str | None]:
    """The settings object, or (None, line, what is wrong)."""
    if len(raw) > MAX_BYTES:
        return None, 1, f"settings file is over {MAX_BYTES} bytes"
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None, 1, "settings file is not UTF-8 text"
    except json.JSONDecodeError as exc:
        return None, exc.lineno, "settings file is not valid JSON"
    except RecursionError:  # e.g. [[[[... 100 000 deep: Python's parser gives up, not the app
        return None, 1, "settings file is nested too deeply"
    if not isinstance(data, dict):
        return None, 1, "settings file is not a JSON object"
    return data, 1, None


def _keep_broken(path: Path) -> Path | None:
    """Move a settings file that cannot be read out of the way, without overwriting an older
    broken one: settings.json.broken, then settings.json.broken-2, ... Returns where it went."""
    for n in range(1, 100):
        kept = path.with_name(path.name + (".broken" if n == 1 else f".broken-{n}"))
        try:
            os.link(path, kept)  # fails if `kept` exists: an older broken file is never replaced
        except FileExistsError:
            continue
        except OSError:  # no hard links here (e.g. FAT): rename, having checked the name is free
            if os.path.lexists(kept):
                continue
            try:
                os.replace(path, kept)
            except OSError:
                return None
            return kept
        try:
            os.unlink(path)
        except OSError:
            pass
        return kept
    return None


def save_settings(settings: Settings) -> str | None:
    """Write atomically; returns a one-line problem instead of raising (nothing is lost on failure)."""
    path = settings_path()
    problem = write_atomically(path, json.dumps(asdict(settings), indent=2) + "\n",
                               before=lambda: os.path.lexists(path) and _keep_if_broken(path))
    return f"Could not save settings to {shown(str(path))}: {problem}" if problem else None


def _keep_if_broken(path: Path) -> None:
    """Before a save replaces it: a file edited into something unreadable is kept, not lost."""
    try:
        raw = read_regular_file(path, MAX_BYTES, "settings file")
    except FileProblem:
        return  # a folder or a device there: the rename below fails and says so
    if _parse(raw)[2] is not None:
        _keep_broken(path)

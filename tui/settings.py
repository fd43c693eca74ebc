"""Remembered settings: a small JSON file in the user's config directory.

A bad value is never fatal: it is reported in one line and replaced by its default,
so a hand-edited file cannot stop a patient from reading the guide.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

SIZE_LEVELS = ("normal", "large", "extra-large", "magnifier")
RATE_RANGE = (80, 400)  # words a minute
RATE_STEP = 20
VOLUME_STEP = 0.1
SPEECH_BACKENDS = ("auto", "pyttsx3", "speechd", "none")


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

    def changed(self, **kwargs) -> "Settings":
        return replace(self, **kwargs)


def config_dir() -> Path:
    """BONE_GUIDE_CONFIG_DIR wins (tests, kiosks); otherwise the platform's config folder."""
    override = os.environ.get("BONE_GUIDE_CONFIG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_config_dir
    return Path(user_config_dir("bone-guide"))


def settings_path() -> Path:
    return config_dir() / "settings.json"


def validate(raw: dict, where: str, theme_names: tuple[str, ...] = ()) -> tuple[Settings, list[str]]:
    """Keep the good values of `raw`, report each bad one as 'WHERE: key: problem'."""
    defaults = Settings()
    good: dict = {}
    problems: list[str] = []
    known = {f.name for f in fields(Settings)}
    for key, value in raw.items():
        if key not in known:
            problems.append(f"{where}: unknown setting '{key}' ignored")
            continue
        problem = _check(key, value, theme_names)
        if problem:
            problems.append(f"{where}: {key}: {problem}; using {getattr(defaults, key)!r}")
        else:
            good[key] = float(value) if key == "volume" else value
    return replace(defaults, **good), problems


def _check(key: str, value, theme_names: tuple[str, ...]) -> str | None:
    if key == "size":
        return None if value in SIZE_LEVELS else f"{value!r} is not one of {', '.join(SIZE_LEVELS)}"
    if key == "theme":
        if not isinstance(value, str):
            return "must be a theme name"
        return None if not theme_names or value in theme_names else f"no theme called {value!r}"
    if key in ("self_voicing", "show_cursor"):
        return None if isinstance(value, bool) else "must be true or false"
    if key == "rate":
        ok = isinstance(value, int) and not isinstance(value, bool) and RATE_RANGE[0] <= value <= RATE_RANGE[1]
        return None if ok else f"{value!r} is out of range {RATE_RANGE[0]}-{RATE_RANGE[1]}"
    if key == "volume":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1
        return None if ok else f"{value!r} is out of range 0.0-1.0"
    if key == "speech":
        return None if value in SPEECH_BACKENDS else f"{value!r} is not one of {', '.join(SPEECH_BACKENDS)}"
    return None if isinstance(value, str) else "must be text"


def load_settings(theme_names: tuple[str, ...] = ()) -> tuple[Settings, list[str]]:
    """Settings from disk (defaults when there is no file), plus one line per problem found."""
    path = settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings(), []
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", 1)
        return Settings(), [f"{path}:{line}: settings file unreadable ({exc.__class__.__name__}); using defaults"]
    if not isinstance(raw, dict):
        return Settings(), [f"{path}:1: settings file is not a JSON object; using defaults"]
    return validate(raw, str(path), theme_names)


def save_settings(settings: Settings) -> str | None:
    """Write atomically; returns a one-line problem instead of raising (nothing is lost on failure)."""
    path = settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(settings), indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        return f"Could not save settings to {path}: {exc.strerror}"
    return None

"""Which of the engine's voices the Settings screen offers.

pyttsx3 lists ~100 espeak-ng voices; speech-dispatcher's LIST SYNTHESIS_VOICES gives ~13,000
(every espeak-ng language times every variant). Stepping through that with Left/Right is useless,
so the list is cut to the user's language (from the locale) and kept short: plain voices
first, then variants ("English+Alex"), at most MAX_CHOICES.
"""

from __future__ import annotations

import locale
import os

from tui.speech.speaker import Voice

MAX_CHOICES = 24


def user_language() -> str:
    """'en' for en_GB.UTF-8 (LC_ALL, LC_MESSAGES, LANG as the C library reads them)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return _primary(value)
    try:
        return _primary(locale.getlocale()[0] or "") or "en"
    except ValueError:
        return "en"


def _primary(tag: str) -> str:
    """The language part of a locale or language tag: en_GB.UTF-8, en-gb, 'en' -> en."""
    return tag.split(".")[0].split("@")[0].replace("_", "-").split("-")[0].lower()


def voice_choices(voices: list[Voice], language: str | None = None,
                  keep: str = "") -> list[Voice]:
    """The voices in `language` (the user's by default), plain ones first, at most MAX_CHOICES;
    `keep` (the voice now chosen) stays in the list wherever it is from."""
    language = (language or user_language()).lower()

    def lang_of(v: Voice) -> str:
        return _primary(v.language or "") or _primary(v.id.split("/")[-1])

    mine = [v for v in voices if lang_of(v) == language]
    plain = [v for v in mine if "+" not in v.id and "+" not in v.name]
    variants = [v for v in mine if v not in plain]
    chosen = (plain + variants)[:MAX_CHOICES]
    if keep and all(v.id != keep for v in chosen):
        chosen += [v for v in voices if v.id == keep][:1]
    return chosen

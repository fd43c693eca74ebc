"""The interface the app talks to. Backends call `on_event` from any thread with one of the
dataclasses in tui.speech.events; the app turns that into its own messages."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from enum import StrEnum
from typing import Callable

RATE_MIN, RATE_MAX, RATE_DEFAULT = 80, 400, 175  # words a minute (espeak's default is 175)


class Priority(StrEnum):
    """What an utterance is, highest first, as speech-dispatcher's important / text / message and
    NVDA's NOW / NEXT / NORMAL. The narrator decides who may cut off whom; a backend with a
    shared speech service (speech-dispatcher) also tells that service, so the warning signs
    pre-empt other programs' speech too. (A StrEnum: backends may compare with plain strings.)"""

    ALERT = "alert"        # the warning signs, the kiosk's "are you still there?"
    READ = "read"          # what the user asked to hear
    ANNOUNCE = "announce"  # self-voicing: titles, moves, replies to keys

    def outranks(self, other: "Priority | None") -> bool:
        """True when this may cut `other` off (a higher or equal priority; an announcement
        only ever replaces another announcement)."""
        order = list(Priority)
        return other is None or order.index(self) <= order.index(other)


ALERT, READ, ANNOUNCE = Priority.ALERT, Priority.READ, Priority.ANNOUNCE



@dataclass(frozen=True)
class Voice:
    id: str
    name: str
    language: str


def clamp_rate(wpm) -> int:
    return max(RATE_MIN, min(RATE_MAX, int(wpm)))


def clamp_volume(volume) -> float:
    return max(0.0, min(1.0, float(volume)))


def as_sentences(text: str | list[str]) -> list[str]:
    """A list is taken as given (event indexes refer to it); a string is split here."""
    if isinstance(text, (list, tuple)):
        return [str(s) for s in text]
    from tui.speech.sentences import split_sentences
    return split_sentences(text) or ([text] if text.strip() else [])


class Speaker(ABC):
    name = "speaker"

    def __init__(self, on_event: Callable[[object], None]) -> None:
        self.on_event = on_event
        self.available = True
        self.notice: str | None = None  # why speech is unavailable, one line

    def _emit(self, event) -> None:
        try:
            self.on_event(event)
        except Exception:  # a broken listener must not kill a speech thread
            pass

    @abstractmethod
    def speak(self, text: str | list[str], utterance_id: str, priority: str = READ) -> None:
        """Cut off whatever is said and say `text` (a list = sentences already split)."""

    @abstractmethod
    def prepare(self, key: str, text: str | list[str]) -> None:
        """Get `text` ready ahead of time so speak_prepared(key) starts at once."""

    @abstractmethod
    def speak_prepared(self, key: str, utterance_id: str, priority: str = ALERT) -> None: ...

    @abstractmethod
    def stop(self) -> None:
        """Silence now and drop everything queued. Returns at once."""

    @abstractmethod
    def pause(self) -> None: ...

    @abstractmethod
    def resume(self) -> None: ...

    @property
    @abstractmethod
    def paused(self) -> bool: ...

    @abstractmethod
    def set_rate(self, wpm: int) -> None: ...

    @abstractmethod
    def set_volume(self, volume: float) -> None: ...

    @abstractmethod
    def set_voice(self, voice_id: str | None) -> None: ...

    @abstractmethod
    def voices(self) -> list[Voice]: ...

    @abstractmethod
    def close(self) -> None: ...

    def start_engine(self) -> None:
        """Start what a backend created with `defer_engine` left for later (the pyttsx3
        worker); nothing for the others. Returns at once."""

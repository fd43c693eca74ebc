"""What a speaker reports back: small frozen records, so any thread can hand them over.

Not dataclasses: the app makes its speech backend ready while Textual draws the first screen,
and building six frozen dataclasses (~1 ms each, their methods are generated and compiled) took
time from that screen. These compare equal, hash and show themselves as frozen dataclasses do.
"""

from __future__ import annotations


class _Event:
    __slots__: tuple[str, ...] = ()

    def __init__(self, *values, **named) -> None:
        fields = type(self).__slots__
        if len(values) > len(fields) or any(name not in fields[len(values):] for name in named) \
                or len(values) + len(named) != len(fields):
            raise TypeError(f"{type(self).__name__} takes {', '.join(fields)}")
        for name, value in zip(fields, values):
            object.__setattr__(self, name, value)
        for name, value in named.items():
            object.__setattr__(self, name, value)

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in type(self).__slots__)

    def __setattr__(self, name: str, value) -> None:
        raise AttributeError(f"{type(self).__name__} cannot be changed")

    __delattr__ = __setattr__

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other._values() == self._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in type(self).__slots__)
        return f"{type(self).__name__}({shown})"


class UtteranceStarted(_Event):
    __slots__ = ("utterance_id",)
    utterance_id: str


class SentenceStarted(_Event):
    __slots__ = ("utterance_id", "index", "text")
    utterance_id: str
    index: int  # position in the sentence list given to speak()
    text: str


class UtteranceFinished(_Event):
    __slots__ = ("utterance_id", "stopped")
    utterance_id: str
    stopped: bool  # True when cut off by stop() or a newer speak()


class SpeechFailed(_Event):
    __slots__ = ("reason",)
    reason: str  # one line, fit to show the user as it is


class SpeechNotice(_Event):
    __slots__ = ("reason",)
    reason: str  # a passing trouble, speech goes on; one line, fit to show the user


class SpeechRecovered(_Event):
    __slots__ = ("reason",)
    reason: str  # speech works again after a SpeechFailed; one line, to show and to say


SpeechEventType = (UtteranceStarted | SentenceStarted | UtteranceFinished | SpeechFailed
                   | SpeechNotice | SpeechRecovered)

NO_AUDIO = "Speech is off: no audio device found"
AUDIO_INTERRUPTED = "Audio was interrupted; going on with the next sentence"
AUDIO_INTERRUPTED_SPOKEN = "Audio was interrupted."  # said in the reading, before it goes on
SPEECH_BACK = "Speech is back."
ENGINE_HUNG = "The speech engine stopped answering; starting it again"
NO_ENGINE = "Speech is off: no speech engine found (install espeak-ng)"


def temp_full(folder: str) -> str:
    return (f"Speech cannot be made: no space left in the temporary folder {folder}. "
            "Free some space, then press r.")

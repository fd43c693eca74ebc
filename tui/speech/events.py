"""What a speaker reports back. Plain frozen dataclasses so any thread can hand them over."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UtteranceStarted:
    utterance_id: str


@dataclass(frozen=True)
class SentenceStarted:
    utterance_id: str
    index: int  # position in the sentence list given to speak()
    text: str


@dataclass(frozen=True)
class UtteranceFinished:
    utterance_id: str
    stopped: bool  # True when cut off by stop() or a newer speak()


@dataclass(frozen=True)
class SpeechFailed:
    reason: str  # one line, fit to show the user as it is


SpeechEventType = UtteranceStarted | SentenceStarted | UtteranceFinished | SpeechFailed

NO_AUDIO = "Speech is off: no audio device found"
NO_ENGINE = "Speech is off: no speech engine found (install espeak-ng)"

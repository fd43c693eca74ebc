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


@dataclass(frozen=True)
class SpeechNotice:
    reason: str  # a passing trouble, speech goes on; one line, fit to show the user


SpeechEventType = (UtteranceStarted | SentenceStarted | UtteranceFinished | SpeechFailed
                   | SpeechNotice)

NO_AUDIO = "Speech is off: no audio device found"
AUDIO_INTERRUPTED = "Audio was interrupted; going on with the next sentence"
NO_ENGINE = "Speech is off: no speech engine found (install espeak-ng)"

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


@dataclass(frozen=True)
class SpeechRecovered:
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

"""The app's voice: a thin layer between the screens and a speech backend.

Screens ask it to `read` (the user asked for it), to `announce` (self-voicing: only when
that is on) or to `stop`. Priorities, highest first: ALERT (the warning signs) > READ >
ANNOUNCE. A higher or equal one cuts off what is said; an announcement never cuts off a
reading or the warning signs (it is on screen anyway), so `]` or a theme change while reading
leaves the reading going. Backend events arrive from speech threads and are handed to
Textual with post_message, never call_from_thread (which deadlocked in a trial).
"""

from __future__ import annotations

from typing import Callable

from textual.message import Message

from tui.settings import RATE_RANGE, Settings
from tui.speech.speaker import ALERT, ANNOUNCE, READ

RED_FLAGS_KEY = "red-flags"


class SpeechEvent(Message):
    """A backend event (UtteranceStarted, SentenceStarted, UtteranceFinished, SpeechFailed)."""

    def __init__(self, event) -> None:
        super().__init__()
        self.event = event


class Narrator:
    def __init__(self, post: Callable[[Message], object], settings: Settings,
                 speaker_factory: Callable | None = None, kind: str | None = None) -> None:
        self._post = post
        self.settings = settings
        self.self_voicing = settings.self_voicing
        self._factory = speaker_factory
        self._kind = kind
        self.speaker = None
        self.current: str | None = None  # utterance being spoken, if any
        self.priority: str | None = None  # its priority
        self.failure: str | None = None  # notice once speech failed at run time

    def start_later(self, red_flag_sentences: Callable[[], list[str]]) -> None:
        """Start speech on first need, or when the app calls start_now (after the first screen
        is painted: starting an engine and rendering the warning signs takes longer than
        Textual takes to draw the first screen)."""
        self._red_flags_later = red_flag_sentences

    def start_now(self) -> None:
        """Start the backend asked for by start_later, if it has not started yet."""
        later, self._red_flags_later = getattr(self, "_red_flags_later", None), None
        if later is not None and self.speaker is None:
            self.start(later())

    def start(self, red_flag_sentences: list[str]) -> None:
        """Create the backend (never raises) and render the warning signs ahead of time."""
        self._red_flags_later = None
        from tui.speech import create_speaker
        factory = self._factory or create_speaker
        s = self.settings
        kind = self._kind or s.speech
        try:
            self.speaker = factory(kind, on_event=lambda ev: self._post(SpeechEvent(ev)),
                                   player=s.player or None, rate=s.rate, volume=s.volume,
                                   voice=s.voice or None)
        except Exception as exc:  # a broken backend must never take the reader down
            from tui.speech.silent import SilentSpeaker
            self.speaker = SilentSpeaker(on_event=lambda ev: None)
            self.failure = f"Speech is off: {exc}"
        self.prepare_red_flags(red_flag_sentences)

    def prepare_red_flags(self, sentences: list[str]) -> None:
        self._red_flag_sentences = sentences
        if self.available:
            self._safely(self.speaker.prepare, RED_FLAGS_KEY, sentences)

    @property
    def available(self) -> bool:
        return bool(self.speaker and self.speaker.available and not self.failure)

    def unavailable_notice(self) -> str | None:
        self.start_now()
        if self.available:
            return None
        return self.failure or (self.speaker and self.speaker.notice) or "Speech is off."

    def _safely(self, call, *args) -> bool:
        try:
            call(*args)
            return True
        except Exception as exc:
            self.failure = f"Speech is off: {exc}"
            return False

    # -- what screens ask for --
    def read(self, sentences: list[str], utterance_id: str) -> str | None:
        """Speak because the user asked. Returns a notice when speech cannot happen."""
        self.start_now()
        if not self.available:
            self._probe()
            if self._back_at_once():
                return None  # "Speech is back." is said as its event comes; r again reads
            return self.unavailable_notice()
        self.current, self.priority = utterance_id, READ
        self._safely(self.speaker.speak, list(sentences), utterance_id, READ)
        return None

    def _probe(self) -> None:
        """Speech is off: a backend that can come back (the audio device returned) checks now."""
        probe = getattr(self.speaker, "probe", None)
        if probe is not None:
            self._safely(probe)

    def _back_at_once(self) -> bool:
        """The probe brought speech back before returning (speech-dispatcher reconnects at
        once): the warning signs must not wait for a second key press. Their reading says that
        speech works; "Speech is back" is still shown when its event comes."""
        if self.speaker is not None and self.speaker.available and self.failure:
            self.failure = None
            return True
        return False

    def announce(self, text: str) -> None:
        """Self-voicing: say a title, a move or a message, only when the user turned it on."""
        if self.self_voicing:
            self._announce(text)

    def feedback(self, text: str) -> bool:
        """Say a short answer to a key (a new rate, a theme) unless something that matters more
        is being said. False when not spoken (the caller shows it on screen anyway)."""
        return self._announce([text])

    def _announce(self, text: str | list[str]) -> bool:
        self.start_now()
        if not self.available or (self.current and self.priority in (ALERT, READ)):
            return False
        self.current, self.priority = "announce", ANNOUNCE
        return self._safely(self.speaker.speak, text, "announce", ANNOUNCE)

    def red_flags(self) -> str | None:
        """Stop whatever is said and read the warning signs from the top, whatever the settings."""
        self.start_now()
        if not self.available:
            self._probe()
            if not self._back_at_once():
                return self.unavailable_notice()
        self.current, self.priority = RED_FLAGS_KEY, ALERT
        self._safely(self.speaker.stop)
        self._safely(self.speaker.speak_prepared, RED_FLAGS_KEY, RED_FLAGS_KEY, ALERT)
        return None

    def stop(self) -> None:
        self.current = None
        if self.speaker is not None:
            self._safely(self.speaker.stop)

    def stop_if_speaking(self) -> bool:
        """Stop and say so if something was being read (Escape stops first, goes back second)."""
        if self.current and self.current != "announce":
            self.stop()
            return True
        return False

    def toggle_pause(self) -> bool | None:
        """Pause or resume; returns the new paused state, None when nothing is being said."""
        if not self.available or not self.current:
            return None
        if self.speaker.paused:
            self._safely(self.speaker.resume)
            return False
        self._safely(self.speaker.pause)
        return True

    def apply(self, settings: Settings) -> None:
        """Send changed voice settings to the backend (it re-renders the prepared warning signs)."""
        old, self.settings = self.settings, settings
        self.self_voicing = settings.self_voicing
        if not self.speaker:
            return
        if settings.rate != old.rate:
            self._safely(self.speaker.set_rate, max(RATE_RANGE[0], min(RATE_RANGE[1], settings.rate)))
        if settings.volume != old.volume:
            self._safely(self.speaker.set_volume, settings.volume)
        if settings.voice != old.voice and settings.voice:
            self._safely(self.speaker.set_voice, settings.voice)

    def on_event(self, event) -> None:
        from tui.speech.events import SpeechFailed, SpeechRecovered, UtteranceFinished
        if isinstance(event, UtteranceFinished) and event.utterance_id == self.current:
            self.current = None
        elif isinstance(event, SpeechFailed):
            self.current = None
            self.failure = event.reason
        elif isinstance(event, SpeechRecovered):
            self.failure = None
            self._announce([event.reason])  # a blind user hears that speech works again

    def close(self) -> None:
        if self.speaker is not None:
            self._safely(self.speaker.close)

"""The one voice of every front end: between what a screen (or plain mode) wants said and a
speech backend. Knows nothing of Textual.

Front ends ask it to `read` (the user asked for it), to `announce` (self-voicing: only when
that is on), to read the `red_flags`, or to `stop`. Who may cut off whom is a `Priority`:
ALERT (the warning signs) > READ > ANNOUNCE. A higher or equal one cuts off what is said; an
announcement never cuts off a reading or the warning signs (it is on screen anyway), so `]` or a
theme change while reading leaves the reading going.

It owns the map from a reading's sentences to the places they came from (a section's
(paragraph, sentence)), and tells only the owner of a reading where the voice is, through the
`follow` callback given with it: `follow(place)` as each sentence starts, `follow(None, stopped)`
when the reading ends. Backend events arrive on speech threads: `notify` (given by the front end)
must hand them to the front end's own thread, which passes them back to `on_event`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable, Sequence

from tui.core.settings import RATE_RANGE, Settings
from tui.speech.speaker import Priority

RED_FLAGS_KEY = "red-flags"

Follow = Callable[..., None]  # follow(place) while speaking; follow(None, stopped=...) at the end


@dataclass
class _Reading:
    priority: Priority
    follow: Follow | None = None
    places: Sequence | None = None  # what each sentence is, for its owner (default: its index)


class Narrator:
    def __init__(self, notify: Callable[[object], None], settings: Settings,
                 speaker_factory: Callable | None = None, kind: str | None = None) -> None:
        self._notify = notify
        self.settings = settings
        self.self_voicing = settings.self_voicing
        self._factory = speaker_factory
        self._kind = kind  # overrides settings.speech for this run (--no-speech)
        self._speaker = None
        self._early: threading.Thread | None = None  # start_early's, until it has been joined
        self._go = threading.Event()  # start_early's thread may go on from the player to the rest
        self.current: str | None = None  # utterance being spoken, if any
        self._readings: dict[str, _Reading] = {}  # utterances still going, by id
        self.failure: str | None = None  # notice once speech failed at run time
        self._red_flag_sentences: list[str] = []

    # -- the backend --
    @property
    def speaker(self):
        """The backend (None before it is started). Lets start_early's thread go on and waits
        for it, if it has not created it yet (a few ms: its slow parts are its own threads')."""
        early = self._early
        if early is not None and early is not threading.current_thread():
            self._go.set()
            early.join()
            self._early = None
        return self._speaker

    @speaker.setter
    def speaker(self, value) -> None:
        self._speaker = value

    def start_later(self, red_flag_sentences: Callable[[], list[str]]) -> None:
        """Start speech on first need, or when the app calls start_now (after the first screen
        is painted: starting an engine and rendering the warning signs takes longer than
        Textual takes to draw the first screen)."""
        self._red_flags_later = red_flag_sentences

    def start_early(self, red_flag_sentences: Callable[[], list[str]]) -> None:
        """Start the audio player now, on a thread of its own, while the first screen is
        drawn: it connects to the sound server meanwhile (~15-35 ms), so a 0 pressed as that
        screen shows is heard at once. The rest waits until the backend is first needed (the
        app's start_backend, once the screen is up, or a key): the backend's own start (~10 ms
        of Python: its modules, the cached warning signs) beside the first screen slowed it
        by as much. Its engine (the pyttsx3 worker) waits for start_engine."""
        if not self.wanted:  # nothing to get ready: no thread competing with the first screen
            self.start_later(red_flag_sentences)
            return
        self._red_flags_later = None
        self._early = threading.Thread(target=self._start_deferred, args=(red_flag_sentences,),
                                       name="speech-start", daemon=True)
        self._early.start()

    def _start_deferred(self, red_flag_sentences: Callable[[], list[str]]) -> None:
        try:
            warm = self._player_ahead()
            self._go.wait()
            self.start(red_flag_sentences(), defer_engine=True, warm=warm)
        except Exception as exc:  # start() never raises; the script might: speech off, app up
            self.failure = f"Speech is off: {exc}"

    def _player_ahead(self):
        """The player the pyttsx3 backend would keep started (player.WarmPlayer: the sound
        server's own, chosen automatically), started now; None when there is none."""
        if (self._kind or self.settings.speech) not in ("auto", "pyttsx3"):
            return None
        from tui.speech.player import WarmPlayer, player_command
        if not WarmPlayer.usable(player_command(self.settings.player or None)):
            return None
        warm = WarmPlayer()
        warm.warm_up()
        return warm

    def start_now(self) -> None:
        """Start the backend asked for by start_later, if it has not started yet."""
        later, self._red_flags_later = getattr(self, "_red_flags_later", None), None
        if later is not None and self.speaker is None:
            self.start(later())

    def start_backend(self) -> None:
        """The first screen is up: make the backend now (start_early's rest, or start_later's),
        so that a key soon after does not wait for it; its engine waits for start_engine."""
        self.start_now()
        self.speaker  # noqa: B018 (lets start_early's thread go on, and waits for it)

    def start_engine(self) -> None:
        """The first screen is up: start speech if it has not started, and the engine that
        start_early left for now (not on a 0 before then: the cached warning signs play
        without it, and its start would only compete with them)."""
        self.start_now()
        speaker = self.speaker
        if speaker is not None and hasattr(speaker, "start_engine"):
            self._safely(speaker.start_engine)

    def start(self, red_flag_sentences: list[str], defer_engine: bool = False,
              warm=None) -> None:
        """Create the backend (never raises) and render the warning signs ahead of time
        (`defer_engine`: rendering ahead and the engine wait for start_engine, or for the first
        reading that needs them; cached audio does not). `warm`: a player started ahead."""
        self._red_flags_later = None
        from tui.speech import create_speaker
        factory = self._factory or create_speaker
        s = self.settings
        options = {"defer_engine": True} if defer_engine else {}
        if warm is not None:
            options["warm"] = warm
        try:
            self.speaker = factory(kind=self._kind or s.speech, on_event=self._notify,
                                   player=s.player or None, rate=s.rate, volume=s.volume,
                                   voice=s.voice or None, **options)
        except Exception as exc:  # a broken backend must never take the reader down
            from tui.speech.silent import SilentSpeaker
            self.speaker = SilentSpeaker(on_event=lambda ev: None)
            self.failure = f"Speech is off: {exc}"
        if warm is not None and getattr(self._speaker, "warm_player", None) is not warm:
            warm.close()  # another backend was chosen (speech-dispatcher): not needed
        self.prepare_red_flags(red_flag_sentences)

    def restart(self, settings: Settings) -> None:
        """A fresh backend with these settings (a backend cannot be told 'your default voice')."""
        self.close()
        self.settings, self.self_voicing = settings, settings.self_voicing
        self.speaker, self.current, self.failure = None, None, None
        self._readings.clear()
        self.start(self._red_flag_sentences)

    def prepare_red_flags(self, sentences: list[str]) -> None:
        self._red_flag_sentences = sentences
        if self.available:
            self._safely(self.speaker.prepare, RED_FLAGS_KEY, sentences)

    @property
    def available(self) -> bool:
        return bool(self.speaker and self.speaker.available and not self.failure)

    @property
    def wanted(self) -> bool:
        """Speech was asked for (not --no-speech, not speech 'none' in the settings)."""
        return (self._kind or self.settings.speech) != "none"

    def unavailable_notice(self) -> str | None:
        self.start_now()
        if self.available:
            return None
        return self.failure or (self.speaker and self.speaker.notice) or "Speech is off."

    def startup_notice(self) -> str | None:
        """What to tell the user at start: speech was wanted but cannot be heard."""
        troubled = self.failure or (self.speaker and self.speaker.notice)
        return self.unavailable_notice() if self.wanted and troubled else None

    def _safely(self, call, *args) -> bool:
        try:
            call(*args)
            return True
        except Exception as exc:
            self.failure = f"Speech is off: {exc}"
            return False

    # -- what front ends ask for --
    @property
    def priority(self) -> Priority | None:
        reading = self._readings.get(self.current) if self.current else None
        return reading.priority if reading else None

    @property
    def reading(self) -> bool:
        """Something the user asked to hear (or the warning signs) is being said."""
        return self.priority in (Priority.ALERT, Priority.READ)

    def _begin(self, utterance_id: str, priority: Priority, follow: Follow | None = None,
               places: Sequence | None = None) -> None:
        self._end_all(stopped=True)  # the backend cuts the last utterance off; so do its marks
        self.current = utterance_id
        self._readings[utterance_id] = _Reading(priority, follow, places)

    def _unavailable(self) -> str | None:
        """None when speech can be heard; else the notice, after a backend that can come back
        (the audio device returned) had a chance to check."""
        self.start_now()
        if self.available:
            return None
        probe = getattr(self.speaker, "probe", None)
        if probe is not None:
            self._safely(probe)
        if self.speaker is not None and self.speaker.available and self.failure:
            # The probe brought speech back before returning (speech-dispatcher reconnects at
            # once): what was asked for is said now; "Speech is back" is shown as its event comes.
            self.failure = None
            return None
        return self.unavailable_notice()

    def read(self, sentences: list[str], utterance_id: str, follow: Follow | None = None,
             places: Sequence | None = None) -> str | None:
        """Speak because the user asked. Returns a notice when speech cannot happen."""
        if notice := self._unavailable():
            return notice
        self._begin(utterance_id, Priority.READ, follow, places)
        self._safely(self.speaker.speak, list(sentences), utterance_id, Priority.READ)
        return None

    def alert(self, sentences: list[str], utterance_id: str) -> str | None:
        """Speak something that must be heard now (the kiosk's 'are you still there?')."""
        if notice := self._unavailable():
            return notice
        self._begin(utterance_id, Priority.ALERT)
        self._safely(self.speaker.speak, list(sentences), utterance_id, Priority.ALERT)
        return None

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
        if not self.available or not Priority.ANNOUNCE.outranks(self.priority):
            return False
        self._begin("announce", Priority.ANNOUNCE)
        return self._safely(self.speaker.speak, text, "announce", Priority.ANNOUNCE)

    def red_flags(self, follow: Follow | None = None) -> str | None:
        """Stop whatever is said and read the warning signs from the top, whatever the settings."""
        if notice := self._unavailable():
            return notice
        self._begin(RED_FLAGS_KEY, Priority.ALERT, follow)
        self._safely(self.speaker.stop)
        self._safely(self.speaker.speak_prepared, RED_FLAGS_KEY, RED_FLAGS_KEY, Priority.ALERT)
        return None

    def stop(self) -> None:
        self._end_all(stopped=True)
        if self.speaker is not None:
            self._safely(self.speaker.stop)

    def stop_if_speaking(self) -> bool:
        """Stop and say so if something was being read (Escape stops first, goes back second)."""
        if self.current and self.priority is not Priority.ANNOUNCE:
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

    # -- what the backend reports (on the front end's thread) --
    def on_event(self, event) -> None:
        # Imported here: the events (six dataclasses) load with speech, after the first screen.
        from tui.speech.events import SentenceStarted, SpeechFailed, SpeechRecovered, UtteranceFinished
        utterance = getattr(event, "utterance_id", None)
        reading = self._readings.get(utterance) if utterance is not None else None
        if isinstance(event, SentenceStarted) and reading and reading.follow:
            places = reading.places
            if places is None or event.index < len(places):
                reading.follow(event.index if places is None else places[event.index])
        elif isinstance(event, UtteranceFinished):
            self._end(utterance, event.stopped)
        elif isinstance(event, SpeechFailed):
            self._end_all(stopped=True)
            self.failure = event.reason
        elif isinstance(event, SpeechRecovered):
            self.failure = None
            self._announce([event.reason])  # a blind user hears that speech works again

    def _end(self, utterance: str | None, stopped: bool) -> None:
        reading = self._readings.pop(utterance, None) if utterance is not None else None
        if utterance == self.current:
            self.current = None
        if reading and reading.follow:
            reading.follow(None, stopped=stopped)

    def _end_all(self, stopped: bool) -> None:
        for utterance in list(self._readings):
            self._end(utterance, stopped)

    def close(self) -> None:
        if self.speaker is not None:
            self._safely(self.speaker.close)

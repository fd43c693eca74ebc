"""Line mode's speech: the reader's narrator, started on the first `r`, so the same priorities
hold (the warning signs cut off any reading). Speech failures become one printed line."""

from __future__ import annotations

import threading
import time
from typing import Callable

from tui.core import script
from tui.core.model import Guide

# How long `r` waits to learn whether the sound device works, so it never claims to be reading
# aloud when nothing can be heard (a missing sound card fails as the first sentence starts).
FIRST_SOUND_WAIT = 8.0
FAILURE_GRACE = 1.0


class PlainVoice:
    def __init__(self, guide: Guide, say: Callable[[str], None], ring: Callable[[], None],
                 kind: str | None = None, speaker_factory: Callable | None = None) -> None:
        self.guide, self.say, self.ring = guide, say, ring
        self.kind = kind  # None or "auto": pick an engine; "none": never speak
        self.speaker_factory = speaker_factory
        self.narrator = None
        # Where a stopped reading goes on, like a DAISY player: (what was read, sentence index).
        self.resume_at: tuple | None = None
        self._news = threading.Condition()
        self._heard: set[str] = set()
        self._waiting = False  # `r` is waiting for the first sound: it reports a failure itself
        self._utterances = 0

    def read(self, what, sentences: list[str]) -> None:
        """Read `what` (a section index, or the warning signs when `sentences` are theirs)."""
        if self.kind == "none":
            self.say("Speech is turned off. Your screen reader can read the text.")
            return
        narrator = self._narrator()
        if narrator is None:
            return
        flags = not isinstance(what, int)
        at = self.resume_at
        start = at[1] if not flags and at and at[0] == what and 0 < at[1] < len(sentences) else 0
        self._waiting = True  # until the first sound: this command reports a failure itself
        try:
            if flags:
                from tui.speech.narrator import RED_FLAGS_KEY as utterance
                notice = narrator.red_flags()
            else:
                self._utterances += 1
                utterance = f"plain-{self._utterances}"
                notice = narrator.read(sentences[start:], utterance, follow=self._follow(what),
                                       places=range(start, len(sentences)))
            verdict = notice or self._wait_for_sound(utterance)
        finally:
            self._waiting = False
        if verdict:
            self._unavailable(verdict)
        else:
            self.say("Reading aloud from where it stopped. s to stop." if start
                     else "Reading aloud. s to stop.")

    def _follow(self, section: int):
        def follow(sentence: int | None, stopped: bool = False) -> None:
            if sentence is not None:
                self.resume_at = (section, sentence)
            elif not stopped:
                self.resume_at = None  # read to the end: the next r starts at the top
        return follow

    def red_flags(self) -> None:
        """The warning signs are on screen: if speech is on, they cut in at once."""
        if self.narrator is not None and (notice := self.narrator.red_flags()):
            self._unavailable(notice)

    def _wait_for_sound(self, utterance: str) -> str | None:
        """Wait (briefly) until the first sentence is playing, so a missing sound card is
        reported instead of "Reading aloud". Returns the failure, or None."""
        narrator, deadline = self.narrator, time.monotonic() + FIRST_SOUND_WAIT
        with self._news:
            while utterance not in self._heard and narrator.available:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None  # a slow engine: go on; a later failure is said when it happens
                self._news.wait(left)
            if narrator.available:  # playing: a player that cannot open the device ends now
                self._news.wait_for(lambda: not narrator.available, FAILURE_GRACE)
        return None if narrator.available else narrator.unavailable_notice()

    def _unavailable(self, notice: str) -> None:
        reason = " ".join(str(notice).split())
        for lead in ("Speech is off:", "Speech is off.", "Speech is not available:"):
            if reason.startswith(lead):
                reason = reason[len(lead):].strip()
        said = ("Speech is not available: " + reason) if reason else "Speech is not available."
        self.ring()
        self.say(said + ("" if said.endswith(".") else ".") + " Your screen reader can read the text.")

    def _on_event(self, event) -> None:
        """From the speech thread: note what was heard; a failure later on is said at once."""
        from tui.speech.events import SentenceStarted, SpeechFailed
        self.narrator.on_event(event)
        with self._news:
            if isinstance(event, SentenceStarted):
                self._heard.add(event.utterance_id)
            self._news.notify_all()
            late = isinstance(event, SpeechFailed) and not self._waiting
        if late:  # speech broke while reading: say so now, not at the next command
            self._unavailable(event.reason)

    def _narrator(self):
        if self.narrator is None:
            from tui.core.settings import load_settings
            from tui.speech.narrator import Narrator
            kind = self.kind or "auto"
            settings = load_settings()[0].changed(speech=kind)
            self.narrator = Narrator(self._on_event, settings, self.speaker_factory, kind)
            self.narrator.start(script.red_flags(self.guide.red_flags))
        if not self.narrator.available:
            self._unavailable(self.narrator.unavailable_notice() or "")
            return None
        return self.narrator

    def stop(self) -> None:
        if self.narrator is not None and self.narrator.available:
            self.narrator.stop()
            self.say("Stopped reading.")
        else:
            self.say("Nothing is being read aloud.")

    def close(self) -> None:
        if self.narrator is not None:
            self.narrator.close()

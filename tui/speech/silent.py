"""A speaker that makes no sound: the fallback when no engine works, and a test double that
records what it was asked (`.log`) and, with simulate=True, answers with instant events."""

from __future__ import annotations

from tui.speech.events import SentenceStarted, UtteranceFinished, UtteranceStarted
from tui.speech.speaker import Speaker, Voice, as_sentences


class SilentSpeaker(Speaker):
    name = "none"

    def __init__(self, on_event=lambda event: None, notice: str | None = None,
                 available: bool = False, simulate: bool = False, **_ignored) -> None:
        super().__init__(on_event)
        self.available = available
        self.notice = notice
        self.simulate = simulate
        self.log: list[tuple] = []
        self.prepared: dict[str, list[str]] = {}
        self._paused = False

    def _simulate(self, sentences: list[str], utterance_id: str) -> None:
        if self.simulate:
            self._emit(UtteranceStarted(utterance_id))
            for index, sentence in enumerate(sentences):
                if sentence.strip():
                    self._emit(SentenceStarted(utterance_id, index, sentence))
            self._emit(UtteranceFinished(utterance_id, False))

    def speak(self, text, utterance_id: str, priority: str = "read") -> None:
        self.log.append(("speak", text, utterance_id))
        self._simulate(as_sentences(text), utterance_id)

    def prepare(self, key: str, text) -> None:
        self.log.append(("prepare", key))
        self.prepared[key] = as_sentences(text)

    def speak_prepared(self, key: str, utterance_id: str, priority: str = "alert") -> None:
        self.log.append(("speak_prepared", key, utterance_id))
        self._simulate(self.prepared.get(key, []), utterance_id)

    def stop(self) -> None:
        self.log.append(("stop",))

    def pause(self) -> None:
        self._paused = True
        self.log.append(("pause",))

    def resume(self) -> None:
        self._paused = False
        self.log.append(("resume",))

    @property
    def paused(self) -> bool:
        return self._paused

    def set_rate(self, wpm: int) -> None:
        self.log.append(("rate", wpm))

    def set_volume(self, volume: float) -> None:
        self.log.append(("volume", volume))

    def set_voice(self, voice_id) -> None:
        self.log.append(("voice", voice_id))

    def voices(self) -> list[Voice]:
        return []

    def close(self) -> None:
        self.log.append(("close",))

    def calls(self, name: str) -> list[tuple]:
        return [entry for entry in self.log if entry[0] == name]

"""Voice in Settings: the engine's own voices, cut to the user's language, stepped with
Right/Left, each said in its own voice (the voice is set before its name is spoken), remembered."""

from __future__ import annotations

import json

from tui.core.settings import Settings
from tui.speech.speaker import Voice
from tui.speech.voices import MAX_CHOICES, user_language, voice_choices
from tui.ui.screens.settings import ROWS

ENGLISH = [Voice("gmw/en", "English (Great Britain)", "en-gb"),
           Voice("gmw/en-us", "English (America)", "en-us")]
OTHERS = [Voice("roa/es", "Spanish (Spain)", "es"), Voice("gmw/de", "German", "de")]
# speech-dispatcher + espeak-ng: every language times every variant, ~13,000 lines
VARIANTS = [Voice(f"{lang}+variant{n}", f"{lang}+variant{n}", lang)
            for lang in ("en", "es", "de", "fr", "it") * 26 for n in range(100)]
NAMES = {v.id: v.name for v in ENGLISH + OTHERS + VARIANTS}


def test_the_user_language_comes_from_the_locale(monkeypatch):
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    assert user_language() == "es"


def test_thirteen_thousand_voices_become_a_short_list_in_the_users_language():
    voices = OTHERS + VARIANTS + ENGLISH
    assert len(voices) > 13000
    chosen = voice_choices(voices, "en")
    assert chosen[:2] == ENGLISH  # plain voices before variants
    assert len(chosen) <= MAX_CHOICES
    assert all(v.language.startswith("en") for v in chosen)
    assert voice_choices(voices, "en", keep="roa/es")[-1].id == "roa/es"  # the chosen one stays


async def test_voice_row_steps_through_the_engines_voices_in_each_voice(make_app, monkeypatch,
                                                                        private_config):
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    app = make_app(Settings())
    async with app.run_test(size=(100, 36)) as pilot:
        speaker = app.speaker_double()
        speaker.voices = lambda: OTHERS + ENGLISH + VARIANTS[:300]
        await pilot.press("o")
        await pilot.pause()
        await pilot.press(*["down"] * ROWS.index("voice"))
        heard = []
        for _ in range(MAX_CHOICES + 2):
            await pilot.press("right")
            await pilot.pause()
            heard.append(app.settings.voice)
            name = NAMES.get(app.settings.voice, "Default voice")
            said = ("speak", [f"Voice: {name}"], "announce")
            assert said in speaker.log
            if app.settings.voice:  # the voice is set before its name is said: heard in itself
                assert speaker.log.index(("voice", app.settings.voice)) < \
                    len(speaker.log) - 1 - speaker.log[::-1].index(said)
        assert heard[:2] == ["gmw/en", "gmw/en-us"]
        assert "roa/es" not in heard and "gmw/de" not in heard
        assert "" in heard  # it wraps round to the default voice
        await pilot.press("left")
        await pilot.pause()
        saved = json.loads((private_config / "settings.json").read_text())
        assert saved["voice"] == app.settings.voice

"""Speech for bone-guide. The app only needs `create_speaker`; see speaker.Speaker for the API.

Nothing here imports Textual: backends call `on_event` from their own threads and the app
turns events into messages itself.
"""

from __future__ import annotations

import os
from typing import Callable

from tui.speech.speaker import RATE_DEFAULT, Speaker, Voice

__all__ = ["create_speaker", "engine_present", "Speaker", "Voice"]

_ESPEAK_LIBS = ("libespeak-ng.so.1", "libespeak.so.1", "/usr/local/lib/libespeak-ng.so.1",
                "/opt/homebrew/lib/libespeak-ng.1.dylib", "/usr/local/lib/libespeak-ng.1.dylib")


def _espeak_on_disk() -> bool:
    """libespeak-ng in a folder the dynamic linker searches (the usual case, found without
    loading it: loading took ~12 ms of the app's thread as the first screen shows, and memory,
    for a library only the speech worker uses)."""
    import sysconfig
    folders = [f for f in os.environ.get("LD_LIBRARY_PATH", "").split(os.pathsep) if f]
    multiarch = sysconfig.get_config_var("MULTIARCH")
    for base in ("/usr/lib", "/lib", "/usr/lib64", "/usr/local/lib"):
        folders += [f"{base}/{multiarch}", base] if multiarch else [base]
    return any(os.path.isfile(os.path.join(folder, name)) for folder in folders
               for name in ("libespeak-ng.so.1", "libespeak.so.1"))


def engine_present() -> bool:
    """Cheap check (no engine start) that pyttsx3 and libespeak-ng can be loaded."""
    import importlib.util
    if importlib.util.find_spec("pyttsx3") is None:
        return False
    if _espeak_on_disk():
        return True
    import ctypes
    for name in _ESPEAK_LIBS:
        try:
            ctypes.CDLL(name)
            return True
        except OSError:
            continue
    return False


def create_speaker(kind: str = "auto", on_event: Callable[[object], None] = lambda e: None,
                   player: str | None = None, rate: int = RATE_DEFAULT, volume: float = 1.0,
                   voice: str | None = None, **options) -> Speaker:
    """A speaker of the wanted kind, or a SilentSpeaker with a notice. Fast; never raises."""
    from tui.speech.events import NO_ENGINE  # events load with speech, after the first screen
    from tui.speech.silent import SilentSpeaker
    try:
        kind = (kind or "auto").lower()
        if kind == "none":
            return SilentSpeaker(on_event, notice="Speech is off.")
        if kind == "auto":
            # A running speech-dispatcher means the user has a screen reader's voice set up:
            # speaking through it keeps their own voice, rate and volume.
            from tui.speech.speechd_backend import SpeechdSpeaker
            if SpeechdSpeaker.available_here():
                return SpeechdSpeaker(on_event, rate=rate, volume=volume, voice=voice,
                                      player=player)
        if kind == "speechd":
            from tui.speech.speechd_backend import SpeechdSpeaker
            if not SpeechdSpeaker.available_here():
                return SilentSpeaker(on_event, notice="Speech is off: speech-dispatcher is not running")
            return SpeechdSpeaker(on_event, rate=rate, volume=volume, voice=voice,
                                      player=player)
        if kind not in ("auto", "pyttsx3"):
            return SilentSpeaker(on_event, notice=f"Speech is off: unknown speech engine '{kind}'")
        if not options.get("engine_module") and not engine_present():
            return SilentSpeaker(on_event, notice=NO_ENGINE)
        from tui.speech.pyttsx3_backend import Pyttsx3Speaker
        return Pyttsx3Speaker(on_event, player=player, rate=rate, volume=volume, voice=voice,
                              **options)
    except Exception as exc:  # a broken backend must never take the reader down
        reason = " ".join(str(exc).split()) or type(exc).__name__
        return SilentSpeaker(on_event, notice=f"Speech is off: {reason}")

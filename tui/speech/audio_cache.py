"""The warning signs' audio, kept between starts, so a `0` pressed the moment the first screen
shows is heard at once: rendering them first needs the speech worker, whose start (pyttsx3 and
espeak-ng loading) takes ~0.3-0.5 s.

Each sentence's WAV is an entry in the cache folder (tui.cache), named by a hash of all that
decides how it sounds: the words, the rate, volume and voice, and the engine (the pyttsx3 module
and espeak-ng's version, as the worker reports them). The engine's name is remembered from its
last start so that entries can be found before the worker is up; once it is up, entries made by
another engine are rendered again. A WAV is checked before it is played (a regular file, a WAVE
header, all its frames there); anything else counts as missing and is rendered again.
"""

from __future__ import annotations

import hashlib
import os
import stat
import wave

from tui.cache import MAX_ENTRY_BYTES, cache_dir, read_entry, write_entry

FORMAT = "1"
ENGINE_ENTRY = "speech-engine.txt"
PREFIX = "speech-"
CUED = PREFIX + "cue-"  # the tone, then a cached sentence (the warning signs' first)
KEEP = 300  # WAV entries (~30 settings' worth of warning signs); the oldest go first


def remembered_engine() -> str:
    """The engine of the last worker that started, or "" (then no entry is trusted)."""
    data = read_entry(ENGINE_ENTRY)
    return data.decode("utf-8", "replace").strip() if data and len(data) < 500 else ""


def remember_engine(engine: str) -> None:
    write_entry(ENGINE_ENTRY, engine.encode("utf-8"))


def _stem(text: str, settings: tuple, engine: str) -> str:
    rate, volume, voice = settings
    key = "\0".join((FORMAT, engine, str(rate), repr(volume), voice or "", text))
    return PREFIX + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:40]


def lookup(sentences: list[str], settings: tuple, engine: str) -> list[str] | None:
    """A checked cached WAV for every sentence ("" for a blank one, as the backend has it),
    or None if any is missing or bad."""
    if not engine:
        return None
    folder = cache_dir()
    found = []
    for text in sentences:
        if not text.strip():
            found.append("")
            continue
        path = str(folder / (_stem(text, settings, engine) + ".wav"))
        if not sound(path):
            return None
        found.append(path)
    return found


def store(text: str, settings: tuple, engine: str, wav: str) -> None:
    """Keep a rendered WAV, with its text beside it as the worker writes it. Never raises."""
    if not engine or not text.strip() or not sound(wav):
        return
    stem = _stem(text, settings, engine)
    try:
        with open(wav, "rb") as f:
            data = f.read()
    except OSError:
        return
    write_entry(stem + ".txt", text.encode("utf-8", "surrogatepass"))
    write_entry(stem + ".wav", data)


def holds(wav: str) -> bool:
    """`wav` is one of the cache's own entries."""
    return os.path.dirname(os.path.abspath(wav)) == os.path.abspath(cache_dir())


def cued(wav: str) -> str | None:
    """The warning-sign tone followed by cached `wav`, kept beside it, so that it is not made
    again at every start, as Textual draws the first screen (making the tone takes a few ms);
    a damaged one is made again. None when it cannot be made or kept."""
    name = CUED + os.path.basename(wav).removeprefix(PREFIX)
    path = str(cache_dir() / name)
    if sound(path):
        return path
    from tui.speech import cue
    try:
        data, label = cue.cued_wav(wav)
    except (OSError, EOFError, ValueError, wave.Error):
        return None
    if write_entry(name[:-4] + ".txt", label.encode("utf-8", "surrogatepass")) \
            and write_entry(name, data):
        return path
    return None


def prune(keep: int = KEEP) -> None:
    """Remove the oldest WAV entries beyond `keep` (each rate or voice tried adds a set)."""
    try:
        entries = [e for e in os.scandir(cache_dir())
                   if e.name.startswith(PREFIX) and e.name.endswith(".wav")]
        entries.sort(key=lambda e: e.stat().st_mtime, reverse=True)
        for entry in entries[keep:]:
            remove(entry.path)
    except OSError:
        pass


def remove(wav: str) -> None:
    """Remove a WAV and the text beside it, whichever of them is there."""
    for path in (wav, os.path.splitext(wav)[0] + ".txt"):
        try:
            os.remove(path)
        except OSError:
            pass


def sound(path: str) -> bool:
    """A regular file holding a WAVE header and every frame it announces."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or not 44 < info.st_size <= MAX_ENTRY_BYTES:
            return False
        with wave.open(path) as w:
            frames, frame_bytes = w.getnframes(), w.getsampwidth() * w.getnchannels()
            return frames > 0 and w.getframerate() > 0 and 44 + frames * frame_bytes <= info.st_size
    except (OSError, EOFError, ValueError, wave.Error):
        return False

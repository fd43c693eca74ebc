"""The warning-sign cue: a short tone before the warning signs are read, so someone who is not
looking knows at once that what follows matters.

Made once with the stdlib `wave` module in the speech temp folder. The pyttsx3 backend puts the
tone at the head of the first sentence's own WAV (one player start, so the first word follows the
tone by CUE_GAP, not by a second player's start-up).

On speech-dispatcher the tone is played by our own player at once while the daemon gets the
message with a break as long as the tone after its first mark (speechd_backend.py). The daemon's
own ways were tried: an SSML <audio> is played, but the first word came ~0.7 s after it; SSIP
SOUND_ICON plays only files from the module's own folder (espeak-ng: EspeakSoundIconFolder, the
optional sound-icons package), where we cannot put our tone.
"""

from __future__ import annotations

import io
import math
import os
import wave

CUE_HZ = 880
CUE_SECONDS = 0.12
CUE_GAP = 0.03      # silence between the tone and the first word
CUE_LEVEL = 0.4     # of full scale: clear, not startling next to espeak's speech
FADE = 0.01         # seconds of fade in and out: no click at either end
CUE_LABEL = "(tone)"  # written beside cue WAVs, so a test player can say what it played


def tone_frames(rate: int, channels: int = 1, sampwidth: int = 2, gap: float = CUE_GAP) -> bytes:
    """The tone and `gap` seconds of silence after it, as raw frames in the given format
    (16-bit signed)."""
    if sampwidth != 2:
        raise ValueError("only 16-bit audio is supported")
    count, gap = int(rate * CUE_SECONDS), int(rate * gap)
    fade = max(1, int(rate * FADE))
    out = bytearray()
    for n in range(count):
        envelope = min(1.0, n / fade, (count - 1 - n) / fade)
        value = int(32767 * CUE_LEVEL * envelope * math.sin(2 * math.pi * CUE_HZ * n / rate))
        out += value.to_bytes(2, "little", signed=True) * channels
    out += b"\0\0" * channels * gap
    return bytes(out)


def write_tone(path: str, rate: int = 22050, gap: float = CUE_GAP) -> str:
    """The tone alone as a WAV file (once; later calls find it there). gap=0 when what follows
    starts only after the player has finished (speech-dispatcher): its start-up is gap enough."""
    if not os.path.exists(path):
        tmp = path + ".part"
        with wave.open(tmp, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(tone_frames(rate, gap=gap))
        os.replace(tmp, path)
    return path


def cued_wav(wav: str) -> tuple[bytes, str]:
    """The tone, then the audio of `wav`, as a whole WAV file in `wav`'s own format; and the
    label for its sidecar .txt (what a test player says it played)."""
    with wave.open(wav) as src:
        params = src.getparams()
        frames = src.readframes(src.getnframes())
    out = io.BytesIO()
    with wave.open(out, "wb") as dst:
        dst.setnchannels(params.nchannels)
        dst.setsampwidth(params.sampwidth)
        dst.setframerate(params.framerate)
        dst.writeframes(tone_frames(params.framerate, params.nchannels, params.sampwidth))
        dst.writeframes(frames)
    label = ""
    try:
        with open(os.path.splitext(wav)[0] + ".txt", encoding="utf-8") as f:
            label = f.read()
    except OSError:
        pass
    return out.getvalue(), f"{CUE_LABEL} {label}"


def with_cue(wav: str, out: str) -> str:
    """`out`: the tone, then the audio of `wav`, in `wav`'s own format. A sidecar .txt says so."""
    if not os.path.exists(out):
        data, label = cued_wav(wav)
        tmp = out + ".part"
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, out)
        with open(os.path.splitext(out)[0] + ".txt", "w", encoding="utf-8") as f:
            f.write(label)
    return out


def plays_cue(kind: str) -> bool:
    """Whether a backend plays the tone (the bench then also times the first word after it)."""
    return kind in ("pyttsx3", "speechd")

"""The guide as audio: one WAV per section (warning signs first), plus MP3 or OGG copies when an
encoder is installed, and an M3U playlist in reading order, for any music player.

Files: 00-warning-signs.wav, 01-<section-id>.wav, ...; <stem>.m3u lists the WAVs and, when
compressed copies were made, <stem>-mp3.m3u (or -ogg) lists those.
Speech comes from tui.speech.render.render_to_wav; this module only chooses what is said.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TextIO

from tui.atomic_file import new_file
from tui.export import ExportError
from tui.core.render import plainify
from tui.core import script
from tui.core.model import Guide, Section
from tui.core.script import section_sentences

ENDINGS = (".", "!", "?", ":", ";")


@dataclass(frozen=True)
class Track:
    name: str  # file name without extension, e.g. "01-what-is-it"
    title: str
    text: str


@dataclass
class AudioResult:
    wavs: list[Path] = field(default_factory=list)
    compressed: list[Path] = field(default_factory=list)
    compressed_format: str = ""
    playlist: Path | None = None
    playlists: list[Path] = field(default_factory=list)


def _sentence(text: str) -> str:
    text = plainify(text).strip()
    return text if text.endswith(ENDINGS) else text + "."


def section_speech(section: Section, number: int) -> str:
    return " ".join(_sentence(text) for text in [f"Section {number}", *section_sentences(section)])


def warning_speech(guide: Guide) -> str:
    return " ".join(_sentence(line) for line in script.red_flags(guide.red_flags) if line.strip())


def tracks(guide: Guide) -> list[Track]:
    out = [Track("00-warning-signs", plainify(guide.red_flags.heading), warning_speech(guide))]
    digits = max(2, len(str(len(guide.sections))))
    for number, section in enumerate(guide.sections, 1):
        out.append(Track(f"{number:0{digits}d}-{section.id}", plainify(section.title),
                         section_speech(section, number)))
    return out


# -- encoders -----------------------------------------------------------------------------------

def _sox_formats() -> set[str]:
    try:
        help_text = subprocess.run(["sox", "-h"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return set()
    for line in help_text.splitlines():
        if line.startswith("AUDIO FILE FORMATS:"):
            return set(line.split(":", 1)[1].split())
    return set()


def find_encoder() -> tuple[str, Callable[[Path, Path], list[str]]] | None:
    """The first usable encoder on PATH: (file extension, wav -> command line)."""
    if shutil.which("lame"):
        return "mp3", lambda src, dst: ["lame", "--quiet", "-V", "5", str(src), str(dst)]
    if shutil.which("oggenc"):
        return "ogg", lambda src, dst: ["oggenc", "--quiet", "-q", "3", "-o", str(dst), str(src)]
    if shutil.which("ffmpeg"):
        return "mp3", lambda src, dst: ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i",
                                        str(src), "-codec:a", "libmp3lame", "-q:a", "5", str(dst)]
    if shutil.which("sox"):
        formats = _sox_formats()
        if "mp3" in formats:
            return "mp3", lambda src, dst: ["sox", str(src), str(dst)]
        if "ogg" in formats or "vorbis" in formats:
            return "ogg", lambda src, dst: ["sox", str(src), str(dst)]
    return None


def _encode_into(command: Callable[[Path, Path], list[str]], wav: Path, dst: Path) -> bool:
    """Encode `wav` into `dst` through a temporary file, so a failed copy leaves nothing."""
    try:
        with new_file(dst) as part:
            subprocess.run(command(wav, part), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=300, check=True)
            if part.stat().st_size == 0:
                raise OSError("the encoder wrote nothing")
    except (OSError, subprocess.SubprocessError):
        return False
    return True


# -- progress -----------------------------------------------------------------------------------

class Progress:
    """A text bar on a terminal; one 'Writing N of M: title' line per step otherwise."""

    def __init__(self, total: int, stream: TextIO | None = None):
        self.total = total
        self.stream = stream or sys.stderr
        try:
            self.tty = self.stream.isatty()
        except (AttributeError, ValueError):
            self.tty = False
        self.width = 30

    def step(self, done: int, title: str) -> None:
        if self.tty:
            filled = self.width * (done - 1) // self.total
            bar = "#" * filled + "." * (self.width - filled)
            label = title if len(title) <= 30 else title[:27] + "..."
            self.stream.write(f"\r[{bar}] {done} of {self.total}: {label}\x1b[K")
        else:
            self.stream.write(f"Writing {done} of {self.total}: {title}\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.tty:
            self.stream.write(f"\r[{'#' * self.width}] {self.total} of {self.total}: done\x1b[K\n")
            self.stream.flush()


# -- export -------------------------------------------------------------------------------------

def write_playlist(path: Path, entries: list[tuple[Path, str]]) -> None:
    from tui.export import write_text_file
    from tui.speech.player import wav_seconds
    lines = ["#EXTM3U"]
    for file, title in entries:
        seconds = wav_seconds(str(file.with_suffix(".wav")))
        lines.append(f"#EXTINF:{max(1, round(seconds)) if seconds else -1},{title}")  # -1: unknown
        lines.append(file.name)
    write_text_file(path, "\n".join(lines) + "\n")


def _no_engine(exc: Exception) -> ExportError:
    return ExportError(" ".join(str(exc).split()) or "no speech engine")


def _probe(render: Callable, unavailable: type[Exception], rate: int | None) -> None:
    """Say one word into a throw-away file, so a missing engine is found before anything is written."""
    import tempfile
    with tempfile.TemporaryDirectory(prefix="bone-guide-probe-") as tmp:
        try:
            render("Ready.", Path(tmp) / "probe.wav", rate=rate)
        except unavailable as exc:
            raise _no_engine(exc) from None
        except OSError as exc:
            raise ExportError(f"the speech engine cannot write files: {exc.strerror or exc}") from None


def export_audio(guide: Guide, folder: Path, stem: str, rate: int | None = None,
                 render: Callable | None = None, progress_stream: TextIO | None = None
                 ) -> AudioResult:
    try:
        from tui.speech.render import SpeechUnavailable, render_to_wav
    except ImportError as exc:
        raise ExportError(f"no speech engine: the speech module is missing ({exc})") from None
    render = render or render_to_wav
    items = tracks(guide)
    _probe(render, SpeechUnavailable, rate)  # no engine: one line, before any progress output
    encoder = find_encoder()
    result = AudioResult(compressed_format=encoder[0] if encoder else "")
    progress = Progress(len(items), progress_stream)
    titled: list[tuple[Path, str]] = []
    for done, track in enumerate(items, 1):
        progress.step(done, track.title)
        wav = folder / f"{track.name}.wav"
        try:
            with new_file(wav) as part:  # the WAV gets its name only once it is complete
                render(track.text, part, rate=rate)
                if part.stat().st_size <= 44:
                    raise ExportError(f"the speech engine wrote no sound for '{track.title}' ({wav})")
        except (SpeechUnavailable, OSError) as exc:
            if progress.tty:  # the message goes under the bar, not over it
                progress.stream.write("\n")
            if isinstance(exc, SpeechUnavailable):
                raise _no_engine(exc) from None
            raise ExportError(f"cannot write {wav}: {exc.strerror or exc}") from None
        result.wavs.append(wav)
        title = track.title if done == 1 else f"{done - 1}. {track.title}"
        titled.append((wav, title))
        if encoder and _encode_into(encoder[1], wav, wav.with_suffix("." + encoder[0])):
            result.compressed.append(wav.with_suffix("." + encoder[0]))
    progress.finish()

    result.playlist = folder / f"{stem}.m3u"
    write_playlist(result.playlist, titled)
    result.playlists.append(result.playlist)
    if encoder and len(result.compressed) == len(result.wavs):
        compressed_list = folder / f"{stem}-{encoder[0]}.m3u"
        write_playlist(compressed_list, [(c, t) for c, (_, t) in zip(result.compressed, titled)])
        result.playlists.append(compressed_list)
    elif encoder:  # some copies failed: do not leave a partial set behind
        for file in result.compressed:
            file.unlink(missing_ok=True)
        result.compressed = []
    return result

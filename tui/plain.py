"""`bone-guide --plain`: the guide line by line, for screen readers and braille displays.

Nothing is drawn or redrawn: every answer is printed once, as plain lines, and the
user's screen reader reads it. No colour, no escape sequences, no box characters.
The user types a number or a short command and Enter; commands can also be piped
in. End of input (or Ctrl+C) ends the program cleanly.

Our own speech is off: the `r` command reads the current section aloud when asked,
and only then is a speech engine started.
"""

from __future__ import annotations

import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TextIO

from tui.export.textutil import MAX_WIDTH, plainify, wrap
from tui.guide.load import load_guide_or_report, term_used
from tui.guide.model import Guide, Paragraph, Section

MORE_PROMPT = "Press Enter for more, m for menu."
HELP_LINES = [
    "Commands (type one and press Enter):",
    "  a number  open that section of the menu",
    "  Enter     show more of the section",
    "  n         next section",
    "  p         previous section",
    "  m         menu (list of sections)",
    "  r         read the current section aloud",
    "  s         stop reading aloud",
    "  0 or !    warning signs: when to get help now",
    "  /word     search the guide for a word",
    "  g term    look up a word in the glossary (g alone lists all words)",
    "  h         this help",
    "  q         quit",
]
WARNING = "warning"
MAX_LINE = 4096  # longer input is taken in pieces, never read into memory whole


def terminal_size() -> tuple[int, int]:
    """(line width, lines per screenful) from the terminal, with sane limits."""
    size = shutil.get_terminal_size((80, 24))
    return min(max(size.columns, 20), MAX_WIDTH), max(size.lines, 5)


@dataclass
class PlainReader:
    guide: Guide
    out: TextIO
    speech_kind: str | None = None  # None or "auto": pick an engine; "none": never speak
    speaker_factory: Callable | None = None
    size: Callable[[], tuple[int, int]] = terminal_size
    current: int | str | None = None  # section index, WARNING, or None (menu)
    pending: list[str] = field(default_factory=list)  # lines not yet shown
    speaker: object | None = None
    speech_failed: str | None = None
    utterances: int = 0
    # Where a stopped reading goes on, like a DAISY player: (what was read, sentence index).
    # Written from speech threads (a plain tuple swap), read on `r`.
    resume_at: tuple | None = None
    reading: tuple | None = None  # (utterance id, what is read, index of its first sentence)

    # -- output -------------------------------------------------------------------------------

    def say(self, *lines: str) -> None:
        for line in lines:
            self.out.write(plainify(line, keep_spaces=True) + "\n")
        self.out.flush()

    def paragraph(self, text: str, first: str = "", indent: str = "") -> list[str]:
        width, _ = self.size()
        return wrap(plainify(text), width, indent=indent, first=first)

    def page(self, lines: list[str]) -> None:
        """Show a screenful of `lines`; keep the rest for Enter."""
        _, height = self.size()
        room = height - 2  # one line for the "more" prompt, one for the command typed
        if len(lines) > room:
            self.pending = lines[room:]
            self.say(*lines[:room], MORE_PROMPT)
        else:
            self.pending = []
            self.say(*lines)

    # -- screens ------------------------------------------------------------------------------

    def start(self) -> None:
        g = self.guide
        lines = self.paragraph(g.title) + [""] + self.paragraph(g.disclaimer) + [""]
        self.say(*lines)
        self.menu()

    def menu(self) -> None:
        self.current = None
        lines = ["Menu. Type a number and press Enter."]
        lines += self.paragraph(f"{self.guide.red_flags.heading}", first="0. ", indent="   ")
        for number, section in enumerate(self.guide.sections, 1):
            prefix = f"{number}. "
            lines += self.paragraph(section.title, first=prefix, indent=" " * len(prefix))
        lines.append("Type h for help, q to quit.")
        self.page(lines)

    def section_lines(self, index: int) -> list[str]:
        section = self.guide.sections[index]
        total = len(self.guide.sections)
        lines = self.paragraph(f"Section {index + 1} of {total}: {section.title}")
        lines.append("")
        lines += self.paragraph(f"In short: {section.summary}")
        for block in section.blocks:
            lines.append("")
            if isinstance(block, Paragraph):
                lines += self.paragraph(block.text)
            else:
                for item in block.items:
                    lines += self.paragraph(item, first="- ", indent="  ")
        extra = self.section_footer(section)
        if extra:
            lines.append("")
            lines += extra
        lines.append("")
        lines += self.paragraph(f"End of section {index + 1} of {total}. "
                                "n next, p previous, m menu, r read aloud.")
        return lines

    def section_footer(self, section: Section) -> list[str]:
        lines: list[str] = []
        text = (section.title + "\n" + section.text()).lower()
        terms = [e.term for e in self.guide.glossary if term_used(e.term, text)]
        if terms:
            lines += self.paragraph("Words in the glossary: " + ", ".join(terms)
                                    + ". Type g and the word to look one up.")
        titles = {s.file: s.title for s in self.guide.sources}
        sources = [titles.get(f, f) for f in section.sources]
        if sources:
            lines += self.paragraph("Source: " + "; ".join(sources) + ".")
        return lines

    def open_section(self, index: int) -> None:
        self.current = index
        self.page(self.section_lines(index))

    def warning_signs(self) -> None:
        self.current = WARNING
        flags = self.guide.red_flags
        lines = self.paragraph(flags.heading) + [""] + self.paragraph(flags.action) + [""]
        for number, sign in enumerate(flags.signs, 1):
            prefix = f"{number}. "
            lines += self.paragraph(sign, first=prefix, indent=" " * len(prefix))
        lines += [""] + self.paragraph(flags.action) + [""]
        lines += self.paragraph("m menu, r read aloud.")
        self.page(lines)

    def step(self, delta: int) -> None:
        count = len(self.guide.sections)
        if isinstance(self.current, int):
            target = self.current + delta
        else:  # from the menu or the warning signs, n starts at the first section
            target = 0 if delta > 0 else count - 1
        if not 0 <= target < count:
            self.pending = []
            self.say("This is the last section. p previous, m menu." if delta > 0
                     else "This is the first section. n next, m menu.")
            return
        self.open_section(target)

    def search(self, query: str) -> None:
        needle = " ".join(query.split()).lower()
        if len(needle) < 2:
            self.say("Type / and at least 2 letters, for example /pain.")
            return
        lines: list[str] = []
        sections_found = 0
        for index, section in enumerate(self.guide.sections):
            texts = [section.title] + [
                t for b in section.blocks
                for t in ((b.text,) if isinstance(b, Paragraph) else b.items)]
            matches = [t for t in texts if needle in t.lower()]
            if not matches:
                continue
            sections_found += 1
            prefix = f"{index + 1}. "
            lines += self.paragraph(f"{section.title}: {snippet(plainify(matches[0]), needle)}",
                                    first=prefix, indent=" " * len(prefix))
        if needle in " ".join([self.guide.red_flags.heading, self.guide.red_flags.action,
                               *self.guide.red_flags.signs]).lower():
            lines = self.paragraph(f"{self.guide.red_flags.heading}", first="0. ",
                                   indent="   ") + lines
            sections_found += 1
        if not lines:
            self.pending = []
            self.say(f'No matches for "{query.strip()}". Try another word, or m for menu.')
            return
        places = "place" if sections_found == 1 else "places"
        head = f'"{query.strip()}" found in {sections_found} {places}. Type the number to open it.'
        self.page(self.paragraph(head) + lines)

    def glossary(self, term: str) -> None:
        entries = self.guide.glossary
        term = " ".join(term.split())
        if not term:
            lines = self.paragraph(f"Glossary: {len(entries)} words. Type g and a word to "
                                   "see what it means.")
            for entry in entries:
                lines += self.paragraph(f"{entry.term}: {entry.meaning}", first="- ", indent="  ")
            self.page(lines)
            return
        wanted = term.lower()
        exact = [e for e in entries if e.term.lower() == wanted]
        found = exact or [e for e in entries if wanted in e.term.lower()]
        if not found and len(wanted) >= 3:
            found = [e for e in entries if e.term.lower().startswith(wanted[:3])]
        if not found:
            self.pending = []
            self.say(f'No glossary entry for "{term}". Type g alone to list all words.')
            return
        lines: list[str] = []
        for entry in found:
            lines += self.paragraph(f"{entry.term}: {entry.meaning}")
        self.page(lines)

    def help(self) -> None:
        self.page(list(HELP_LINES))

    # -- speech -------------------------------------------------------------------------------

    def speech_sentences(self) -> list[str] | None:
        if self.current == WARNING:
            return self.guide.red_flags.speech_text().split("\n")
        if isinstance(self.current, int):
            section = self.guide.sections[self.current]
            parts = [section.title + "."]
            for block in section.blocks:
                parts += [block.text] if isinstance(block, Paragraph) else list(block.items)
            try:
                from tui.speech.sentences import split_sentences
                return [s for part in parts for s in (split_sentences(part) or [part])]
            except ImportError:
                return parts
        return None

    def read_aloud(self) -> None:
        sentences = self.speech_sentences()
        if sentences is None:
            self.say("Open a section first (type its number), then r to hear it.")
            return
        if self.speech_kind == "none":
            self.say("Speech is turned off. Your screen reader can read the text.")
            return
        speaker = self.get_speaker()
        if speaker is None:
            return
        start = 0
        if self.resume_at and self.resume_at[0] == self.current \
                and 0 < self.resume_at[1] < len(sentences):
            start = self.resume_at[1]
        self.utterances += 1
        self.reading = (f"plain-{self.utterances}", self.current, start)
        speaker.speak(sentences[start:], self.reading[0])
        self.say("Reading aloud from where it stopped. s to stop." if start
                 else "Reading aloud. s to stop.")

    def on_speech(self, event) -> None:
        """From speech threads: remember the sentence being heard, to go on from after a stop."""
        from tui.speech.events import SentenceStarted, UtteranceFinished
        reading = self.reading
        if reading is None or getattr(event, "utterance_id", None) != reading[0]:
            return
        if isinstance(event, SentenceStarted):
            self.resume_at = (reading[1], reading[2] + event.index)
        elif isinstance(event, UtteranceFinished) and not event.stopped:
            self.resume_at = None  # read to the end: the next r starts at the top

    def get_speaker(self):
        if self.speech_failed is not None:
            self.say(self.speech_failed)
            return None
        if self.speaker is None:
            try:
                factory = self.speaker_factory
                if factory is None:
                    from tui.speech import create_speaker as factory
                kind = self.speech_kind or "auto"
                self.speaker = factory(kind=kind, on_event=self.on_speech)
            except Exception as exc:  # any engine failure is one line, never a traceback
                self.speech_failed = one_line(f"Speech is not available: {exc}")
                self.say(self.speech_failed)
                return None
            if not getattr(self.speaker, "available", False):
                notice = one_line(getattr(self.speaker, "notice", None) or "no speech engine found")
                self.speech_failed = notice if notice.lower().startswith("speech") \
                    else f"Speech is not available: {notice}"
                self.say(self.speech_failed)
                return None
        return self.speaker

    def stop_speech(self) -> None:
        if self.speaker is not None and self.speech_failed is None:
            self.speaker.stop()
            self.say("Stopped reading.")
        else:
            self.say("Nothing is being read aloud.")

    def close(self) -> None:
        if self.speaker is not None:
            try:
                self.speaker.close()
            except Exception:
                pass

    # -- commands -----------------------------------------------------------------------------

    def handle(self, raw: str) -> bool:
        """Act on one typed line; False means quit."""
        line = raw.strip()
        command = line.lower()
        if command == "":
            if self.pending:
                self.page(self.pending)
            elif isinstance(self.current, int):
                self.say("End of section. n next, p previous, m menu.")
            else:
                self.say("Type a number and press Enter, or h for help.")
            return True
        if command in ("q", "quit", "exit", "bye"):
            return False
        if command.isdigit():
            number = int(command)
            if number == 0:
                self.warning_signs()
            elif 1 <= number <= len(self.guide.sections):
                self.open_section(number - 1)
            else:
                self.say(f"There is no section {number}: choose 1 to "
                         f"{len(self.guide.sections)}, or m for the menu.")
            return True
        if command == "!":
            self.warning_signs()
        elif command in ("n", "next", "more"):
            if command == "more" and self.pending:
                self.page(self.pending)
            else:
                self.step(+1)
        elif command in ("p", "prev", "previous", "back", "b"):
            self.step(-1)
        elif command in ("m", "menu", "contents"):
            self.menu()
        elif command in ("r", "read"):
            self.read_aloud()
        elif command in ("s", "stop"):
            self.stop_speech()
        elif command in ("h", "help", "?"):
            self.help()
        elif line.startswith("/"):
            self.search(line[1:])
        elif command == "g" or command == "glossary":
            self.glossary("")
        elif re.match(r"^(g|glossary)\s", command):
            self.glossary(line.split(None, 1)[1])
        else:
            shown = line if len(line) <= 30 else line[:27] + "..."
            self.say(f'Unknown command "{shown}". Type h for help.')
        return True


def snippet(text: str, needle: str, width: int = 60) -> str:
    """Words around the first match, with '...' where text was cut."""
    at = text.lower().find(needle)
    if at < 0 or len(text) <= width:
        return text
    left = max(0, at - (width - len(needle)) // 2)
    if left:
        space = text.rfind(" ", 0, left)
        left = space + 1 if space >= 0 else left
    right = min(len(text), left + width)
    if right < len(text):
        space = text.rfind(" ", at + len(needle), right)
        right = space if space > 0 else right
    return ("..." if left else "") + text[left:right] + ("..." if right < len(text) else "")


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def _prepare_stdout(stream: TextIO) -> None:
    """Never crash on a character the terminal's encoding lacks."""
    try:
        stream.reconfigure(errors="replace")  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        pass


def run_plain(guide_path: Path, speech: str | None = None, no_speech: bool = False,
              stdin: TextIO | None = None, stdout: TextIO | None = None,
              speaker_factory: Callable | None = None) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    _prepare_stdout(stdout)
    guide = load_guide_or_report(guide_path)
    if guide is None:
        return 2
    reader = PlainReader(guide, stdout, speech_kind="none" if no_speech else speech,
                         speaker_factory=speaker_factory)
    interactive = _isatty(stdin)
    try:
        reader.start()
        while True:
            if interactive:
                stdout.write("> ")
                stdout.flush()
            line = stdin.readline(MAX_LINE)
            if line == "":  # end of input
                if interactive:
                    stdout.write("\n")
                break
            if not reader.handle(line):
                break
        reader.say("Goodbye.")
    except KeyboardInterrupt:
        try:
            stdout.write("\n")
            reader.say("Goodbye.")
        except (OSError, ValueError):
            pass
    except BrokenPipeError:
        _silence_stdout()
    finally:
        reader.close()
    return 0


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _silence_stdout() -> None:
    """After the reading end of a pipe closed, stop Python complaining at exit."""
    import os
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass

"""`bone-guide --plain`: the guide line by line, for screen readers and braille displays.

Nothing is drawn or redrawn: every answer is printed once, as plain lines, and the
user's screen reader reads it. No colour, no escape sequences, no box characters.
The user types a number or a short command and Enter; commands can also be piped
in. End of input (or Ctrl+C) ends the program cleanly.

Our own speech is off: the `r` command reads the current section aloud when asked,
and only then is a speech engine started; it speaks through the same narrator as the
reader, so the warning signs (0 or !) cut off any reading there too.
"""

from __future__ import annotations

import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TextIO

from tui.core import render, script
from tui.core.load import load_guide_or_report
from tui.core.model import Guide
from tui.core.reading import lookup, query_words, search, terms_in
from tui.core.render import MAX_WIDTH, plainify
from tui.core.settings import Settings
from tui.speech.narrator import Narrator

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
    narrator: Narrator | None = None  # started at the first `r`
    utterances: int = 0

    # -- output -------------------------------------------------------------------------------

    def say(self, *lines: str) -> None:
        for line in lines:
            self.out.write(plainify(line, keep_spaces=True) + "\n")
        self.out.flush()

    def paragraph(self, text: str, first: str = "", indent: str = "") -> list[str]:
        return render.para(text, self.size()[0], first=first, indent=indent)

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
        width = self.size()[0]
        lines += render.numbered(0, self.guide.red_flags.heading, width)
        for number, section in enumerate(self.guide.sections, 1):
            lines += render.numbered(number, section.title, width)
        lines.append("Type h for help, q to quit.")
        self.page(lines)

    def section_lines(self, index: int) -> list[str]:
        guide, width = self.guide, self.size()[0]
        section, total = guide.sections[index], len(guide.sections)
        lines = self.paragraph(f"Section {index + 1} of {total}: {section.title}")
        lines += render.section_body(section, width)
        terms = [e.term for e in terms_in(guide, section)]
        extra = (self.paragraph("Words in the glossary: " + ", ".join(terms)
                                + ". Type g and the word to look one up.") if terms else [])
        extra += render.sources_line(guide, section, width)
        if extra:
            lines += [""] + extra
        return lines + [""] + self.paragraph(f"End of section {index + 1} of {total}. "
                                             "n next, p previous, m menu, r read aloud.")

    def open_section(self, index: int) -> None:
        self.current = index
        self.page(self.section_lines(index))

    def warning_signs(self) -> None:
        self.current = WARNING
        if self.narrator is not None and self.narrator.reading:  # they pre-empt any reading
            self.narrator.red_flags()
        lines = render.red_flag_lines(self.guide.red_flags, self.size()[0])
        self.page(lines + [""] + self.paragraph("m menu, r read aloud."))

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
        needle, width = query_words(query), self.size()[0]
        if len(needle) < 2:
            self.say("Type / and at least 2 letters, for example /pain.")
            return
        first_hit = {}
        for hit in search(self.guide, query, limit=10_000):
            first_hit.setdefault(hit.section_index, hit)
        lines: list[str] = []
        flags = self.guide.red_flags
        if needle in " ".join([flags.heading, flags.action, *flags.signs]).lower():
            lines += render.numbered(0, flags.heading, width)
        places = len(lines) > 0
        for index, section in enumerate(self.guide.sections):
            if needle in section.title.lower():
                text = section.title
            elif index in first_hit:
                text = first_hit[index].snippet(self.guide)[0]
            else:
                continue
            places += 1
            lines += render.numbered(index + 1, f"{section.title}: {text}", width)
        if not lines:
            self.pending = []
            self.say(f'No matches for "{query.strip()}". Try another word, or m for menu.')
            return
        head = (f'"{query.strip()}" found in {places} {"place" if places == 1 else "places"}. '
                "Type the number to open it.")
        self.page(self.paragraph(head) + lines)

    def glossary(self, term: str) -> None:
        entries, width = self.guide.glossary, self.size()[0]
        term = " ".join(term.split())
        if not term:
            lines = self.paragraph(f"Glossary: {len(entries)} words. Type g and a word to "
                                   "see what it means.")
            self.page(lines + render.glossary_lines(entries, width))
            return
        found = lookup(self.guide, term)
        if not found:
            self.pending = []
            self.say(f'No glossary entry for "{term}". Type g alone to list all words.')
            return
        self.page([line for e in found for line in self.paragraph(f"{e.term}: {e.meaning}")])

    def help(self) -> None:
        self.page(list(HELP_LINES))

    # -- speech -------------------------------------------------------------------------------

    def speech_sentences(self) -> list[str] | None:
        if self.current == WARNING:
            return script.red_flags(self.guide.red_flags)
        if isinstance(self.current, int):
            return script.section_sentences(self.guide.sections[self.current])
        return None

    def read_aloud(self) -> None:
        sentences = self.speech_sentences()
        if sentences is None:
            self.say("Open a section first (type its number), then r to hear it.")
            return
        if self.speech_kind == "none":
            self.say("Speech is turned off. Your screen reader can read the text.")
            return
        narrator = self.voice()
        if narrator is not None:
            self.utterances += 1
            narrator.read(sentences, f"plain-{self.utterances}")
            self.say("Reading aloud. s to stop.")

    def voice(self) -> Narrator | None:
        """The narrator, started at the first `r` (no engine runs unless asked), or None after
        saying in one line why speech cannot be heard."""
        if self.narrator is None:
            settings = Settings(speech=self.speech_kind or "auto")
            self.narrator = Narrator(lambda event: self.narrator.on_event(event), settings,
                                     self.speaker_factory)
            self.narrator.start(script.red_flags(self.guide.red_flags))
        notice = self.narrator.unavailable_notice()
        if notice is None:
            return self.narrator
        notice = one_line(notice)
        self.say(notice if notice.lower().startswith("speech") else f"Speech is not available: {notice}")
        return None

    def stop_speech(self) -> None:
        if self.narrator is not None and self.narrator.available:
            self.narrator.stop()
            self.say("Stopped reading.")
        else:
            self.say("Nothing is being read aloud.")

    def close(self) -> None:
        if self.narrator is not None:
            self.narrator.close()

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

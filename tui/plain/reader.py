"""The line-mode reader: the standard library's `cmd` loop, one `do_` method per command of
`commands.COMMANDS`, and what is on screen now (the section, the search, what Enter shows next).

Nothing is drawn or redrawn: every answer is printed once, as plain lines, for the user's
screen reader. Where it has been and its bookmarks are `tui.places`, shared with the reader.
"""

from __future__ import annotations

import cmd
import shutil
import threading
from dataclasses import dataclass, field
from typing import Callable, TextIO

from tui.core import script
from tui.core.model import Guide
from tui.core.reading import Hit, lookup, search
from tui.core.render import MAX_WIDTH, para, plainify
from tui.plain import pages
from tui.plain.bookmarks import PlaceCommands
from tui.plain.commands import COMMANDS, HELP_LINES, describe_command, resolve
from tui.plain.voice import PlainVoice

MORE_PROMPT = "Press Enter for more, m for menu."
WARNING = "warning"
RESULTS = "results"


def terminal_size() -> tuple[int, int]:
    """(line width, lines per screenful) from the terminal, with sane limits."""
    size = shutil.get_terminal_size((80, 24))
    return min(max(size.columns, 20), MAX_WIDTH), max(size.lines, 5)


@dataclass
class PlainReader(PlaceCommands, cmd.Cmd):
    guide: Guide
    out: TextIO
    speech_kind: str | None = None  # None or "auto": pick an engine; "none": never speak
    speaker_factory: Callable | None = None
    size: Callable[[], tuple[int, int]] = terminal_size
    bell: bool = False  # ring the terminal bell with a speech failure (only on a terminal)
    remember: bool = True  # keep the last place and bookmarks (tui.places), as the reader does
    current: int | str | None = None  # section index, WARNING, RESULTS, or None (menu)
    reading: int | None = None  # the section being read: next/previous count from it
    pending: list[str] = field(default_factory=list)  # lines not yet shown
    query: str = ""
    hits: list[Hit] = field(default_factory=list)
    hit_at: int | None = None  # the match last opened, while a search is on
    places: object | None = None
    describing: bool = False  # `k`: the key describer is on
    unit_lines: list = field(default_factory=list)  # (first line, end line) of each paragraph shown
    section_total: int = 0  # lines of the section shown last
    page_top: int = 0  # its line at the top of the page shown last

    def __post_init__(self) -> None:
        super().__init__(stdout=self.out)
        self._lock = threading.Lock()  # speech threads print too
        self.voice = PlainVoice(self.guide, self.say, self.ring, self.speech_kind, self.speaker_factory)

    # -- output --

    def say(self, *lines: str) -> None:
        with self._lock:
            for line in lines:
                self.out.write(plainify(line, keep_spaces=True) + "\n")
            self.out.flush()

    def ring(self) -> None:
        if self.bell:
            with self._lock:
                self.out.write("\a")
                self.out.flush()

    def width(self) -> int:
        return self.size()[0]

    def page(self, lines: list[str]) -> None:
        """Show a screenful of `lines`; keep the rest for Enter."""
        room = self.size()[1] - 2  # one line for the "more" prompt, one for the command typed
        if isinstance(self.current, int):  # a section's lines, or the rest of them
            self.page_top = max(0, self.section_total - len(lines))
        self.pending = lines[room:] if len(lines) > room else []
        if self.pending:
            self.say(*lines[:room], MORE_PROMPT)
        else:
            self.say(*lines)

    def at_edge(self, text: str) -> None:
        self.pending = []
        self.say(text)

    # -- the cmd loop --

    def preloop(self) -> None:
        g = self.guide
        self.say(*para(g.title, self.width()), "", *para(g.disclaimer, self.width()), "")
        self.load_places()
        self.do_menu()

    def onecmd(self, raw: str) -> bool:
        """Act on one typed line; True ends the loop."""
        if raw == "EOF":  # cmd's word for the end of input
            if self.prompt:
                self.out.write("\n")
            return True
        line = plainify(raw).strip()  # arrow keys and Escape through a pipe leave no command
        if not line and raw.strip():
            return False  # only Escape or other keys with no letters: ignored, as a shell does
        command, rest = resolve(line)
        if self.describing and (command is None or command.name not in ("enter", "describer", "warning")):
            self.say(describe_command(line) + " (k to stop the key describer)")
            return False
        if command is None:
            shown = line if len(line) <= 30 else line[:27] + "..."
            self.say(f'Unknown command "{shown}". Type h for help.')
            return False
        self.typed = line
        return bool(getattr(self, "do_" + command.name)(rest))

    def postloop(self) -> None:
        self.say("Goodbye.")

    def do_quit(self, _rest: str = "") -> bool:
        return True

    def completenames(self, text: str, *_ignored) -> list[str]:
        """Tab at a terminal completes the words of the commands."""
        return [w for c in COMMANDS for w in c.words if w[:1].isalpha() and w.startswith(text)]

    def do_enter(self, _rest: str = "") -> None:
        if self.pending:
            self.page(self.pending)
        elif isinstance(self.current, int):
            self.say(f"End of section. {self.moves()}.")
        else:
            self.say("Type a number and press Enter, or h for help.")

    def do_describer(self, _rest: str = "") -> None:
        self.describing = not self.describing
        self.say("Key describer on: type a command to hear what it does; nothing is done. "
                 "k to stop. 0 still shows the warning signs." if self.describing
                 else "Key describer off. Commands work again.")

    def do_help(self, _rest: str = "") -> None:
        self.page(list(HELP_LINES))

    # -- the menu, sections and the warning signs --

    def do_menu(self, _rest: str = "") -> None:
        self.current = None
        self.end_search()
        self.page(pages.menu(self.guide, self.width()))

    def do_number(self, word: str) -> None:
        number = int(word)
        if self.current == RESULTS and self.open_result_section(number):
            return
        if 1 <= number <= len(self.guide.sections):
            self.hit_at = None  # a section chosen by number: n is the next section again
            self.open_section(number - 1)
        else:
            self.say(f"There is no section {number}: choose 1 to "
                     f"{len(self.guide.sections)}, or m for the menu.")

    def moves(self) -> str:
        if self.hits and self.hit_at is not None:
            return "n next match, N previous match, l results, type next for the next section, m menu"
        return "n next, p previous, m menu, r read aloud"

    def section_lines(self, index: int, hit: Hit | None = None) -> tuple[list[str], int]:
        """The section's lines, and where the page showing `hit` starts (0 without a hit)."""
        mark = None
        if hit is not None:
            mark = (hit.unit_index, f'Match {self.hit_at + 1} of {len(self.hits)} for "{self.query}":')
        lines, self.unit_lines, at = pages.section(self.guide, index, self.width(), self.moves(), mark)
        self.section_total = len(lines)
        return lines, at

    def open_section(self, index: int, hit: Hit | None = None, where: str = "", first: int = 0) -> None:
        """Show a section; from the match `hit` on, or from line `first` on under `where`."""
        self.current = self.reading = index
        lines, at = self.section_lines(index, hit)
        if hit is not None and at:
            first, where = at, (f"Section {index + 1} of {len(self.guide.sections)}: "
                                f"{self.guide.sections[index].title}, from the match on.")
        self.page((para(where, self.width()) if where else []) + lines[first:])

    def do_warning(self, _rest: str = "") -> None:
        self.current = WARNING
        self.page(pages.warning(self.guide, self.width()))
        self.voice.red_flags()

    def step(self, delta: int) -> None:
        count = len(self.guide.sections)
        if self.reading is not None:  # from the warning signs or menu too: stay in your place
            target = self.reading + delta
        else:
            target = 0 if delta > 0 else count - 1
        if 0 <= target < count:
            self.open_section(target)
        else:
            self.at_edge("This is the last section. p previous, m menu." if delta > 0
                         else "This is the first section. n next, m menu.")

    def do_forward(self, _rest: str = "") -> None:
        if self.hits and self.hit_at is not None:
            self.next_match(+1)
        else:
            self.step(+1)

    def do_next(self, _rest: str = "") -> None:
        if self.typed.lower() == "more" and self.pending:
            self.page(self.pending)
        else:
            self.step(+1)

    def do_previous(self, _rest: str = "") -> None:
        self.step(-1)

    # -- search --

    def end_search(self) -> None:
        self.hits, self.hit_at, self.query = [], None, ""

    def in_flags(self) -> bool:
        flags = self.guide.red_flags
        return self.query.lower() in " ".join([flags.heading, flags.action, *flags.signs]).lower()

    def do_search(self, query: str) -> None:
        query = " ".join(query.split())
        if len(query) < 2:
            self.say("Type / and at least 2 letters, for example /pain.")
            return
        self.end_search()
        self.query, self.hits = query, search(self.guide, query)
        if not self.hits and not self.in_flags():
            self.end_search()
            self.at_edge(f'No matches for "{query}". Try another word, or m for menu.')
            return
        self.do_results()

    def do_results(self, _rest: str = "") -> None:
        if not self.query:
            self.say("No search yet. Type / and a word, for example /pain.")
            return
        self.current, self.hit_at = RESULTS, None
        self.page(pages.results(self.guide, self.query, self.hits, self.in_flags(), self.width()))

    def open_hit(self, number: int) -> None:
        """Open the section of match `number` at the match, as less and lynx do."""
        self.hit_at = number
        hit = self.hits[number]
        self.open_section(hit.section_index, hit)

    def open_result_section(self, number: int) -> bool:
        """A section number typed at the results: open it at its first match."""
        for n, hit in enumerate(self.hits):
            if hit.section_index == number - 1:
                self.open_hit(n)
                return True
        return False

    def next_match(self, delta: int) -> None:
        if not self.hits:
            self.say("No search is on. Type / and a word, for example /pain.")
            return
        target = (0 if delta > 0 else len(self.hits) - 1) if self.hit_at is None else self.hit_at + delta
        if 0 <= target < len(self.hits):
            self.open_hit(target)
        else:
            self.at_edge("That was the last match. N previous match, l results, m menu." if delta > 0
                         else "That was the first match. n next match, l results, m menu.")

    def do_previous_match(self, _rest: str = "") -> None:
        self.next_match(-1)

    # -- glossary --

    def do_glossary(self, term: str) -> None:
        term = " ".join(term.split())
        if not term:
            self.page(pages.glossary(self.guide, self.width()))
        elif found := lookup(self.guide, term):
            self.page([line for e in found for line in para(f"{e.term}: {e.meaning}", self.width())])
        else:
            self.at_edge(f'No glossary entry for "{term}". Type g alone to list all words.')

    # -- speech --

    def speech_sentences(self) -> list[str] | None:
        if self.current == WARNING:
            return script.red_flags(self.guide.red_flags)
        if isinstance(self.current, int):
            return script.section_sentences(self.guide.sections[self.current])
        return None

    def do_read(self, _rest: str = "") -> None:
        sentences = self.speech_sentences()
        if sentences is None:
            self.say("Open a section first (type its number), then r to hear it.")
        else:
            self.voice.read(self.current, sentences)

    def do_stop(self, _rest: str = "") -> None:
        self.voice.stop()

    def close(self) -> None:
        try:
            if self.places is not None:  # on the way out: the next start offers this place
                self.places.remember_last(self.here())
        finally:
            self.voice.close()

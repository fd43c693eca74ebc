"""`bone-guide --plain`: the guide line by line, for screen readers and braille displays.

Nothing is drawn or redrawn: every answer is printed once, as plain lines, and the
user's screen reader reads it. No colour, no escape sequences, no box characters.
The user types a number or a short command and Enter; commands can also be piped
in. End of input (or Ctrl+C) ends the program cleanly.

Our own speech is off: the `r` command reads the current section aloud when asked,
and only then is a speech engine started; it speaks through the reader's narrator, so the
warning signs (0 or !) cut off any reading here too.
"""

from __future__ import annotations

import re
import shutil
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TextIO

from tui.core import render, script
from tui.core.load import load_guide_or_report
from tui.core.model import Guide, Section
from tui.core.reading import Hit, lookup, reading_units, search, terms_in
from tui.core.render import MAX_WIDTH, plainify

MORE_PROMPT = "Press Enter for more, m for menu."
# The commands, once: the help lines and the key describer (`k`) both come from here.
# (words typed, how help writes it, what it does)
COMMANDS = [
    (("<number>",), "a number", "open that section of the menu"),
    (("",), "Enter", "show more of the section"),
    (("n",), "n", "next section (while a search is on: next match)"),
    (("p", "prev", "previous", "back", "b"), "p", "previous section"),
    (("next", "more"), "next", "next section, even while a search is on"),
    (("m", "menu", "contents"), "m", "menu (list of sections); also ends a search"),
    (("r", "read"), "r", "read the current section aloud"),
    (("s", "stop"), "s", "stop reading aloud"),
    (("0", "!"), "0 or !", "warning signs: when to get help now"),
    (("/",), "/word", "search the guide for a word"),
    (("N",), "N", "previous match of the search"),
    (("l", "results"), "l", "back to the list of search results"),
    (("g", "glossary"), "g term", "look up a word in the glossary (g alone lists all words)"),
    (("resume",), "resume", "go back to where you last quit inside a section"),
    (("bookmark",), "bookmark", "bookmark the paragraph at the top of what was shown last"),
    (("bookmarks",), "bookmarks", "list (bookmarks 2: go to bookmark 2; bookmarks delete 2)"),
    (("k",), "k", "key describer: commands are explained, not done (k to stop)"),
    (("h", "help", "?"), "h", "this help"),
    (("q", "quit", "exit", "bye"), "q", "quit"),
]
HELP_LINES = (["Commands (type one and press Enter):"]
              + [f"  {label:<9} {what}" for _, label, what in COMMANDS]
              + ["Up and Down recall earlier commands when you type at a terminal.",
                 "Colour themes, for the full-screen reader (bone-guide without --plain):",
                 "  bone-guide --list-themes   list them",
                 "  bone-guide --theme NAME    pick one (NO_COLOR set: the terminal theme)"])


def describe_command(line: str) -> str:
    """What a typed command would do, from COMMANDS (the key describer of line mode)."""
    word = line.split(None, 1)[0] if line.strip() else ""
    if word.isdigit():
        word = "0" if int(word) == 0 else "<number>"
    elif word.startswith("/"):
        word = "/"
    for words, label, what in COMMANDS:
        if word in words or (word.lower() in words and word != "N"):
            return f"{label}: {what}"
    return f'"{word}": not a command; h lists them'


WARNING = "warning"
RESULTS = "results"
MAX_LINE = 4096  # longer input is taken in pieces, never read into memory whole
# How long `r` waits to learn whether the sound device works, so it never claims to be reading
# aloud when nothing can be heard (a missing sound card fails as the first sentence starts).
FIRST_SOUND_WAIT = 8.0
FAILURE_GRACE = 1.0


def terminal_size() -> tuple[int, int]:
    """(line width, lines per screenful) from the terminal, with sane limits."""
    size = shutil.get_terminal_size((80, 24))
    return min(max(size.columns, 20), MAX_WIDTH), max(size.lines, 5)


def plural(count: int, word: str) -> str:
    """'1 match', '2 matches', '1 section', '3 sections'."""
    if count == 1:
        return f"{count} {word}"
    return f"{count} {word}{'es' if word.endswith(('ch', 'sh', 's', 'x')) else 's'}"


@dataclass
class PlainReader:
    guide: Guide
    out: TextIO
    speech_kind: str | None = None  # None or "auto": pick an engine; "none": never speak
    speaker_factory: Callable | None = None
    size: Callable[[], tuple[int, int]] = terminal_size
    bell: bool = False  # ring the terminal bell with a speech failure (only on a terminal)
    current: int | str | None = None  # section index, WARNING, RESULTS, or None (menu)
    reading: int | None = None  # the section being read: next/previous count from it
    pending: list[str] = field(default_factory=list)  # lines not yet shown
    narrator: object | None = None
    speech_failed: str | None = None
    utterances: int = 0
    query: str = ""
    hits: list[Hit] = field(default_factory=list)
    hit_at: int | None = None  # the match last opened, while a search is on

    # Where a stopped reading goes on, like a DAISY player: (what was read, sentence index).
    # Written from speech threads (a plain tuple swap), read on `r`.
    resume_at: tuple | None = None
    spoken: tuple | None = None  # (utterance id, what is read, index of its first sentence)

    remember: bool = True  # keep the last place and bookmarks (tui.places), as the reader does
    places: object | None = None
    describing: bool = False  # `k`: the key describer is on
    unit_lines: list = field(default_factory=list)  # (first line, end line) of each paragraph shown
    section_total: int = 0  # lines of the section shown last
    page_top: int = 0  # its line at the top of the page shown last

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._speech_news = threading.Condition(self._lock)
        self._heard: set[str] = set()
        self._waiting = False  # `r` is waiting for the first sound: it reports a failure itself

    # -- output -------------------------------------------------------------------------------

    def say(self, *lines: str) -> None:
        with self._lock:
            for line in lines:
                self.out.write(plainify(line, keep_spaces=True) + "\n")
            self.out.flush()

    def paragraph(self, text: str, first: str = "", indent: str = "") -> list[str]:
        return render.para(text, self.size()[0], first=first, indent=indent)

    def numbered(self, number: int, text: str) -> list[str]:
        return render.numbered(number, text, self.size()[0])

    def page(self, lines: list[str]) -> None:
        """Show a screenful of `lines`; keep the rest for Enter."""
        _, height = self.size()
        room = height - 2  # one line for the "more" prompt, one for the command typed
        if isinstance(self.current, int):  # a section's lines, or the rest of them
            self.page_top = max(0, self.section_total - len(lines))
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
        self.load_places()
        self.menu()

    def menu(self) -> None:
        self.current = None
        self.end_search()
        lines = ["Menu. Type a number and press Enter."]
        lines += self.numbered(0, self.guide.red_flags.heading)
        for number, section in enumerate(self.guide.sections, 1):
            lines += self.numbered(number, section.title)
        lines.append("Type h for help, q to quit.")
        self.page(lines)

    def section_lines(self, index: int, hit: Hit | None = None) -> tuple[list[str], int]:
        """The section's lines, and where the page showing `hit` starts (0 without a hit).

        The paragraph holding the match gets a line of its own before it, "Match 2 of 5 for
        ...": words a screen reader says, so the match is found by ear and on a braille line."""
        section = self.guide.sections[index]
        total = len(self.guide.sections)
        lines = self.paragraph(f"Section {index + 1} of {total}: {section.title}")
        mark = self.paragraph(self.match_heading()) if hit is not None else []
        spans: list[tuple[int, int]] = []
        body = render.section_body(section, self.size()[0], {hit.unit_index: mark} if mark else None,
                                   spans)
        self.unit_lines = [(len(lines) + first, len(lines) + end) for first, end in spans]
        lines += body
        at = lines.index(mark[0]) if mark else 0
        extra = self.section_footer(section)
        if extra:
            lines.append("")
            lines += extra
        lines.append("")
        lines += self.paragraph(f"End of section {index + 1} of {total}. " + self.moves() + ".")
        self.section_total = len(lines)
        return lines, at

    def moves(self) -> str:
        if self.hits and self.hit_at is not None:
            return "n next match, N previous match, l results, type next for the next section, m menu"
        return "n next, p previous, m menu, r read aloud"

    def match_heading(self) -> str:
        assert self.hit_at is not None
        return f'Match {self.hit_at + 1} of {len(self.hits)} for "{self.query}":'

    def section_footer(self, section: Section) -> list[str]:
        lines: list[str] = []
        terms = [e.term for e in terms_in(self.guide, section)]
        if terms:
            lines += self.paragraph("Words in the glossary: " + ", ".join(terms)
                                    + ". Type g and the word to look one up.")
        lines += render.sources_line(self.guide, section, self.size()[0])
        return lines

    def open_section(self, index: int) -> None:
        self.current = self.reading = index
        self.page(self.section_lines(index)[0])

    def open_hit(self, number: int) -> None:
        """Open the section of match `number` at the match, as less and lynx do."""
        self.hit_at = number
        hit = self.hits[number]
        self.current = self.reading = hit.section_index
        lines, at = self.section_lines(hit.section_index, hit)
        if at == 0:
            self.page(lines)
            return
        section = self.guide.sections[hit.section_index]
        where = self.paragraph(f"Section {hit.section_index + 1} of {len(self.guide.sections)}: "
                               f"{section.title}, from the match on.")
        self.page(where + lines[at:])

    def warning_signs(self) -> None:
        self.current = WARNING
        lines = render.red_flag_lines(self.guide.red_flags, self.size()[0]) + [""]
        lines += self.paragraph("m menu, r read aloud, n and p the sections around the one "
                                "you were reading.")
        self.page(lines)
        if self.narrator is not None:  # speech already on: the warning signs cut in at once
            notice = self.narrator.red_flags()
            if notice:
                self.report_unavailable(notice)

    def step(self, delta: int) -> None:
        count = len(self.guide.sections)
        if self.reading is not None:  # from the warning signs or menu too: stay in your place
            target = self.reading + delta
        else:
            target = 0 if delta > 0 else count - 1
        if not 0 <= target < count:
            self.pending = []
            self.say("This is the last section. p previous, m menu." if delta > 0
                     else "This is the first section. n next, m menu.")
            return
        self.open_section(target)

    # -- search -------------------------------------------------------------------------------

    def end_search(self) -> None:
        self.hits, self.hit_at, self.query = [], None, ""

    def search(self, query: str) -> None:
        query = " ".join(query.split())
        if len(query) < 2:
            self.say("Type / and at least 2 letters, for example /pain.")
            return
        self.end_search()
        hits = search(self.guide, query)
        flags = self.guide.red_flags
        in_flags = query.lower() in " ".join([flags.heading, flags.action, *flags.signs]).lower()
        if not hits and not in_flags:
            self.pending = []
            self.say(f'No matches for "{query}". Try another word, or m for menu.')
            return
        self.query, self.hits = query, hits
        self.results()

    def results(self) -> None:
        if not self.query:
            self.say("No search yet. Type / and a word, for example /pain.")
            return
        self.current = RESULTS
        self.hit_at = None
        hits = self.hits
        flags = self.guide.red_flags
        in_flags = self.query.lower() in " ".join([flags.heading, flags.action, *flags.signs]).lower()
        sections = sorted({h.section_index for h in hits})
        head = (f'"{self.query}": {plural(len(hits), "match")} in '
                f'{plural(len(sections), "section")}.')
        if hits:
            head += (" Type a section's number to open it at its first match; then n and N go to "
                     "the next and previous match, l back to this list.")
        lines = self.paragraph(head)
        if in_flags:
            lines += self.numbered(0, f"{flags.heading} (also mentions it)")
        width, _ = self.size()
        for index in sections:
            lines += self.numbered(index + 1, self.guide.sections[index].title)
            for hit in (h for h in hits if h.section_index == index):
                text, _, _ = hit.snippet(self.guide, width=width - 8)
                lines += self.paragraph(text, first="   - ", indent="     ")
        self.page(lines)

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
        if self.hit_at is None:
            target = 0 if delta > 0 else len(self.hits) - 1
        else:
            target = self.hit_at + delta
        if not 0 <= target < len(self.hits):
            self.pending = []
            self.say("That was the last match. N previous match, l results, m menu." if delta > 0
                     else "That was the first match. n next match, l results, m menu.")
            return
        self.open_hit(target)

    # -- glossary and help --------------------------------------------------------------------

    def glossary(self, term: str) -> None:
        entries = self.guide.glossary
        term = " ".join(term.split())
        if not term:
            lines = self.paragraph(f"Glossary: {len(entries)} words. Type g and a word to "
                                   "see what it means.")
            self.page(lines + render.glossary_lines(entries, self.size()[0]))
            return
        found = lookup(self.guide, term)
        if not found:
            self.pending = []
            self.say(f'No glossary entry for "{term}". Type g alone to list all words.')
            return
        self.page([line for e in found for line in self.paragraph(f"{e.term}: {e.meaning}")])

    def help(self) -> None:
        self.page(list(HELP_LINES))

    # -- places: resume and bookmarks (tui.places, shared with the full-screen reader) --------

    def load_places(self) -> None:
        if not self.remember:
            return
        from tui.places import Places
        self.places = Places.load(self.guide)
        for notice in self.places.notices:
            self.say(notice)
        if self.places.last is not None:
            self.say(f"Type resume to continue where you left off: "
                     f"{self.places.last.describe(self.guide)}.")

    def here(self):
        """The place at the top of the section's page shown last (or where reading stopped)."""
        from tui.places import place_in
        if not isinstance(self.current, int) or not self.unit_lines:
            return None
        if self.resume_at and self.resume_at[0] == self.current and self.resume_at[1] > 0:
            flat = [(u, n) for u, unit in enumerate(reading_units(self.guide.sections[self.current]))
                    for n in range(len(unit.sentences))]
            if self.resume_at[1] - 1 < len(flat):
                return place_in(self.guide, self.current, *flat[self.resume_at[1] - 1])
        unit = next((u for u, (_, end) in enumerate(self.unit_lines) if end > self.page_top),
                    len(self.unit_lines) - 1)
        return place_in(self.guide, self.current, unit)

    def open_place(self, place) -> None:
        """Show a section from a remembered paragraph on; `r` reads from its sentence."""
        index = self.guide.index_of(place.section)
        self.end_search()
        self.current = self.reading = index
        lines, _ = self.section_lines(index)
        first = self.unit_lines[place.unit][0]
        units = reading_units(self.guide.sections[index])
        flat = sum(len(u.sentences) for u in units[:place.unit]) + place.sentence
        self.resume_at = (index, flat + 1)  # +1: the title is the first sentence read
        where = self.paragraph(f"{place.describe(self.guide)}, from there on.")
        self.page(where + lines[first:])

    def resume(self) -> None:
        last = self.places.last if self.places else None
        if last is None:
            self.say("There is no place to go back to: quit inside a section and it is kept.")
            return
        self.open_place(last)

    def bookmark(self) -> None:
        if self.places is None:
            self.say("Bookmarks are not kept here.")
            return
        place = self.here()
        if place is None:
            self.say("Open a section first (type its number), then bookmark.")
            return
        number, problem = self.places.add_bookmark(place)
        if problem:
            self.ring()
            self.say(problem)
        if number:
            self.say(f"Bookmark {number} set: {place.short(self.guide)}.")

    def bookmarks(self, rest: str) -> None:
        marks = self.places.bookmarks if self.places else []
        words = rest.lower().split()
        if words and words[0] in ("delete", "remove", "d") and len(words) == 2 and words[1].isdigit():
            number = int(words[1])
            if not 1 <= number <= len(marks):
                self.say(f"There is no bookmark {number}. Type bookmarks to list them.")
                return
            gone = marks[number - 1].describe(self.guide)
            problem = self.places.remove_bookmark(number - 1)
            self.say(problem or f"Removed bookmark {number}: {gone}.")
            return
        if len(words) == 1 and words[0].isdigit():
            number = int(words[0])
            if not 1 <= number <= len(marks):
                self.say(f"There is no bookmark {number}. Type bookmarks to list them.")
                return
            self.open_place(marks[number - 1])
            return
        if words:
            self.say("Type bookmarks, bookmarks 2 (go there) or bookmarks delete 2.")
            return
        if not marks:
            self.say("No bookmarks yet. Open a section and type bookmark.")
            return
        lines = [f"Bookmarks: {len(marks)}. Type bookmarks and a number to go there, "
                 "or bookmarks delete and a number to remove one."]
        for number, place in enumerate(marks, 1):
            prefix = f"{number}. "
            lines += self.paragraph(place.describe(self.guide), first=prefix, indent=" " * len(prefix))
        self.page(lines)

    def remember_place(self) -> None:
        """On the way out: the section being read is the place the next start offers."""
        if self.places is not None:
            self.places.remember_last(self.here())

    # -- speech: the reader's narrator, so the same priorities (warning signs first) --------------

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
        narrator = self.get_narrator()
        if narrator is None:
            return
        start = 0
        if self.current != WARNING and self.resume_at and self.resume_at[0] == self.current \
                and 0 < self.resume_at[1] < len(sentences):
            start = self.resume_at[1]
        self._waiting = True  # until the first sound: this command reports a failure itself
        try:
            if self.current == WARNING:
                from tui.speech.narrator import RED_FLAGS_KEY as utterance
                notice = narrator.red_flags()
            else:
                self.utterances += 1
                utterance = f"plain-{self.utterances}"
                self.spoken = (utterance, self.current, start)
                notice = narrator.read(sentences[start:], utterance)
            verdict = notice or self.wait_for_sound(utterance)
        finally:
            self._waiting = False
        if verdict:
            self.report_unavailable(verdict)
        else:
            self.say("Reading aloud from where it stopped. s to stop." if start
                     else "Reading aloud. s to stop.")

    def note_place(self, event) -> None:
        """From speech threads: remember the sentence being heard, to go on from after a stop."""
        from tui.speech.events import SentenceStarted, UtteranceFinished
        spoken = self.spoken
        if spoken is None or getattr(event, "utterance_id", None) != spoken[0]:
            return
        if isinstance(event, SentenceStarted):
            self.resume_at = (spoken[1], spoken[2] + event.index)
        elif isinstance(event, UtteranceFinished) and not event.stopped:
            self.resume_at = None  # read to the end: the next r starts at the top

    def wait_for_sound(self, utterance: str) -> str | None:
        """Wait (briefly) until the first sentence is playing, so a missing sound card is
        reported instead of "Reading aloud". Returns the failure, or None."""
        import time
        with self._speech_news:
            return self._wait_for_sound(utterance, time.monotonic() + FIRST_SOUND_WAIT)

    def _wait_for_sound(self, utterance: str, deadline: float) -> str | None:
        import time
        while utterance not in self._heard and self.narrator.available:
            left = deadline - time.monotonic()
            if left <= 0:
                return None  # a slow engine: go on; a later failure is said when it happens
            self._speech_news.wait(left)
        if self.narrator.available:  # playing: a player that cannot open the device ends now
            self._speech_news.wait_for(lambda: not self.narrator.available, FAILURE_GRACE)
        return None if self.narrator.available else self.narrator.unavailable_notice()

    def report_unavailable(self, notice: str) -> None:
        reason = one_line(notice)
        for lead in ("Speech is off:", "Speech is off.", "Speech is not available:"):
            if reason.startswith(lead):
                reason = reason[len(lead):].strip()
        self.speech_failed = ("Speech is not available: " + reason) if reason \
            else "Speech is not available."
        if not self.speech_failed.endswith("."):
            self.speech_failed += "."
        self.speech_failed += " Your screen reader can read the text."
        self.ring()
        self.say(self.speech_failed)

    def ring(self) -> None:
        if self.bell:
            with self._lock:
                self.out.write("\a")
                self.out.flush()

    def on_speech_event(self, event) -> None:
        """From the speech thread: note what was heard; a failure later on is said at once."""
        from tui.speech.events import SentenceStarted, SpeechFailed
        self.narrator.on_event(event)
        self.note_place(event)
        with self._speech_news:
            if isinstance(event, SentenceStarted):
                self._heard.add(event.utterance_id)
            self._speech_news.notify_all()
            late = isinstance(event, SpeechFailed) and not self._waiting
        if late:  # speech broke while reading: say so now, not at the next command
            self.report_unavailable(event.reason)

    def get_narrator(self):
        if self.narrator is None:
            from tui.speech.narrator import Narrator
            from tui.core.settings import load_settings
            settings, _problems = load_settings()
            kind = self.speech_kind or "auto"
            self.narrator = Narrator(self.on_speech_event, settings.changed(speech=kind),
                                     self.speaker_factory, kind)
            self.narrator.start(script.red_flags(self.guide.red_flags))
        if not self.narrator.available:
            self.report_unavailable(self.narrator.unavailable_notice() or "")
            return None
        return self.narrator

    def stop_speech(self) -> None:
        if self.narrator is not None and self.narrator.available:
            self.narrator.stop()
            self.say("Stopped reading.")
        else:
            self.say("Nothing is being read aloud.")

    def close(self) -> None:
        try:
            self.remember_place()
        finally:
            if self.narrator is not None:
                self.narrator.close()

    # -- commands -----------------------------------------------------------------------------

    def handle(self, raw: str) -> bool:
        """Act on one typed line; False means quit."""
        line = plainify(raw).strip()  # arrow keys and Escape through a pipe leave no command
        if line == "" and raw.strip("\r\n") != "" and not raw.isspace():
            return True  # only Escape or other keys with no letters: ignored, as a shell does
        command = line.lower()
        if command == "":
            if self.pending:
                self.page(self.pending)
            elif isinstance(self.current, int):
                self.say(f"End of section. {self.moves()}.")
            else:
                self.say("Type a number and press Enter, or h for help.")
            return True
        if self.describing:
            if command == "k":
                self.describing = False
                self.say("Key describer off. Commands work again.")
            elif command in ("0", "!"):
                self.warning_signs()  # never held back
            else:
                self.say(describe_command(line) + " (k to stop the key describer)")
            return True
        if command in ("q", "quit", "exit", "bye"):
            return False
        if command.isdigit():
            number = int(command)
            if number == 0:
                self.warning_signs()
            elif self.current == RESULTS and self.open_result_section(number):
                pass
            elif 1 <= number <= len(self.guide.sections):
                self.hit_at = None  # a section chosen by number: n is the next section again
                self.open_section(number - 1)
            else:
                self.say(f"There is no section {number}: choose 1 to "
                         f"{len(self.guide.sections)}, or m for the menu.")
            return True
        if command == "!":
            self.warning_signs()
        elif line == "N":
            self.next_match(-1)
        elif command == "n" and self.hits and self.hit_at is not None:
            self.next_match(+1)
        elif command in ("n", "next", "more"):
            if command == "more" and self.pending:
                self.page(self.pending)
            else:
                self.step(+1)
        elif command in ("p", "prev", "previous", "back", "b"):
            self.step(-1)
        elif command in ("l", "results"):
            self.results()
        elif command in ("m", "menu", "contents"):
            self.menu()
        elif command in ("r", "read"):
            self.read_aloud()
        elif command in ("s", "stop"):
            self.stop_speech()
        elif command in ("h", "help", "?"):
            self.help()
        elif command == "k":
            self.describing = True
            self.say("Key describer on: type a command to hear what it does; nothing is done. "
                     "k to stop. 0 still shows the warning signs.")
        elif command == "resume":
            self.resume()
        elif command == "bookmark":
            self.bookmark()
        elif command == "bookmarks" or command.startswith("bookmarks "):
            self.bookmarks(line[len("bookmarks"):])
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
              speaker_factory: Callable | None = None, note: str | None = None) -> int:
    """Line mode; `note` (why the full-screen reader was not started) goes to stderr once the
    guide has loaded, so a broken guide is still reported in one line."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    _prepare_stdout(stdout)
    guide = load_guide_or_report(guide_path)
    if guide is None:
        return 2
    if note:
        print(note, file=sys.stderr, flush=True)
    interactive = _isatty(stdin)
    reader = PlainReader(guide, stdout, speech_kind="none" if no_speech else speech,
                         speaker_factory=speaker_factory, bell=interactive and _isatty(stdout))
    from tui.termination import termination_raises
    with termination_raises():  # kill / a closed terminal: `finally` still closes speech
        return _read_commands(reader, stdin, stdout, interactive)


def _read_commands(reader: "PlainReader", stdin: TextIO, stdout: TextIO, interactive: bool) -> int:
    # At a terminal, the standard library's line editing: arrows, history (Up/Down), Ctrl+R.
    read_line = _line_editor(stdin, stdout) if interactive else None
    try:
        reader.start()
        while True:
            if read_line is not None:
                try:
                    line = read_line()
                except EOFError:
                    stdout.write("\n")
                    break
            else:
                line = stdin.readline(MAX_LINE)
                if line == "":  # end of input
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


def _line_editor(stdin: TextIO, stdout: TextIO) -> Callable[[], str] | None:
    """input() with readline when both ends are the real terminal; else a plain prompt."""
    if stdin is sys.stdin and stdout is sys.stdout and _isatty(stdout):
        try:
            import readline  # noqa: F401  (importing it is what gives input() editing and history)
        except ImportError:
            pass
        else:
            readline.parse_and_bind("set bell-style none")
            # A lone Escape must not be the start of a key sequence that swallows the next key.
            readline.parse_and_bind("set keyseq-timeout 50")
            return lambda: input("> ")

    def prompt_and_read() -> str:
        stdout.write("> ")
        stdout.flush()
        line = stdin.readline(MAX_LINE)
        if line == "":
            raise EOFError
        return line
    return prompt_and_read


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

"""Places the home reader remembers between sittings: where it last quit, and bookmarks.

Like a DAISY player's last position and bookmarks. They live next to the settings
(places.json in the same folder) and are written with the settings module's atomic save.
Each place carries a short fingerprint of the paragraph it points at, so a changed guide
(a new edition of the YAML) cannot send the reader to the wrong text: a place whose paragraph
moved within its section follows it; one whose text is gone is dropped, and the reader is told
once (the cleaned file is saved at once, so the notice is not repeated).

The kiosk never makes a `Places`: it keeps nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from tui.core.model import Guide
from tui.core.reading import reading_units
from tui.regular_file import FileProblem, read_regular_file
from tui.atomic_file import write_atomically
from tui.core.settings import config_dir
from tui.safe_text import shown

MAX_BYTES = 200_000
MAX_BOOKMARKS = 99


def _letters(text: str) -> bytes:
    """Letters and digits only: the same guide drawn with ASCII dashes and quotes (a non-UTF-8
    terminal, see tui.glyphs) is still the same guide."""
    return re.sub(r"[^0-9A-Za-z]+", "", text).encode("ascii")


def text_mark(text: str) -> str:
    """A short fingerprint of a paragraph's text (enough to notice that it changed)."""
    return hashlib.sha256(_letters(text)).hexdigest()[:16]


def guide_mark(guide: Guide) -> str:
    """The guide's version: its title and every section's text. Any edit changes it."""
    digest = hashlib.sha256(_letters(guide.title))
    for section in guide.sections:
        digest.update(b"\0" + section.id.encode("utf-8"))
        for unit in reading_units(section):
            digest.update(b"\1" + _letters(unit.text))
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Place:
    section: str       # section id (stable across editions, unlike its number)
    unit: int          # paragraph or list item, from 0
    sentence: int = 0  # sentence within it, from 0
    mark: str = ""     # text_mark of the paragraph when the place was taken

    def describe(self, guide: Guide) -> str:
        """'Section 7, Complications, paragraph 4' (numbers from 1, as the screen shows them)."""
        index = guide.index_of(self.section)
        return f"Section {index + 1}, {guide.sections[index].title}, paragraph {self.unit + 1}"

    def short(self, guide: Guide) -> str:
        """'Complications, paragraph 4', for the bookmark list and its announcement."""
        return f"{guide.section(self.section).title}, paragraph {self.unit + 1}"


def place_in(guide: Guide, section_index: int, unit: int, sentence: int = 0) -> Place:
    section = guide.sections[section_index]
    units = reading_units(section)
    unit = max(0, min(unit, len(units) - 1))
    sentence = max(0, min(sentence, len(units[unit].sentences) - 1))
    return Place(section.id, unit, sentence, text_mark(units[unit].text))


def places_path() -> Path:
    return config_dir() / "places.json"


class Places:
    """The last place and the bookmarks, for one guide. Every change is saved at once."""

    def __init__(self, guide: Guide, path: Path | None = None) -> None:
        self.guide = guide
        self.path = path or places_path()
        self.last: Place | None = None
        self.bookmarks: list[Place] = []
        self.notices: list[str] = []  # to show once at start (a changed guide, an unreadable file)

    # -- loading --
    @classmethod
    def load(cls, guide: Guide, path: Path | None = None) -> "Places":
        places = cls(guide, path)
        places._load()
        return places

    def _load(self) -> None:
        where = shown(str(self.path))
        try:
            raw = read_regular_file(self.path, MAX_BYTES, "places file")
        except FileProblem as exc:
            if os.path.lexists(self.path):
                self.notices.append(f"{where}: {exc.reason}; bookmarks are not remembered this time")
                self.path = None  # never write over something that is not our file
            return
        try:
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict):
                raise ValueError
        except (ValueError, UnicodeDecodeError, RecursionError):
            self.notices.append(f"{where}: not a places file; starting with no bookmarks")
            return
        last = self._place(data.get("last"))
        marks = data.get("bookmarks") if isinstance(data.get("bookmarks"), list) else []
        loaded = [self._place(item) for item in marks[:MAX_BOOKMARKS]]
        same_guide = data.get("guide") == guide_mark(self.guide)
        self.last = self._still_there(last) if last else None
        kept = [self._still_there(p) for p in loaded if p is not None]
        self.bookmarks = [p for p in kept if p is not None]
        lost = len(loaded) - len(self.bookmarks)
        if lost:
            self.notices.append(
                f"The guide has changed: {lost} bookmark{'s' if lost != 1 else ''} no longer "
                f"point{'s' if lost == 1 else ''} at its text and {'was' if lost == 1 else 'were'} removed.")
        if not same_guide or lost or (last is not None and self.last != last):
            self.save()  # the next start says nothing: the notice is given once

    @staticmethod
    def _place(item) -> Place | None:
        if not isinstance(item, dict):
            return None
        section, unit = item.get("section"), item.get("unit")
        sentence, mark = item.get("sentence", 0), item.get("mark", "")
        if not (isinstance(section, str) and isinstance(mark, str)
                and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0
                        for n in (unit, sentence))):
            return None
        return Place(section, unit, sentence, mark)

    def _still_there(self, place: Place) -> Place | None:
        """The place in this guide: the same paragraph (found again if it moved within its
        section), or None when its text is gone."""
        try:
            section = self.guide.section(place.section)
        except (KeyError, LookupError):
            return None
        if section is None:
            return None
        units = reading_units(section)
        marks = [text_mark(u.text) for u in units]
        if place.unit < len(units) and marks[place.unit] == place.mark:
            at = place.unit
        elif place.mark in marks:
            at = marks.index(place.mark)
        else:
            return None
        sentence = place.sentence if place.sentence < len(units[at].sentences) else 0
        return Place(place.section, at, sentence, place.mark)

    # -- changing (each change is saved) --
    def remember_last(self, place: Place | None) -> str | None:
        if place == self.last:
            return None
        self.last = place
        return self.save()

    def add_bookmark(self, place: Place) -> tuple[int, str | None]:
        """Add (or find) a bookmark at this paragraph; returns its number from 1, and a problem."""
        same = next((n for n, b in enumerate(self.bookmarks) if (b.section, b.unit) == (place.section, place.unit)), None)
        if same is not None:
            return same + 1, None
        if len(self.bookmarks) >= MAX_BOOKMARKS:
            return 0, f"There are already {MAX_BOOKMARKS} bookmarks: remove one first (B lists them)."
        self.bookmarks.append(place)
        self.bookmarks.sort(key=lambda b: (self.guide.index_of(b.section), b.unit))
        return self.bookmarks.index(place) + 1, self.save()

    def remove_bookmark(self, number: int) -> str | None:
        del self.bookmarks[number]
        return self.save()

    def save(self) -> str | None:
        if self.path is None:
            return None
        data = {"guide": guide_mark(self.guide),
                "last": asdict(self.last) if self.last else None,
                "bookmarks": [asdict(b) for b in self.bookmarks]}
        problem = write_atomically(self.path, json.dumps(data, indent=2) + "\n")
        return f"Could not save bookmarks to {shown(str(self.path))}: {problem}" if problem else None

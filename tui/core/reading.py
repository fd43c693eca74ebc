"""Reading the guide: a section as a flat list of blocks (each a list of sentences), search,
hits and their snippets, and the glossary words a section uses or a reader looks up.

Screens, plain mode, search and speech all use this one flattening, so a sentence index means
the same thing to all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tui.core.model import BulletList, GlossaryEntry, Guide, Section, term_used
from tui.speech.sentences import split_sentences


@dataclass(frozen=True)
class ReadingUnit:
    sentences: tuple[str, ...]
    bullet: bool

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


@lru_cache(maxsize=256)
def reading_units(section: Section) -> tuple[ReadingUnit, ...]:
    units: list[ReadingUnit] = []
    for block in section.blocks:
        if isinstance(block, BulletList):
            units += [ReadingUnit(tuple(split_sentences(item)) or (item,), True) for item in block.items]
        else:
            units.append(ReadingUnit(tuple(split_sentences(block.text)) or (block.text,), False))
    return tuple(units)


def sentence_places(section: Section) -> list[tuple[int, int]]:
    """Every sentence of a section as (unit, sentence), in reading order."""
    return [(u, n) for u, unit in enumerate(reading_units(section)) for n in range(len(unit.sentences))]


@dataclass(frozen=True)
class Hit:
    section_index: int
    unit_index: int
    start: int  # character span of the match in the unit's text
    end: int

    def snippet(self, guide: Guide, width: int = 60) -> tuple[str, int, int]:
        """A line of text around the match, and the match's span inside that line."""
        text = reading_units(guide.sections[self.section_index])[self.unit_index].text
        left = max(0, self.start - (width - (self.end - self.start)) // 2)
        if left:
            left = text.rfind(" ", 0, left) + 1
        right = min(len(text), left + width)
        if right < len(text):
            right = max(text.rfind(" ", self.end, right), self.end)
        prefix = "…" if left else ""
        line = prefix + text[left:right] + ("…" if right < len(text) else "")
        return line, self.start - left + len(prefix), self.end - left + len(prefix)


def query_words(query: str) -> str:
    """What a query searches for: its words, single-spaced, lower case (2 letters at least)."""
    return " ".join(query.split()).lower()


def search(guide: Guide, query: str, limit: int = 200) -> list[Hit]:
    """Case-insensitive matches of `query`: the first in each unit, in reading order."""
    needle = query_words(query)
    if len(needle) < 2:
        return []
    hits: list[Hit] = []
    for s_index, section in enumerate(guide.sections):
        for u_index, unit in enumerate(reading_units(section)):
            at = unit.text.lower().find(needle)
            if at >= 0:
                hits.append(Hit(s_index, u_index, at, at + len(needle)))
                if len(hits) >= limit:
                    return hits
    return hits


def terms_in(guide: Guide, section: Section):
    """Glossary entries whose term the section uses."""
    text = (section.title + "\n" + section.text()).lower()
    return [entry for entry in guide.glossary if term_used(entry.term, text)]


def lookup(guide: Guide, term: str) -> list[GlossaryEntry]:
    """Glossary entries for a typed word: exact, else containing it, else sharing its first 3 letters."""
    wanted = " ".join(term.split()).lower()
    entries = guide.glossary
    found = [e for e in entries if e.term.lower() == wanted] or [
        e for e in entries if wanted in e.term.lower()]
    if not found and len(wanted) >= 3:
        found = [e for e in entries if e.term.lower().startswith(wanted[:3])]
    return found

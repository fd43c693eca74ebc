"""The guide as plain typed data. Knows nothing of YAML, Textual or speech."""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Paragraph:
    text: str
    line: int = 0  # line in the source file, for messages


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]
    line: int = 0


Block = Paragraph | BulletList


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    summary: str
    blocks: tuple[Block, ...]
    sources: tuple[str, ...]
    line: int = 0

    def text(self) -> str:
        """All the words of the section, for search, word counts and reading level."""
        parts: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                parts.append(block.text)
            else:
                parts.extend(block.items)
        return "\n".join(parts)


@dataclass(frozen=True)
class RedFlags:
    heading: str
    action: str
    signs: tuple[str, ...]

    def localised(self, care_line: str = "", emergency_number: str = "", in_clinic: bool = False
                  ) -> "RedFlags":
        """The panel for one place. The guide cannot know local numbers, so a kiosk or a user
        may give them; they follow the guide's action. On a clinic kiosk, staff are nearer than
        any phone, so that comes first. With nothing given, the guide's own wording is kept."""
        before = ["If you are in the clinic now, tell a member of staff now."] if in_clinic else []
        after = [f"Your 24-hour cancer line: {care_line}."] if care_line else []
        after += [f"Emergency number: {emergency_number}."] if emergency_number else []
        if not before and not after:
            return self
        return replace(self, action=" ".join([*before, self.action, *after]))


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    meaning: str


@dataclass(frozen=True)
class SourceDocument:
    file: str
    title: str


@dataclass(frozen=True)
class Guide:
    title: str
    disclaimer: str
    red_flags: RedFlags
    sections: tuple[Section, ...]
    glossary: tuple[GlossaryEntry, ...]
    sources: tuple[SourceDocument, ...]
    path: str = ""
    _by_id: dict[str, Section] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({s.id: s for s in self.sections})

    def section(self, section_id: str) -> Section:
        return self._by_id[section_id]

    def index_of(self, section_id: str) -> int:
        return self.sections.index(self._by_id[section_id])


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def term_used(term: str, lowered_text: str) -> bool:
    """A match at the start of a word, so 'CT' is not found inside 'affect'. (str.find, not a
    regex with a look-behind: that tries every position of the guide, ~1 ms a term.)"""
    needle, start = term.lower(), 0
    while (at := lowered_text.find(needle, start)) != -1:
        if at == 0 or lowered_text[at - 1] not in _WORD_CHARS:
            return True
        start = at + 1
    return False

"""What is said: the words every front end speaks or prints for a section, a search hit, the
warning signs, 'where am I' and the end of a section. One wording, so the reader, plain mode,
the exports and `speak` never drift apart. Returns strings; knows nothing of screens or voices.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.model import Guide, RedFlags, Section

if TYPE_CHECKING:
    from tui.core.reading import Hit

# tui.core.reading (the sentence splitter) is imported where it is needed: the warning signs'
# script is made as the app starts, beside Textual drawing the first screen, and needs none of it.


def plural(count: int, word: str) -> str:
    """'1 match', '2 matches', '1 section', '3 sections'."""
    if count == 1:
        return f"{count} {word}"
    return f"{count} {word}{'es' if word.endswith(('ch', 'sh', 's', 'x')) else 's'}"


def section_sentences(section: Section) -> list[str]:
    """A whole section as it is read aloud: its title, then every sentence in reading order."""
    from tui.core.reading import reading_units
    return [section.title + "."] + [s for unit in reading_units(section) for s in unit.sentences]


def red_flags(flags: RedFlags) -> list[str]:
    """The warning signs as read aloud: the action first and last, the signs numbered between."""
    return ([flags.heading + ".", flags.action]
            + [f"{n}. {sign}" for n, sign in enumerate(flags.signs, 1)] + [flags.action])


def section_heading(guide: Guide, index: int) -> str:
    """What is announced on arriving at a section."""
    return f"Section {index + 1}: {guide.sections[index].title}"


def hit_line(guide: Guide, hit: Hit, width: int = 60) -> str:
    """A search result in words: the section's title and the text around the match."""
    return f"{guide.sections[hit.section_index].title}: {hit.snippet(guide, width)[0]}"


def where_in_section(guide: Guide, index: int, unit: str, at: int, count: int,
                     back: str = "contents") -> str:
    """'Where am I' in a section; `unit` is what the reader steps by (paragraph or sentence),
    `back` what Escape goes back to (the contents, or the search results it was opened from)."""
    return (f"Section {index + 1} of {len(guide.sections)}: {guide.sections[index].title}. "
            f"{unit.capitalize()} {at + 1} of {count}. Press Escape to go back to the {back}.")


def end_of_section(guide: Guide, index: int, next_keys: str, to_contents: str) -> str:
    """The note under a section's last line, in the keys of the front end showing it."""
    sections = guide.sections
    after = (f"Press {next_keys} for the next section: {sections[index + 1].title}."
             if index + 1 < len(sections) else "This is the last section.")
    return f"— End of section {index + 1}. {after} {to_contents} —"

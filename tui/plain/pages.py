"""What line mode shows for each answer, as wrapped plain lines (from the core's render)."""

from __future__ import annotations

from tui.core import render
from tui.core.model import Guide
from tui.core.reading import Hit, terms_in
from tui.core.script import plural


def menu(guide: Guide, width: int) -> list[str]:
    lines = ["Menu. Type a number and press Enter."] + render.numbered(0, guide.red_flags.heading, width)
    for number, section in enumerate(guide.sections, 1):
        lines += render.numbered(number, section.title, width)
    return lines + ["Type h for help, q to quit."]


def section(guide: Guide, index: int, width: int, moves: str, mark: tuple[int, str] | None = None
            ) -> tuple[list[str], list[tuple[int, int]], int]:
    """A section's lines, each paragraph's (first line, end line) in them, and the line of the
    match. `mark` is (unit, heading): the paragraph holding a match gets a line of its own
    before it, "Match 2 of 5 for ...", words a screen reader says, so the match is found by
    ear and on a braille line."""
    shown, total = guide.sections[index], len(guide.sections)
    lines = render.para(f"Section {index + 1} of {total}: {shown.title}", width)
    heading = render.para(mark[1], width) if mark else []
    spans: list[tuple[int, int]] = []
    top = len(lines)
    lines += render.section_body(shown, width, {mark[0]: heading} if mark else None, spans)
    spans = [(top + first, top + end) for first, end in spans]
    at = lines.index(heading[0]) if heading else 0
    terms = [e.term for e in terms_in(guide, shown)]
    extra = render.para("Words in the glossary: " + ", ".join(terms)
                        + ". Type g and the word to look one up.", width) if terms else []
    extra += render.sources_line(guide, shown, width)
    if extra:
        lines += [""] + extra
    lines += [""] + render.para(f"End of section {index + 1} of {total}. {moves}.", width)
    return lines, spans, at


def warning(guide: Guide, width: int) -> list[str]:
    return render.red_flag_lines(guide.red_flags, width) + [""] + render.para(
        "m menu, r read aloud, n and p the sections around the one you were reading.", width)


def results(guide: Guide, query: str, hits: list[Hit], in_flags: bool, width: int) -> list[str]:
    sections = sorted({h.section_index for h in hits})
    head = f'"{query}": {plural(len(hits), "match")} in {plural(len(sections), "section")}.'
    if hits:
        head += (" Type a section's number to open it at its first match; then n and N go to "
                 "the next and previous match, l back to this list.")
    lines = render.para(head, width)
    if in_flags:
        lines += render.numbered(0, f"{guide.red_flags.heading} (also mentions it)", width)
    for index in sections:
        lines += render.numbered(index + 1, guide.sections[index].title, width)
        for hit in (h for h in hits if h.section_index == index):
            text = hit.snippet(guide, width=width - 8)[0]
            lines += render.para(text, width, first="   - ", indent="     ")
    return lines


def glossary(guide: Guide, width: int) -> list[str]:
    entries = guide.glossary
    return render.para(f"Glossary: {len(entries)} words. Type g and a word to see what it means.",
                       width) + render.glossary_lines(entries, width)


def bookmarks(guide: Guide, marks: list, width: int) -> list[str]:
    lines = [f"Bookmarks: {len(marks)}. Type bookmarks and a number to go there, "
             "or bookmarks delete and a number to remove one."]
    for number, place in enumerate(marks, 1):
        lines += render.numbered(number, place.describe(guide), width)
    return lines

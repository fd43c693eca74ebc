"""The guide as plain text: lines of at most 72 characters, ASCII-friendly, no markup.

For printing in large type or reading on any device (including a braille display or a
phone). Headings are numbered like the reader's menu; lists are "- " items.
"""

from __future__ import annotations

from tui.core import render
from tui.core.model import Guide
from tui.core.render import MAX_WIDTH as WIDTH, item, numbered, para


def guide_to_text(guide: Guide) -> str:
    note = para("Please note: " + guide.disclaimer, WIDTH)
    lines = para(guide.title, WIDTH) + [""] + note
    lines += ["", "", "Contents", ""] + numbered(0, guide.red_flags.heading, WIDTH)
    for number, section in enumerate(guide.sections, 1):
        lines += numbered(number, section.title, WIDTH)
    lines += ["   Glossary", "   Sources"]
    lines += ["", ""] + render.red_flag_lines(guide.red_flags, WIDTH)
    for number, section in enumerate(guide.sections, 1):
        lines += ["", ""] + numbered(number, section.title, WIDTH) + render.section_body(section, WIDTH)
        sources = render.sources_line(guide, section, WIDTH)
        lines += [""] + sources if sources else []
    if guide.glossary:
        lines += ["", "", "Glossary", ""] + render.glossary_lines(guide.glossary, WIDTH)
    lines += ["", "", "Sources", ""]
    for source in guide.sources:
        lines += item(f"{source.title} ({source.file})", WIDTH)
    lines += ["", ""] + note
    return "\n".join(line.rstrip() for line in lines) + "\n"

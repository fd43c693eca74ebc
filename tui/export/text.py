"""The guide as plain text: lines of at most 72 characters, ASCII-friendly, no markup.

For printing in large type or reading on any device (including a braille display or a
phone). Headings are numbered like the reader's menu; lists are "- " items.
"""

from __future__ import annotations

from tui.core.render import MAX_WIDTH, plainify, wrap
from tui.core.model import Guide, Paragraph

WIDTH = MAX_WIDTH


def _para(text: str, first: str = "", indent: str = "") -> list[str]:
    return wrap(plainify(text), WIDTH, indent=indent, first=first)


def _numbered(number: int | str, text: str) -> list[str]:
    prefix = f"{number}. "
    return _para(text, first=prefix, indent=" " * len(prefix))


def guide_to_text(guide: Guide) -> str:
    lines: list[str] = []
    lines += _para(guide.title)
    lines += [""] + _para("Please note: " + guide.disclaimer)

    lines += ["", "", "Contents", ""]
    lines += _numbered(0, guide.red_flags.heading)
    for number, section in enumerate(guide.sections, 1):
        lines += _numbered(number, section.title)
    lines += _para("Glossary", first="   ", indent="   ")
    lines += _para("Sources", first="   ", indent="   ")

    flags = guide.red_flags
    lines += ["", ""] + _para(flags.heading)
    lines += [""] + _para(flags.action) + [""]
    for number, sign in enumerate(flags.signs, 1):
        lines += _numbered(number, sign)
    lines += [""] + _para(flags.action)

    titles = {s.file: s.title for s in guide.sources}
    for number, section in enumerate(guide.sections, 1):
        lines += ["", ""] + _numbered(number, section.title)
        lines += [""] + _para("In short: " + section.summary)
        for block in section.blocks:
            lines.append("")
            if isinstance(block, Paragraph):
                lines += _para(block.text)
            else:
                for item in block.items:
                    lines += _para(item, first="- ", indent="  ")
        if section.sources:
            lines += [""] + _para("Source: " + "; ".join(titles.get(f, f) for f in section.sources)
                                  + ".")

    if guide.glossary:
        lines += ["", "", "Glossary", ""]
        for entry in guide.glossary:
            lines += _para(f"{entry.term}: {entry.meaning}", first="- ", indent="  ")
    lines += ["", "", "Sources", ""]
    for source in guide.sources:
        lines += _para(f"{source.title} ({source.file})", first="- ", indent="  ")
    lines += ["", ""] + _para("Please note: " + guide.disclaimer)
    return "\n".join(line.rstrip() for line in lines) + "\n"

"""The guide as wrapped plain lines, shared by plain (screen-reader) mode and the exports.

`plainify` turns guide text into ASCII-friendly text: typographic quotes, dashes and
ellipses become their ASCII forms, and anything a braille display or a text-only
printer shows badly (control characters, escape sequences, box drawing, emoji)
is dropped. Accented letters are kept: they are real words.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata

from tui.core.model import Guide, Paragraph, RedFlags, Section

MAX_WIDTH = 72

_REPLACE = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": " - ", "\u2015": " - ",
    "\u2212": "-",
    "\u2026": "...",
    "\u2022": "-", "\u2023": "-", "\u2043": "-", "\u00b7": "-", "\u25cf": "-", "\u25e6": "-",
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ",
    "\u2192": "->", "\u2190": "<-", "\u2264": "<=", "\u2265": ">=", "\u00d7": "x",
    "\u2122": "(TM)", "\u00ae": "(R)", "\u00a9": "(C)",
}
_REPLACE_RE = re.compile("|".join(map(re.escape, _REPLACE)))
# Escape sequences first (so their parameters go too), then any other control character.
_ANSI_RE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)?|\x1b[@-_]?|\x9b[0-?]*[ -/]*[@-~]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ZERO_WIDTH_RE = re.compile("[\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff]")


def ascii_typography(text: str) -> str:
    """Typographic quotes, dashes, ellipses and arrows as their ASCII forms; nothing else changed."""
    return _REPLACE_RE.sub(lambda m: _REPLACE[m.group(0)], text)


def _dropped(ch: str) -> bool:
    code = ord(ch)
    if 0x2500 <= code <= 0x259F:  # box drawing and block elements
        return True
    if code >= 0x1F000 or 0x2600 <= code <= 0x27BF or 0x2B00 <= code <= 0x2BFF:
        return True  # emoji, pictographs, dingbats, arrows-and-symbols
    return unicodedata.category(ch) in ("Co", "Cs", "Cn")  # private use, surrogates, unassigned


def plainify(text: str, keep_spaces: bool = False) -> str:
    """ASCII-friendly, escape-free text; whitespace runs become single spaces per line
    unless `keep_spaces` (for lines already laid out)."""
    text = _ANSI_RE.sub("", text)
    text = _REPLACE_RE.sub(lambda m: _REPLACE[m.group(0)], text)
    text = _ZERO_WIDTH_RE.sub("", text)
    text = _CONTROL_RE.sub(" ", text.replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(ch for ch in text if not _dropped(ch))
    if keep_spaces:
        return "\n".join(line.rstrip() for line in text.split("\n"))
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


def wrap(text: str, width: int, indent: str = "", first: str | None = None) -> list[str]:
    """Wrap one paragraph; `first` is the first line's prefix (default: `indent`)."""
    width = max(20, width)
    return textwrap.wrap(text, width=width, initial_indent=indent if first is None else first,
                         subsequent_indent=indent, break_long_words=True,
                         break_on_hyphens=False) or [(first or indent).rstrip()]


# -- the guide as wrapped lines -------------------------------------------------------------------

def para(text: str, width: int, first: str = "", indent: str = "") -> list[str]:
    """One paragraph of guide text, made plain and wrapped."""
    return wrap(plainify(text), width, indent=indent, first=first)


def numbered(number: int | str, text: str, width: int) -> list[str]:
    prefix = f"{number}. "
    return para(text, width, first=prefix, indent=" " * len(prefix))


def item(text: str, width: int) -> list[str]:
    return para(text, width, first="- ", indent="  ")


def section_body(section: Section, width: int, before: dict[int, list[str]] | None = None,
                 spans: list[tuple[int, int]] | None = None) -> list[str]:
    """The summary, then every block, a blank line before each; `before[n]` goes just before
    reading unit n (a paragraph, or one bullet: the flattening of core.reading). `spans`, if
    given, gets each unit's (first line, end line) in the lines returned."""
    lines = [""] + para("In short: " + section.summary, width)
    unit = 0
    for block in section.blocks:
        lines.append("")
        texts = [block.text] if isinstance(block, Paragraph) else block.items
        for text in texts:
            lines += (before or {}).get(unit, [])
            first = len(lines)
            lines += para(text, width) if isinstance(block, Paragraph) else item(text, width)
            if spans is not None:
                spans.append((first, len(lines)))
            unit += 1
    return lines


def sources_line(guide: Guide, section: Section, width: int) -> list[str]:
    titles = {s.file: s.title for s in guide.sources}
    sources = [titles.get(f, f) for f in section.sources]
    return para("Source: " + "; ".join(sources) + ".", width) if sources else []


def red_flag_lines(flags: RedFlags, width: int) -> list[str]:
    """Heading, what to do, the numbered signs, and what to do again."""
    lines = para(flags.heading, width) + [""] + para(flags.action, width) + [""]
    for number, sign in enumerate(flags.signs, 1):
        lines += numbered(number, sign, width)
    return lines + [""] + para(flags.action, width)


def glossary_lines(entries, width: int) -> list[str]:
    return [line for e in entries for line in item(f"{e.term}: {e.meaning}", width)]

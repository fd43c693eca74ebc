"""The symbols the app draws, in a set this terminal can show; picked once, from the locale and TERM.

Like mutt's `ascii_chars` and tig's `line-graphics=ascii`: in a non-UTF-8 locale (LANG=C, a
Latin-1 locale) every symbol has an ASCII stand-in, and the guide's own typographic characters
(dashes, curly quotes, ellipses) become ASCII too. On the Linux text console (TERM=linux, where
the kiosk runs) the default console fonts (Lat15, default8x16) have ASCII, Latin-1 and the
light and double box-drawing lines, but no emoji, arrows like ➜ or triangles like ▶, and no
eighth-blocks (▔▁▊▎): only those glyphs are used there.
"""

from __future__ import annotations

import dataclasses
import os
import re
import unicodedata
from typing import Mapping

UNICODE = "unicode"
CONSOLE = "console"  # the Linux text console's font: ASCII + Latin-1 + box drawing + full block
ASCII = "ascii"

_SYMBOLS: dict[str, tuple[str, str, str]] = {  # name: (unicode, console, ascii)
    "warning": ("⚠", "!", "!"),
    "action": ("➜", "->", "->"),
    "muted": ("🔇", "(no sound)", "(no sound)"),
    "left": ("◀", "<", "<"),
    "right": ("▶", ">", ">"),
    "dash": ("—", "-", "-"),
    "dot": ("·", "·", "|"),
    "open_mark": ("«", "«", ">>"),
    "close_mark": ("»", "»", "<<"),
    "open_quote": ("“", '"', '"'),
    "close_quote": ("”", '"', '"'),
    "ellipsis": ("…", "...", "..."),
    "left_arrow": ("←", "Left", "Left"),
    "right_arrow": ("→", "Right", "Right"),
    "bullet": ("•", "-", "-"),
    "spoken": ("▶", ">", ">"),
    "focus": ("▶", ">", ">"),
    "block": ("█", "█", "#"),
}


def declared_locale(env: Mapping[str, str]) -> str:
    """The locale the user asked for. Python (PEP 538) coerces a C locale by setting
    LC_CTYPE=C.UTF-8 in the environment, so a C.UTF-8 LC_CTYPE next to a LANG is taken to be
    Python's and LANG wins."""
    if env.get("LC_ALL"):
        return env["LC_ALL"]
    ctype = env.get("LC_CTYPE", "")
    if ctype and not (ctype.lower().replace("-", "") == "c.utf8" and env.get("LANG")):
        return ctype
    return env.get("LANG", "") or ctype or "C"


def choose(env: Mapping[str, str] | None = None) -> str:
    env = os.environ if env is None else env
    codeset = declared_locale(env).partition(".")[2].partition("@")[0].lower().replace("-", "")
    if codeset != "utf8":
        return ASCII
    if env.get("TERM", "") == "linux":
        return CONSOLE
    return UNICODE


SET = choose()


_COLUMN = {UNICODE: 0, CONSOLE: 1, ASCII: 2}  # which form of each symbol a set draws


def glyph(name: str) -> str:
    return _SYMBOLS[name][_COLUMN[SET]]


def fit_text(text: str, to: str | None = None) -> str:
    """Guide text made drawable: unchanged in UTF-8; typography to ASCII elsewhere; accents
    kept where the font has them (Latin-1 on the console), else their base letter."""
    to = to or SET
    if to == UNICODE or text.isascii():
        return text
    from tui.core.render import ascii_typography
    text = re.sub(" ?\u2014 ?", " \u2014 ", text)  # an em dash, spaced or not: " - "
    text = ascii_typography(text).replace("  -  ", " - ")
    out = []
    for ch in text:
        if ch.isascii() or (to == CONSOLE and ord(ch) < 0x100):
            out.append(ch)
        else:
            base = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
            out.append(base or "?")
    return "".join(out)


_NOT_TEXT = {"path", "_by_id"}  # a file's path, and an index rebuilt from the sections


def fit_guide(guide, to: str | None = None):
    """A copy of the guide (frozen dataclasses, tuples, strings) with every text fitted."""
    to = to or SET
    if to == UNICODE:
        return guide

    def fit(value):
        if isinstance(value, str):
            return fit_text(value, to)
        if isinstance(value, tuple):
            return tuple(fit(v) for v in value)
        if isinstance(value, list):
            return [fit(v) for v in value]
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return dataclasses.replace(value, **{f.name: fit(getattr(value, f.name))
                                                 for f in dataclasses.fields(value)
                                                 if f.init and f.name not in _NOT_TEXT})
        return value
    return fit(guide)


_TABLES = {to: {ord(forms[0]): forms[column] for forms in _SYMBOLS.values()}
           for to, column in _COLUMN.items()}


def ui(text: str, to: str | None = None) -> str:
    """A line of the app's own text (hints, status lines, marks) in this terminal's symbols."""
    to = to or SET
    if to == UNICODE:
        return text
    return fit_text(text.translate(_TABLES[to]), to)


def use_plain_scrollbars() -> None:
    """Scrollbars without eighth-blocks (▁▂▃, ▉▊▋) where the terminal lacks them: the thumb is
    a run of whole cells, drawn in its colour. ScrollBar.renderer is Textual's public hook."""
    if SET == UNICODE:
        return
    from textual.scrollbar import ScrollBar, ScrollBarRender

    class WholeCellScrollBar(ScrollBarRender):
        VERTICAL_BARS = [" "] * 8
        HORIZONTAL_BARS = [" "] * 8

    ScrollBar.renderer = WholeCellScrollBar

"""WCAG 2 contrast arithmetic, and reading which colours a Textual screenshot really drew.

`contrast_ratio("#ffffff", "#000000") == 21.0`.  Colours may be hex strings ("#fff",
"#ffffff", "#ffffffff"), any string `textual.color.Color.parse` accepts, a
`textual.color.Color`, or an (r, g, b) tuple of 0-255 ints.  Alpha is ignored: pass
colours that are already blended (Textual's screenshots always are).

`pairs_from_svg(app.export_screenshot())` returns every (foreground, background) hex pair
used for a non-blank run of characters on screen (text, but also border and scrollbar
glyphs), so a test can screenshot each screen in each theme and demand >= 7:1.
`runs_from_svg` gives the same with the text, row and column, for readable failures, and
`low_contrast_runs(svg, 7.0)` lists only the offenders.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Iterable, Union

from textual.color import Color

ColorLike = Union[str, Color, tuple]

AAA_NORMAL = 7.0
"""WCAG 2 level AAA minimum for body text (1.4.6 Contrast, Enhanced)."""


def _rgb(color: ColorLike) -> tuple[int, int, int]:
    if isinstance(color, Color):
        return color.r, color.g, color.b
    if isinstance(color, tuple):
        return int(color[0]), int(color[1]), int(color[2])
    text = str(color).strip()
    if re.fullmatch(r"#?[0-9a-fA-F]{6}([0-9a-fA-F]{2})?", text):
        text = text.lstrip("#")
        return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)
    if re.fullmatch(r"#?[0-9a-fA-F]{3}([0-9a-fA-F])?", text):
        text = text.lstrip("#")
        return int(text[0] * 2, 16), int(text[1] * 2, 16), int(text[2] * 2, 16)
    parsed = Color.parse(text)
    return parsed.r, parsed.g, parsed.b


def to_hex(color: ColorLike) -> str:
    """Normalise a colour to lower-case "#rrggbb"."""
    r, g, b = _rgb(color)
    return f"#{r:02x}{g:02x}{b:02x}"


def _linear(channel: int) -> float:
    c = channel / 255.0
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(color: ColorLike) -> float:
    """WCAG 2 relative luminance, 0.0 (black) to 1.0 (white)."""
    r, g, b = _rgb(color)
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast_ratio(foreground: ColorLike, background: ColorLike) -> float:
    """WCAG 2 contrast ratio, 1.0 to 21.0; symmetric in its arguments."""
    l1 = relative_luminance(foreground)
    l2 = relative_luminance(background)
    lighter, darker = max(l1, l2), min(l1, l2)
    return (lighter + 0.05) / (darker + 0.05)


# --------------------------------------------------------------------------- SVG reading


@dataclass(frozen=True)
class Run:
    """One run of non-blank characters drawn in one style, as found in a screenshot."""

    text: str
    row: int
    column: int
    foreground: str  # "#rrggbb"
    background: str  # "#rrggbb"

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.foreground, self.background)

    def __str__(self) -> str:
        return (
            f"{self.foreground} on {self.background} ({self.ratio:.2f}:1) at row {self.row},"
            f" column {self.column}: {self.text!r}"
        )


_SVG_NS = "{http://www.w3.org/2000/svg}"
_CLASS_RULE = re.compile(r"\.([A-Za-z0-9_-]+)\s*\{([^}]*)\}")
_FILL = re.compile(r"fill\s*:\s*(#[0-9a-fA-F]{3,8})")
_LINE_HEIGHT = re.compile(r"-matrix\s*\{[^}]*line-height\s*:\s*([0-9.]+)px", re.S)
_CLIP_LINE = re.compile(r"-line-(\d+)\)")
_BLANK = set(" \u00a0\n\r\t")


def _tag(element: ET.Element) -> str:
    return element.tag.replace(_SVG_NS, "")


def runs_from_svg(svg_text: str) -> list[Run]:
    """Every run of non-blank characters in a Rich/Textual SVG screenshot with its colours.

    Format (rich.console.Console.export_svg, used by App.export_screenshot): each segment
    with a background gets `<rect fill=BG x y width height shape-rendering="crispEdges">`
    (y = row * line_height + 1.5); each segment that is not all spaces gets
    `<text class="UID-rN" x y textLength clip-path="url(#UID-line-ROW)">`, and the class
    maps to `fill: FG` in the <style> block (reverse and dim are already resolved there).
    A segment without a background of its own shows the terminal's default background,
    which is the fill of the window frame `<rect>` that has a stroke.
    """
    root = ET.fromstring(svg_text)

    style_text = "".join((el.text or "") for el in root.iter(f"{_SVG_NS}style"))
    class_fill: dict[str, str] = {}
    for name, body in _CLASS_RULE.findall(style_text):
        fill = _FILL.search(body)
        if fill:
            class_fill[name] = to_hex(fill.group(1))
    match = _LINE_HEIGHT.search(style_text)
    line_height = float(match.group(1)) if match else 24.4

    default_background = "#000000"
    # rows -> list of (x0, x1, fill)
    backgrounds: dict[int, list[tuple[float, float, str]]] = {}
    texts: list[tuple[int, float, float, str, str]] = []

    for element in root.iter():
        tag = _tag(element)
        if tag == "rect":
            fill = element.get("fill")
            if not fill:
                continue  # clip-path rectangles
            if element.get("stroke") is not None:
                default_background = to_hex(fill)  # the window frame
                continue
            if element.get("shape-rendering") != "crispEdges":
                continue
            x = float(element.get("x", 0))
            y = float(element.get("y", 0))
            width = float(element.get("width", 0))
            row = round((y - 1.5) / line_height)
            backgrounds.setdefault(row, []).append((x, x + width, to_hex(fill)))
        elif tag == "text":
            classes = (element.get("class") or "").split()
            fill = next((class_fill[c] for c in classes if c in class_fill), None)
            if fill is None:
                continue  # the window title, not terminal content
            content = "".join(element.itertext())
            if all(ch in _BLANK for ch in content):
                continue
            clip = _CLIP_LINE.search(element.get("clip-path") or "")
            if clip:
                row = int(clip.group(1))
            else:
                row = round((float(element.get("y", 0)) - line_height * 0.82) / line_height)
            x = float(element.get("x", 0))
            width = float(element.get("textLength", 0))
            texts.append((row, x, x + width, content, fill))

    char_width = _char_width(texts)
    runs: list[Run] = []
    for row, x0, x1, content, fill in texts:
        under = [
            bg
            for (b0, b1, bg) in backgrounds.get(row, [])
            if b0 < x1 - 0.01 and b1 > x0 + 0.01
        ]
        if not under:
            under = [default_background]
        column = round(x0 / char_width) if char_width else 0
        for bg in dict.fromkeys(under):
            runs.append(Run(content.replace("\u00a0", " "), row, column, fill, bg))
    return runs


def _char_width(texts: Iterable[tuple[int, float, float, str, str]]) -> float:
    for _row, x0, x1, content, _fill in texts:
        if content and x1 > x0:
            return (x1 - x0) / len(content)
    return 0.0


def pairs_from_svg(svg_text: str) -> set[tuple[str, str]]:
    """The set of (foreground "#rrggbb", background "#rrggbb") drawn for non-blank text."""
    return {(run.foreground, run.background) for run in runs_from_svg(svg_text)}


def low_contrast_runs(svg_text: str, minimum: float = AAA_NORMAL) -> list[Run]:
    """Runs whose contrast is below `minimum` (default 7:1), one per distinct pair."""
    seen: dict[tuple[str, str], Run] = {}
    for run in runs_from_svg(svg_text):
        key = (run.foreground, run.background)
        if key not in seen and run.ratio < minimum:
            seen[key] = run
    return list(seen.values())


__all__ = [
    "AAA_NORMAL",
    "Run",
    "contrast_ratio",
    "low_contrast_runs",
    "pairs_from_svg",
    "relative_luminance",
    "runs_from_svg",
    "to_hex",
]

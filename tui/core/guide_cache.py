"""The reader's guide, checked once and remembered, so the first screen need not wait for YAML.

Importing PyYAML and parsing and checking the guide take ~30 ms, a third of what bone-guide
added to Textual's own start-up. A guide that passed every check is kept in the cache folder
(tui.cache) as JSON (never pickle: a cache file must not be able to run code), together with
the exact text it was made from and a fingerprint of the loader's own code. It is used only
when the guide file holds exactly that text and the loader has not changed; anything else
(another text, a newer loader, a missing, unreadable, truncated or tampered entry) loads and
checks the guide as before and writes the entry anew. Problems in a guide are therefore always
found by the loader itself: an invalid guide is never cached.

Every string read back is checked again for characters a terminal would obey (tui.safe_text),
so even a hand-edited entry cannot put an escape sequence on the screen.
"""

from __future__ import annotations

import json
import sys
import zlib
from pathlib import Path

from tui.core.model import BulletList, GlossaryEntry, Guide, Paragraph, RedFlags, Section, SourceDocument
from tui.safe_text import first_hostile

FORMAT = 1
# The code that decides what a guide file means: a change to any of them makes old entries stale.
_LOADER_FILES = ("core/load.py", "core/yamlcheck.py", "core/model.py", "safe_text.py",
                 "core/guide_cache.py")
MAX_BYTES = 1_000_000  # as tui.core.load: a bigger file goes to the loader, which says why


def load_guide_or_report(path: str | Path, err=None) -> Guide | None:
    """As tui.core.load.load_guide_or_report (the guide, or None after printing every problem),
    from the cache when the file is unchanged since it was last found valid."""
    from tui.regular_file import FileProblem, read_regular_file
    name = str(path)
    try:
        raw = read_regular_file(path, MAX_BYTES, "guide file")
        text = raw.decode("utf-8")
    except (FileProblem, UnicodeDecodeError):
        raw = None
    if raw is None or len(raw) > MAX_BYTES:  # the loader says what is wrong, in its own words
        from tui.core import load
        return load.load_guide_or_report(path, err)
    entry = _entry_name(name)
    guide = _from_entry(entry, text, name)
    if guide is not None:
        return guide
    from tui.core.load import GuideError, parse_guide
    try:
        guide = parse_guide(raw, name)  # the very bytes the entry will say it was made from
    except GuideError as exc:
        print(str(exc), file=err or sys.stderr)
        return None
    _store(entry, text, guide)
    return guide


def _entry_name(name: str) -> str:
    """One entry per guide file (by its full path), so the folder cannot fill up."""
    try:
        where = str(Path(name).resolve())
    except OSError:
        where = name
    return f"guide-{zlib.crc32(where.encode('utf-8', 'surrogateescape')):08x}.json"


def loader_fingerprint() -> str:
    package = Path(__file__).resolve().parent.parent
    crc = 0
    for relative in _LOADER_FILES:
        try:
            crc = zlib.crc32((package / relative).read_bytes(), crc)
        except OSError:
            return ""  # cannot tell whether the loader changed: never trust an entry
    return f"{FORMAT}-{crc:08x}"


def _from_entry(entry: str, text: str, name: str) -> Guide | None:
    from tui.cache import read_entry
    data = read_entry(entry)
    fingerprint = loader_fingerprint()
    if data is None or not fingerprint:
        return None
    try:
        stored = json.loads(data)
        if stored["loader"] != fingerprint or stored["text"] != text:
            return None
        return _guide(stored["guide"], name)
    except Exception:  # not JSON, another shape, a wrong type: as if there were no entry
        return None


def _store(entry: str, text: str, guide: Guide) -> None:
    from tui.cache import write_entry
    fingerprint = loader_fingerprint()
    if not fingerprint:
        return
    data = {"loader": fingerprint, "text": text, "guide": _plain(guide)}
    write_entry(entry, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def _plain(guide: Guide) -> dict:
    def block(b):
        if isinstance(b, Paragraph):
            return {"paragraph": b.text, "line": b.line}
        return {"bullets": list(b.items), "line": b.line}

    flags = guide.red_flags
    return {
        "title": guide.title, "disclaimer": guide.disclaimer,
        "red_flags": {"heading": flags.heading, "action": flags.action, "signs": list(flags.signs)},
        "sections": [{"id": s.id, "title": s.title, "summary": s.summary,
                      "blocks": [block(b) for b in s.blocks], "sources": list(s.sources),
                      "line": s.line} for s in guide.sections],
        "glossary": [[g.term, g.meaning] for g in guide.glossary],
        "sources": [[d.file, d.title] for d in guide.sources],
    }


class _Bad(Exception):
    pass


def _text(value) -> str:
    if not isinstance(value, str) or first_hostile(value) is not None:
        raise _Bad
    return value


def _texts(values) -> tuple[str, ...]:
    if not isinstance(values, list):
        raise _Bad
    return tuple(_text(v) for v in values)


def _line(value) -> int:
    if type(value) is not int:
        raise _Bad
    return value


def _guide(d: dict, name: str) -> Guide:
    def block(b):
        if "paragraph" in b:
            return Paragraph(text=_text(b["paragraph"]), line=_line(b["line"]))
        return BulletList(items=_texts(b["bullets"]), line=_line(b["line"]))

    flags = d["red_flags"]
    sections = tuple(Section(id=_text(s["id"]), title=_text(s["title"]), summary=_text(s["summary"]),
                             blocks=tuple(block(b) for b in s["blocks"]),
                             sources=_texts(s["sources"]), line=_line(s["line"]))
                     for s in d["sections"])
    if not sections:
        raise _Bad
    return Guide(title=_text(d["title"]), disclaimer=_text(d["disclaimer"]),
                 red_flags=RedFlags(heading=_text(flags["heading"]), action=_text(flags["action"]),
                                    signs=_texts(flags["signs"])),
                 sections=sections,
                 glossary=tuple(GlossaryEntry(term=_text(t), meaning=_text(m)) for t, m in d["glossary"]),
                 sources=tuple(SourceDocument(file=_text(f), title=_text(t)) for f, t in d["sources"]),
                 path=name)

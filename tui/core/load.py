"""Turn a guide's YAML into the typed model, checking it on the way.

Every problem is collected as `FILE:LINE: message` so an author sees them all
at once. The YAML node tree is walked (not the plain dicts) to keep line numbers.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from yaml.nodes import Node, ScalarNode, SequenceNode

from tui.core.bundled import bundled_guide_path  # noqa: F401 (where callers have always found it)
from tui.core.model import (
    Block, BulletList, GlossaryEntry, Guide, Paragraph, RedFlags, Section, SourceDocument, term_used,
)
from tui.core.yamlcheck import Checker, CheckError, compose, decode, read


class GuideError(CheckError):
    """One or more problems in a guide file; str() gives one `FILE:LINE: message` per line."""


MAX_BYTES = 1_000_000  # a guide is tens of kB; anything near this is a mistake
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def load_guide(path: str | Path) -> Guide:
    """Read, parse and check a guide file. Raises GuideError listing every problem."""
    name = str(Path(path))
    return parse_guide(read(name, MAX_BYTES, "guide file", GuideError), name)


def load_guide_or_report(path: str | Path, err=None) -> Guide | None:
    """For commands: the guide, or None after printing every problem (one line each) to stderr."""
    try:
        return load_guide(path)
    except GuideError as exc:
        print(str(exc), file=err or sys.stderr)
        return None


def parse_guide(raw: bytes, name: str) -> Guide:
    text = decode(raw, name, MAX_BYTES, f"file is over {MAX_BYTES // 1_000_000} MB; a guide must be "
                  f"under {MAX_BYTES // 1_000_000} MB", GuideError)
    root = compose(text, name, "a guide", GuideError)
    check = Checker(name)
    guide = _build_guide(root, check, name)
    if check.problems:
        raise GuideError(check.problems)
    assert guide is not None
    return guide


def _build_guide(root: Node, check: Checker, name: str) -> Guide | None:
    top = check.mapping(root, "the guide", {"title", "disclaimer", "sources", "red_flags",
                                            "sections", "glossary"})
    if top is None:
        return None
    title = check.text(top.get("title"), "title")
    disclaimer = check.text(top.get("disclaimer"), "disclaimer")
    sources = _sources(top.get("sources"), check)
    red_flags = _red_flags(top.get("red_flags"), check)
    known_files = {s.file for s in sources}
    sections = _sections(top.get("sections"), check, known_files)
    glossary = _glossary(top.get("glossary"), check, sections)
    if check.problems:
        return None
    return Guide(title=title, disclaimer=disclaimer, red_flags=red_flags, sections=sections,
                 glossary=glossary, sources=sources, path=name)


def _sources(node: Node | None, check: Checker) -> tuple[SourceDocument, ...]:
    out = []
    for i, item in enumerate(check.sequence(node, "sources"), 1):
        fields = check.mapping(item, f"sources item {i}", {"file", "title"})
        if fields is not None:
            file, title = check.text(fields.get("file"), "source file"), check.text(
                fields.get("title"), "source title")
            if file and title:
                out.append(SourceDocument(file=file, title=title))
    return tuple(out)


def _red_flags(node: Node | None, check: Checker) -> RedFlags | None:
    if node is None:
        return None
    fields = check.mapping(node, "red_flags", {"heading", "action", "signs"})
    if fields is None:
        return None
    heading = check.text(fields.get("heading"), "red_flags heading")
    action = check.text(fields.get("action"), "red_flags action")
    signs = check.texts(fields.get("signs"), "red_flags signs")
    return RedFlags(heading=heading, action=action, signs=signs)


def _sections(node: Node | None, check: Checker, known_files: set[str]) -> tuple[Section, ...]:
    out: list[Section] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(check.sequence(node, "sections"), 1):
        fields = check.mapping(item, f"section {i}", {"id", "title", "summary", "sources", "blocks"})
        if fields is None:
            continue
        sid = check.text(fields.get("id"), f"section {i} id")
        where = f"section '{sid}'" if sid else f"section {i}"
        if sid is not None:
            if not SLUG.match(sid):
                check.fail(fields["id"], f"{where}: id must be lowercase words joined by '-'")
            if sid in seen:
                check.fail(fields["id"], f"duplicate section id '{sid}' (first used on line {seen[sid]})")
            else:
                seen[sid] = fields["id"].start_mark.line + 1
        title = check.text(fields.get("title"), f"{where} title")
        summary = check.text(fields.get("summary"), f"{where} summary")
        sources = check.texts(fields.get("sources"), f"{where} sources")
        if isinstance(fields.get("sources"), SequenceNode):
            for src_node in fields["sources"].value:  # report each unknown source on its own line
                src = src_node.value.strip() if isinstance(src_node, ScalarNode) else None
                if src in sources and src not in known_files:
                    check.fail(src_node, f"{where}: source '{src}' is not in the guide's sources list")
        blocks = _blocks(fields.get("blocks"), check, where)
        if sid and title and summary and blocks:
            out.append(Section(id=sid, title=title, summary=summary, blocks=blocks,
                               sources=sources, line=item.start_mark.line + 1))
    return tuple(out)


def _blocks(node: Node | None, check: Checker, where: str) -> tuple[Block, ...]:
    out: list[Block] = []
    for i, item in enumerate(check.sequence(node, f"{where} blocks"), 1):
        fields = check.mapping(item, f"{where} block {i}", set(), {"paragraph", "bullets"})
        if fields is None:
            continue
        if len(fields) != 1:
            check.fail(item, f"{where} block {i} must have exactly one of 'paragraph' or 'bullets'")
            continue
        line = item.start_mark.line + 1
        if "paragraph" in fields:
            text = check.text(fields["paragraph"], f"{where} block {i} paragraph")
            if text:
                out.append(Paragraph(text=text, line=line))
        else:
            items = check.texts(fields["bullets"], f"{where} block {i} bullets")
            if items:
                out.append(BulletList(items=items, line=line))
    return tuple(out)


def _glossary(node: Node | None, check: Checker, sections: tuple[Section, ...]
              ) -> tuple[GlossaryEntry, ...]:
    out = []
    corpus = "\n".join(s.title + "\n" + s.text() for s in sections).lower()
    seen: set[str] = set()
    for i, item in enumerate(check.sequence(node, "glossary"), 1):
        fields = check.mapping(item, f"glossary item {i}", {"term", "meaning"})
        if fields is None:
            continue
        term = check.text(fields.get("term"), f"glossary item {i} term")
        meaning = check.text(fields.get("meaning"), f"glossary item {i} meaning")
        if term is None or meaning is None:
            continue
        if term.lower() in seen:
            check.fail(fields["term"], f"glossary term '{term}' appears twice")
        seen.add(term.lower())
        if sections and not term_used(term, corpus):
            check.fail(fields["term"], f"glossary term '{term}' is never used in any section")
        out.append(GlossaryEntry(term=term, meaning=meaning))
    return tuple(out)

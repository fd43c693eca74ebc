"""Turn a guide's YAML into the typed model, checking it on the way.

Every problem is collected as `FILE:LINE: message` so an author sees them all
at once. The YAML node tree is walked (not the plain dicts) to keep line numbers.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tui.core.model import (
    Block, BulletList, GlossaryEntry, Guide, Paragraph, RedFlags, Section, SourceDocument,
)
from tui.regular_file import FileProblem, read_regular_file
from tui.safe_text import describe, first_hostile, shown

MAX_BYTES = 1_000_000  # a guide is tens of kB; anything near this is a mistake
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class GuideError(Exception):
    """One or more problems in a guide file; str() gives one `FILE:LINE: message` per line."""

    def __init__(self, problems: list[str]):
        # Messages quote the file's name and its text: escape what a terminal would obey.
        problems = [shown(problem) for problem in problems]
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class _Checker:
    file: str
    problems: list[str] = field(default_factory=list)

    def fail(self, node_or_line: Node | int, message: str) -> None:
        line = node_or_line if isinstance(node_or_line, int) else node_or_line.start_mark.line + 1
        self.problems.append(f"{self.file}:{line}: {message}")

    # -- shape helpers: each returns None after reporting when the shape is wrong --

    def mapping(self, node: Node, where: str, required: set[str], optional: set[str] = frozenset()
                ) -> dict[str, Node] | None:
        if not isinstance(node, MappingNode):
            self.fail(node, f"{where} must be a map of keys, not {_kind(node)}")
            return None
        out: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if key in out:
                self.fail(key_node, f"{where}: key '{key}' appears twice")
            elif key not in required | optional:
                allowed = ", ".join(sorted(required | optional))
                self.fail(key_node, f"{where}: unknown key '{key}' (allowed: {allowed})")
            else:
                out[key] = value_node
        for key in sorted(required - out.keys()):
            self.fail(node, f"{where}: missing required key '{key}'")
        return out

    def text(self, node: Node | None, where: str) -> str | None:
        if node is None:
            return None
        if not isinstance(node, ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            self.fail(node, f"{where} must be text, not {_kind(node)}")
            return None
        value = " ".join(node.value.split()) if "\n" in node.value.strip() else node.value.strip()
        if not value:
            self.fail(node, f"{where} is empty")
            return None
        return value

    def sequence(self, node: Node | None, where: str) -> list[Node]:
        if node is None:
            return []
        if not isinstance(node, SequenceNode):
            self.fail(node, f"{where} must be a list, not {_kind(node)}")
            return []
        if not node.value:
            self.fail(node, f"{where} is an empty list")
        return list(node.value)

    def texts(self, node: Node | None, where: str) -> tuple[str, ...]:
        items = [self.text(n, f"{where} item {i}") for i, n in enumerate(self.sequence(node, where), 1)]
        return tuple(t for t in items if t is not None)


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a map"
    if isinstance(node, SequenceNode):
        return "a list"
    tag = node.tag.rsplit(":", 1)[-1]
    return {"str": "text", "int": "a number", "float": "a number", "bool": "true/false",
            "null": "nothing"}.get(tag, tag)


def load_guide(path: str | Path) -> Guide:
    """Read, parse and check a guide file. Raises GuideError listing every problem."""
    path = Path(path)
    name = str(path)
    try:
        raw = read_regular_file(path, MAX_BYTES, "guide file")
    except FileProblem as exc:
        raise GuideError([f"{name}: {exc.reason}"]) from None
    return parse_guide(raw, name)


def load_guide_or_report(path: str | Path, err=None) -> Guide | None:
    """For commands: the guide, or None after printing every problem (one line each) to stderr."""
    try:
        return load_guide(path)
    except GuideError as exc:
        print(str(exc), file=err or sys.stderr)
        return None


def parse_guide(raw: bytes, name: str) -> Guide:
    if len(raw) > MAX_BYTES:
        raise GuideError([f"{name}:1: file is over {MAX_BYTES // 1_000_000} MB; a guide must be under "
                          f"{MAX_BYTES // 1_000_000} MB"])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise GuideError([f"{name}:{line}: not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
                          "save the file as UTF-8"]) from None
    root = _compose(text, name)
    check = _Checker(name)
    guide = _build_guide(root, check, name)
    if check.problems:
        raise GuideError(check.problems)
    assert guide is not None
    return guide


# libyaml is ~50x faster than the pure-Python parser (the bundled guide: ~3 ms, not ~140 ms).
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 20  # a guide nests 6 deep; very deep nesting crashes libyaml's composer (C stack)


def _compose(text: str, name: str) -> Node:
    """Parse to a node tree, refusing anchors/aliases (a guide never needs them; they allow bombs)
    and absurd nesting (checked on the event stream, before anything recursive runs)."""
    try:
        depth = 0
        for event in yaml.parse(text, Loader=_Loader):
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                line = event.start_mark.line + 1
                raise GuideError([f"{name}:{line}: anchors and aliases (&{anchor} / *{anchor}) "
                                  "are not allowed in a guide"])
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise GuideError([f"{name}:{event.start_mark.line + 1}: lists and maps are "
                                      f"nested more than {MAX_DEPTH} deep"])
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        root = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:
        # The first bad character in the file is this one (libyaml's position counts bytes).
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        line = text[: max(text.find(chr(char)), 0)].count("\n") + 1
        raise GuideError([f"{name}:{line}: {describe(chr(char))} is not allowed in text; remove it"]
                         ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = " ".join((exc.problem or exc.context or "not valid YAML").split())
        if _tab_at(text, mark) or "tab" in problem.lower() or "'\\t'" in problem:
            problem = "a tab character; indent with spaces"
        elif exc.context and exc.context_mark and mark and exc.context_mark.line != mark.line:
            problem += f" ({exc.context.strip()} that starts on line {exc.context_mark.line + 1})"
        raise GuideError([f"{name}:{line}: not valid YAML: {problem}"]) from None
    except yaml.YAMLError as exc:
        raise GuideError([f"{name}:1: not valid YAML: {' '.join(str(exc).split())}"]) from None
    if root is None:
        raise GuideError([f"{name}:1: the file is empty"])
    hostile = _hostile_characters(root, text, name)
    if hostile:
        raise GuideError(hostile)
    return root


def _hostile_characters(root: Node, text: str, name: str) -> list[str]:
    """One problem for each key or value holding a character a terminal would obey rather than
    show (see tui.safe_text), e.g. from a YAML escape like "\\e]0;title\\a" or a raw U+202E."""
    lines = text.split("\n")
    problems, todo = [], [root]
    while todo:
        node = todo.pop()
        if isinstance(node, MappingNode):
            todo.extend(n for pair in reversed(node.value) for n in reversed(pair))
        elif isinstance(node, SequenceNode):
            todo.extend(reversed(node.value))
        elif isinstance(node, ScalarNode) and (at := first_hostile(node.value)) is not None:
            char = node.value[at]
            first, last = node.start_mark.line, min(node.end_mark.line, len(lines) - 1)
            # A raw character is found on its own line; one written as an escape is on the first.
            line = next((n for n in range(first, last + 1) if char in lines[n]), first) + 1
            problems.append(f"{name}:{line}: {describe(char)} is not allowed in text; remove it")
    return problems


def _tab_at(text: str, mark) -> bool:
    """Whether the error's line is indented with a tab (or the error points at one)."""
    if mark is None:
        return False
    lines = text.split("\n")
    if mark.line >= len(lines):
        return False
    line = lines[mark.line]
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    return "\t" in indent or line[mark.column: mark.column + 1] == "\t"


def _build_guide(root: Node, check: _Checker, name: str) -> Guide | None:
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


def _sources(node: Node | None, check: _Checker) -> tuple[SourceDocument, ...]:
    out = []
    for i, item in enumerate(check.sequence(node, "sources"), 1):
        fields = check.mapping(item, f"sources item {i}", {"file", "title"})
        if fields is not None:
            file, title = check.text(fields.get("file"), "source file"), check.text(
                fields.get("title"), "source title")
            if file and title:
                out.append(SourceDocument(file=file, title=title))
    return tuple(out)


def _red_flags(node: Node | None, check: _Checker) -> RedFlags | None:
    if node is None:
        return None
    fields = check.mapping(node, "red_flags", {"heading", "action", "signs"})
    if fields is None:
        return None
    heading = check.text(fields.get("heading"), "red_flags heading")
    action = check.text(fields.get("action"), "red_flags action")
    signs = check.texts(fields.get("signs"), "red_flags signs")
    return RedFlags(heading=heading, action=action, signs=signs)


def _sections(node: Node | None, check: _Checker, known_files: set[str]) -> tuple[Section, ...]:
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


def _blocks(node: Node | None, check: _Checker, where: str) -> tuple[Block, ...]:
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


def _glossary(node: Node | None, check: _Checker, sections: tuple[Section, ...]
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


def term_used(term: str, lowered_text: str) -> bool:
    """A whole-word match, so 'CT' is not found inside 'affect'."""
    return re.search(rf"(?<![a-z0-9]){re.escape(term.lower())}", lowered_text) is not None


def bundled_guide_path() -> Path:
    """The guide shipped inside the package (see pyproject's package data)."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "content" / "bone-metastases.yaml",
                      here.parent / "content" / "bone-metastases.yaml"):
        if candidate.exists():
            return candidate
    return here / "content" / "bone-metastases.yaml"

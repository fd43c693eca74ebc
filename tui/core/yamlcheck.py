"""Checking a YAML file node by node, so every problem is reported as `FILE:LINE: message`.

The guide loader and the kiosk config both use it: `read` takes the file (a regular file),
`decode` its bytes (size, UTF-8), `compose` parses safely (no anchors, no absurd nesting,
control characters and tabs named), `Checker` collects problems while walking the node tree
(maps, text, lists), `kind` names a node in words and `construct` gives a scalar's value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tui.regular_file import FileProblem, read_regular_file
from tui.safe_text import describe, first_hostile, shown


class CheckError(Exception):
    """One or more problems in a file; str() gives one `FILE:LINE: message` per line."""

    def __init__(self, problems: list[str]):
        # Messages quote the file's name and its text: escape what a terminal would obey.
        problems = [shown(problem) for problem in problems]
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Checker:
    file: str
    problems: list[str] = field(default_factory=list)

    def fail(self, node_or_line: Node | int, message: str) -> None:
        line = node_or_line if isinstance(node_or_line, int) else node_or_line.start_mark.line + 1
        self.problems.append(f"{self.file}:{line}: {message}")

    # -- shape helpers: each returns None after reporting when the shape is wrong --

    def mapping(self, node: Node, where: str, required: set[str], optional: set[str] = frozenset()
                ) -> dict[str, Node] | None:
        if not isinstance(node, MappingNode):
            self.fail(node, f"{where} must be a map of keys, not {kind(node)}")
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
            self.fail(node, f"{where} must be text, not {kind(node)}")
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
            self.fail(node, f"{where} must be a list, not {kind(node)}")
            return []
        if not node.value:
            self.fail(node, f"{where} is an empty list")
        return list(node.value)

    def texts(self, node: Node | None, where: str) -> tuple[str, ...]:
        items = [self.text(n, f"{where} item {i}") for i, n in enumerate(self.sequence(node, where), 1)]
        return tuple(t for t in items if t is not None)


def kind(node: Node) -> str:
    """A node's type in words, for messages: 'a map', 'text', 'a number'..."""
    if isinstance(node, MappingNode):
        return "a map"
    if isinstance(node, SequenceNode):
        return "a list"
    tag = node.tag.rsplit(":", 1)[-1]
    return {"str": "text", "int": "a number", "float": "a number", "bool": "true/false",
            "null": "nothing"}.get(tag, tag)


def read(path, limit: int, what: str, error: type[CheckError], at: str = "") -> bytes:
    """The file's bytes, or `error` saying why it is not a readable `what`: "PATH{at}: reason"."""
    try:
        return read_regular_file(path, limit, what)
    except FileProblem as exc:
        raise error([f"{path}{at}: {exc.reason}"]) from None


def decode(raw: bytes, name: str, limit: int, too_big: str, error: type[CheckError] = CheckError
           ) -> str:
    """The file's text; `too_big` says why a file over `limit` bytes cannot be one of these."""
    if len(raw) > limit:
        raise error([f"{name}:1: {too_big}"])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error([f"{name}:{line}: not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
                     "save the file as UTF-8"]) from None


def construct(node: ScalarNode):
    """A scalar node's Python value (int, float, bool...), as YAML's safe loader reads it."""
    return yaml.SafeLoader("").construct_object(node)


# libyaml is ~50x faster than the pure-Python parser (the bundled guide: ~3 ms, not ~140 ms).
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 20  # a guide nests 6 deep, a kiosk config 2; very deep nesting crashes libyaml's composer (C stack)


def compose(text: str, name: str, what: str = "a guide", error: type[CheckError] = CheckError) -> Node:
    """Parse to a node tree, refusing anchors/aliases (a guide never needs them; they allow bombs)
    and absurd nesting (checked on the event stream, before anything recursive runs)."""
    try:
        depth = 0
        for event in yaml.parse(text, Loader=_Loader):
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                line = event.start_mark.line + 1
                raise error([f"{name}:{line}: anchors and aliases (&{anchor} / *{anchor}) "
                                  f"are not allowed in {what}"])
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise error([f"{name}:{event.start_mark.line + 1}: lists and maps are "
                                      f"nested more than {MAX_DEPTH} deep"])
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        root = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:
        # The first bad character in the file is this one (libyaml's position counts bytes).
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        line = text[: max(text.find(chr(char)), 0)].count("\n") + 1
        raise error([f"{name}:{line}: {describe(chr(char))} is not allowed in text; remove it"]
                         ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = " ".join((exc.problem or exc.context or "not valid YAML").split())
        if _tab_at(text, mark) or "tab" in problem.lower() or "'\\t'" in problem:
            problem = "a tab character; indent with spaces"
        elif exc.context and exc.context_mark and mark and exc.context_mark.line != mark.line:
            problem += f" ({exc.context.strip()} that starts on line {exc.context_mark.line + 1})"
        raise error([f"{name}:{line}: not valid YAML: {problem}"]) from None
    except yaml.YAMLError as exc:
        raise error([f"{name}:1: not valid YAML: {' '.join(str(exc).split())}"]) from None
    if root is None:
        raise error([f"{name}:1: the file is empty"])
    hostile = _hostile_characters(root, text, name)
    if hostile:
        raise error(hostile)
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

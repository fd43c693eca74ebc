"""The guide loader: the bundled guide loads, and every kind of broken guide gives `FILE:LINE: message`.

Each broken guide is the small valid guide from `minimal_guide_text()` with one fault put in, so
the line of the fault is known exactly. The same files are also run through `bone-guide check`
as a separate process: exit 2, the same message, and never a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tui.core.load import GuideError, bundled_guide_path, load_guide, parse_guide
from tui.core.model import BulletList, Paragraph

BIN = Path(sys.executable).parent / "bone-guide"


def minimal_guide_text() -> str:
    """A small guide that passes every check. Line numbers below are relied on by the tests."""
    return """\
title: Test Guide
disclaimer: Ask your own doctor about your own care.
sources:
  - file: a.txt
    title: Source A
red_flags:
  heading: Warning signs
  action: Call for help now.
  signs:
    - Sudden back pain
    - Weak legs
sections:
  - id: first-part
    title: First part
    summary: The first part
    sources: [a.txt]
    blocks:
      - paragraph: Bone pain can be treated. Radiotherapy helps many people.
      - bullets:
          - Rest when you need to
          - Tell your nurse
  - id: second-part
    title: Second part
    summary: The second part
    sources:
      - a.txt
    blocks:
      - paragraph: Ask about your scan results.
glossary:
  - term: Radiotherapy
    meaning: Treatment with strong X-rays.
"""


def minimal_guide_dict() -> dict:
    return yaml.safe_load(minimal_guide_text())


def with_fault(old: str, new: str) -> bytes:
    """The minimal guide with the one text `old` (which must occur exactly once) replaced."""
    text = minimal_guide_text()
    assert text.count(old) == 1, f"{old!r} must occur once in the minimal guide"
    return text.replace(old, new).encode("utf-8")


def without_line(number: int) -> bytes:
    lines = minimal_guide_text().splitlines(keepends=True)
    del lines[number - 1]
    return "".join(lines).encode("utf-8")


def appended(extra: str) -> bytes:
    return (minimal_guide_text() + extra).encode("utf-8")


def billion_laughs() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append("title: *i")
    return ("\n".join(lines) + "\n").encode()


def ten_megabytes() -> bytes:
    words = "Bone pain can often be treated well. " * (10_500_000 // 37)
    return with_fault("Ask about your scan results.", words)


# (id, file bytes, expected line, key phrase of the message)
BROKEN: list[tuple[str, bytes, int, str]] = [
    ("unknown-top-key", appended("colour: blue\n"), 32, "unknown key 'colour'"),
    ("unknown-section-key", with_fault("    summary: The first part\n",
                                       "    summary: The first part\n    author: Bob\n"),
     16, "unknown key 'author'"),
    ("unknown-red-flags-key", with_fault("  action: Call for help now.\n",
                                         "  action: Call for help now.\n  colour: red\n"),
     9, "red_flags: unknown key 'colour'"),
    ("missing-title", without_line(1), 1, "missing required key 'title'"),
    ("missing-section-title", without_line(23), 22, "section 2: missing required key 'title'"),
    ("missing-red-flags-action", without_line(8), 7, "red_flags: missing required key 'action'"),
    ("missing-glossary-meaning", without_line(31), 30, "missing required key 'meaning'"),
    ("duplicate-section-id", with_fault("  - id: second-part", "  - id: first-part"),
     22, "duplicate section id 'first-part' (first used on line 13)"),
    ("duplicate-key", with_fault("title: Test Guide\n", "title: Test Guide\ntitle: Other\n"),
     2, "key 'title' appears twice"),
    ("duplicate-glossary-term", appended("  - term: radiotherapy\n    meaning: Again.\n"),
     32, "glossary term 'radiotherapy' appears twice"),
    ("bad-section-id", with_fault("id: first-part", "id: First Part"),
     13, "id must be lowercase words joined by '-'"),
    ("empty-title", with_fault("title: Test Guide", 'title: ""'), 1, "title is empty"),
    ("empty-paragraph", with_fault("paragraph: Ask about your scan results.", "paragraph: '   '"),
     28, "block 1 paragraph is empty"),
    ("empty-bullet", with_fault("- Tell your nurse", '- ""'), 21, "bullets item 2 is empty"),
    ("null-summary", with_fault("summary: The first part", "summary:"),
     15, "summary must be text, not nothing"),
    ("number-for-title", with_fault("title: Test Guide", "title: 42"),
     1, "title must be text, not a number"),
    ("number-in-bullets", with_fault("- Tell your nurse", "- 12.5"),
     21, "bullets item 2 must be text, not a number"),
    ("bool-for-summary", with_fault("summary: The second part", "summary: yes"),
     24, "summary must be text, not true/false"),
    ("map-for-list", with_fault("sources: [a.txt]", "sources: {file: a.txt}"),
     16, "sources must be a list, not a map"),
    ("map-for-signs", with_fault("    - Sudden back pain\n    - Weak legs\n",
                                 "      first: Sudden back pain\n"),
     10, "red_flags signs must be a list, not a map"),
    ("list-for-map", with_fault("      - paragraph: Ask about your scan results.",
                                "      - [Ask about your scan results.]"),
     28, "block 1 must be a map of keys, not a list"),
    ("text-for-bullets", with_fault("      - bullets:\n          - Rest when you need to\n"
                                    "          - Tell your nurse\n", "      - bullets: Rest\n"),
     19, "bullets must be a list, not text"),
    ("list-at-top", b"- title: Test Guide\n- sections: []\n", 1,
     "the guide must be a map of keys, not a list"),
    ("glossary-term-never-used", with_fault("term: Radiotherapy", "term: Scintigraphy"),
     30, "glossary term 'Scintigraphy' is never used in any section"),
    ("unknown-source-flow", with_fault("sources: [a.txt]", "sources: [a.txt, b.txt]"),
     16, "source 'b.txt' is not in the guide's sources list"),
    ("unknown-source-block", with_fault("      - a.txt\n", "      - a.txt\n      - zzz.txt\n"),
     27, "source 'zzz.txt' is not in the guide's sources list"),
    ("block-both-kinds", with_fault("      - paragraph: Ask about your scan results.",
                                    "      - paragraph: Ask about your scan results.\n"
                                    "        bullets: [Ask]"),
     28, "must have exactly one of 'paragraph' or 'bullets'"),
    ("block-unknown-kind", with_fault("      - paragraph: Ask about your scan results.",
                                      "      - quote: Ask about your scan results."),
     28, "unknown key 'quote' (allowed: bullets, paragraph)"),
    ("empty-block-map", with_fault("      - paragraph: Ask about your scan results.", "      - {}"),
     28, "must have exactly one of 'paragraph' or 'bullets'"),
    ("empty-sources-list", with_fault("sources: [a.txt]", "sources: []"),
     16, "section 'first-part' sources is an empty list"),
    ("empty-bullets-list", with_fault("      - bullets:\n          - Rest when you need to\n"
                                      "          - Tell your nurse\n", "      - bullets: []\n"),
     19, "bullets is an empty list"),
    ("empty-sections", with_fault("sections:\n", "sections: []\nold_sections:\n"),
     12, "sections is an empty list"),
    ("not-yaml-syntax", b"title: Test Guide\nsources: [a.txt, b.txt\nsections: x\n", 3,
     "not valid YAML"),
    ("not-yaml-prose", b"Just some notes\nabout bones, not a guide\n", 1,
     "the guide must be a map of keys, not text"),
    ("two-documents", appended("---\ntitle: Second\n"), 32, "not valid YAML"),
    ("not-utf8", with_fault("Weak legs", "Weak legs").replace(b"Weak legs", b"Weak l\xe9gs"),
     11, "not UTF-8"),
    ("control-character", with_fault("Ask about your scan", "Ask about\x07 your scan"),
     28, "control character (U+0007)"),
    ("tab-indent", with_fault("  heading: Warning signs", "\theading: Warning signs"),
     7, "tab character; indent with spaces"),
    ("tab-in-list", with_fault("    - Weak legs", "\t- Weak legs"), 11, "tab character"),
    ("ten-megabytes", ten_megabytes(), 1, "MB; a guide must be under 1 MB"),
    ("billion-laughs", billion_laughs(), 1, "anchors and aliases"),
    ("single-alias", with_fault("summary: The second part", "summary: *x"), 24,
     "anchors and aliases"),
    # Which parser layer stops this first (and so the wording) depends on the libyaml build:
    # only the behaviour is the test's business (None: any message on that line).
    ("deep-nesting", b"title: " + b"[" * 100_000 + b"\n", 1, None),
    ("empty-file", b"", 1, "the file is empty"),
    ("only-comments", b"# a guide will go here\n\n", 1, "the file is empty"),
]
IDS = [case[0] for case in BROKEN]


def test_minimal_guide_is_valid():
    guide = parse_guide(minimal_guide_text().encode(), "mini.yaml")
    assert guide.title == "Test Guide"
    assert [s.id for s in guide.sections] == ["first-part", "second-part"]
    assert guide.red_flags.signs == ("Sudden back pain", "Weak legs")
    first = guide.sections[0]
    assert isinstance(first.blocks[0], Paragraph) and first.blocks[0].line == 18
    assert isinstance(first.blocks[1], BulletList) and first.blocks[1].items[1] == "Tell your nurse"
    assert first.line == 13 and guide.sections[1].sources == ("a.txt",)
    assert guide.glossary[0].term == "Radiotherapy"


def test_minimal_guide_dumped_from_a_dict_is_valid(tmp_path):
    path = tmp_path / "dumped.yaml"
    path.write_text(yaml.safe_dump(minimal_guide_dict(), allow_unicode=True), encoding="utf-8")
    assert load_guide(path).sections[1].title == "Second part"


def test_bundled_guide_loads():
    path = bundled_guide_path()
    guide = load_guide(path)
    assert guide.title and guide.disclaimer
    assert len(guide.sections) >= 5
    assert guide.red_flags.signs
    assert len({s.id for s in guide.sections}) == len(guide.sections)
    for section in guide.sections:
        assert section.title and section.blocks and section.text().strip()


@pytest.mark.parametrize(("case", "raw", "line", "phrase"), BROKEN, ids=IDS)
def test_broken_guide_reports_file_and_line(tmp_path, case, raw, line, phrase):
    path = tmp_path / f"{case}.yaml"
    path.write_bytes(raw)
    with pytest.raises(GuideError) as caught:
        load_guide(path)
    problems = caught.value.problems
    prefix = f"{path}:{line}: "
    matching = [p for p in problems if p.startswith(prefix) and (phrase is None or phrase in p)]
    assert matching, f"want {prefix}...{phrase}; got:\n" + "\n".join(problems)
    for problem in problems:  # every problem is one line, FILE:LINE: message
        assert "\n" not in problem
        assert problem.startswith(f"{path}:")
        assert problem[len(str(path)) + 1:].split(":", 1)[0].isdigit()


def _run_cli(*args: str, cwd: str | Path = "/tmp", timeout: float = 60) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    command = [str(BIN)] if BIN.exists() else [sys.executable, "-m", "tui"]
    return subprocess.run(command + list(args), capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=timeout)


@pytest.mark.parametrize(("case", "raw", "line", "phrase"), BROKEN, ids=IDS)
def test_broken_guide_via_cli_exits_2_without_traceback(tmp_path, case, raw, line, phrase):
    path = tmp_path / f"{case}.yaml"
    path.write_bytes(raw)
    result = _run_cli("check", str(path), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert result.stdout == ""
    assert any(l.startswith(f"{path}:{line}: ") and (phrase is None or phrase in l)
               for l in result.stderr.splitlines()), result.stderr


@pytest.mark.parametrize("opener", [b"[", b"{a: "], ids=["lists", "maps"])
def test_absurd_nesting_is_one_line_exit_2(tmp_path, opener):
    """Whatever the YAML library's own limit says, the author sees one FILE:LINE: line."""
    path = tmp_path / "deep.yaml"
    path.write_bytes(b"title: " + opener * 100_000 + b"\n")
    result = _run_cli("check", str(path), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{path}:1: "), result.stderr


def test_several_faults_are_all_reported_at_once(tmp_path):
    text = (minimal_guide_text()
            .replace("title: Test Guide", "title: 42")                      # line 1
            .replace("  - id: second-part", "  - id: first-part")           # line 22
            .replace("    summary: The first part\n",
                     "    summary: The first part\n    author: Bob\n")     # line 16, shifts below +1
            .replace("term: Radiotherapy", "term: Scintigraphy"))           # line 31 after the shift
    path = tmp_path / "many.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GuideError) as caught:
        load_guide(path)
    problems = caught.value.problems
    expected = [(1, "title must be text, not a number"),
                (16, "unknown key 'author'"),
                (23, "duplicate section id 'first-part'"),
                (31, "glossary term 'Scintigraphy' is never used")]
    for line, phrase in expected:
        assert any(p.startswith(f"{path}:{line}: ") and phrase in p for p in problems), \
            f"missing {line}: {phrase} in:\n" + "\n".join(problems)
    assert len(problems) == len(expected), "\n".join(problems)

    result = _run_cli("check", str(path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[:len(expected)] == problems
    assert lines[-1] == f"{path}: {len(expected)} problems; the guide was not loaded"


def test_missing_file_and_folder_are_one_clear_message(tmp_path):
    with pytest.raises(GuideError) as caught:
        load_guide(tmp_path / "nope.yaml")
    assert caught.value.problems == [f"{tmp_path / 'nope.yaml'}: no such file (check the path)"]
    with pytest.raises(GuideError) as caught:
        load_guide(tmp_path)
    assert caught.value.problems == [f"{tmp_path}: is a folder, not a guide file"]


def test_utf8_with_byte_order_mark_loads(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + minimal_guide_text().encode())
    assert load_guide(path).title == "Test Guide"


def test_multiline_text_is_joined_into_one_line():
    raw = with_fault("      - paragraph: Ask about your scan results.",
                     "      - paragraph: >\n          Ask about\n          your scan results.")
    guide = parse_guide(raw, "folded.yaml")
    assert guide.sections[1].blocks[0].text == "Ask about your scan results."

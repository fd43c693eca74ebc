"""`bone-guide export --format html`: one accessible page, checked by structure and by axe-core.

The axe check runs scripts/a11y/a11y_check.mjs (axe-core in Debian's headless Chromium);
it skips only when node or chromium is missing. Set up with:
    apt-get install -y chromium nodejs npm && (cd scripts/a11y && npm ci)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_export_guide import ROOT, run_cli, write_sample_guide

from tui.export.html import guide_to_html, section_anchor
from tui.core.load import bundled_guide_path, load_guide
from tui.core.model import BulletList, Paragraph

A11Y_DIR = ROOT / "scripts" / "a11y"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class Outline(HTMLParser):
    """Collects what the tests look at: headings, ids, links, elements and their text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.problems: list[str] = []
        self.headings: list[tuple[int, str, str | None]] = []  # (level, text, id)
        self.ids: list[str] = []
        self.links: list[tuple[str, str]] = []  # (href, text)
        self.elements: list[tuple[str, dict, list[str]]] = []  # tag, attrs, ancestor tags
        self.text_of: dict[int, list[str]] = {}
        self.li_texts: list[str] = []
        self.p_texts: list[str] = []
        self.dt: list[str] = []
        self.dd: list[str] = []
        self.html_attrs: dict = {}
        self._open_text: list[tuple[str, dict, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_attrs = attrs
        if "id" in attrs:
            self.ids.append(attrs["id"])
        self.elements.append((tag, attrs, [t for t, _ in self.stack]))
        if tag in VOID:
            return
        self.stack.append((tag, attrs))
        self._open_text.append((tag, attrs, []))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.problems.append(f"</{tag}> does not close <{self.stack[-1][0] if self.stack else None}>")
            return
        self.stack.pop()
        open_tag, attrs, parts = self._open_text.pop()
        text = " ".join("".join(parts).split())
        if self._open_text:
            self._open_text[-1][2].append("".join(parts))
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append((int(tag[1]), text, attrs.get("id")))
        elif tag == "a":
            self.links.append((attrs.get("href", ""), text))
        elif tag == "li":
            self.li_texts.append(text)
        elif tag == "p":
            self.p_texts.append(text)
        elif tag == "dt":
            self.dt.append(text)
        elif tag == "dd":
            self.dd.append(text)

    def handle_data(self, data):
        if self._open_text:
            self._open_text[-1][2].append(data)


def outline(page: str) -> Outline:
    parser = Outline()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(params=["sample", "bundled"])
def guide_file(request, tmp_path):
    """The small test guide always; the bundled guide once it has been written."""
    if request.param == "sample":
        return write_sample_guide(tmp_path / "guide")
    path = bundled_guide_path()
    if not path.exists():
        pytest.skip(f"the bundled guide {path} is not there yet")
    return path


@pytest.fixture
def exported(guide_file, tmp_path):
    out = tmp_path / "html-out"
    result = run_cli("--guide", str(guide_file), "export", "--format", "html", "--out", str(out))
    assert result.returncode == 0, result.stderr
    page = out / f"{guide_file.stem}.html"
    assert page.exists(), result.stdout
    return load_guide(guide_file), page


def test_headings_are_one_h1_then_an_h2_per_part(exported):
    guide, page = exported
    doc = outline(page.read_text(encoding="utf-8"))
    assert doc.problems == []
    assert doc.stack == []
    assert doc.html_attrs.get("lang") == "en"
    levels = [level for level, _, _ in doc.headings]
    assert levels.count(1) == 1 and levels[0] == 1
    assert set(levels) <= {1, 2}
    h2 = [text for level, text, _ in doc.headings if level == 2]
    expected = [guide.red_flags.heading, "Contents", *[s.title for s in guide.sections]]
    expected += ["Glossary"] if guide.glossary else []
    expected += ["Sources"]
    assert h2 == [" ".join(t.split()) for t in expected]
    assert doc.headings[0][1] == " ".join(guide.title.split())


def test_every_section_is_there_with_its_words_and_lists(exported):
    guide, page = exported
    text = page.read_text(encoding="utf-8")
    doc = outline(text)
    for section in guide.sections:
        anchor = section_anchor(section)
        assert anchor in doc.ids
        assert f'aria-labelledby="{anchor}-heading"' in text
        for block in section.blocks:
            if isinstance(block, Paragraph):
                assert " ".join(block.text.split()) in doc.p_texts
            else:
                assert isinstance(block, BulletList)
                for item in block.items:
                    assert " ".join(item.split()) in doc.li_texts
    # the glossary is a definition list, term by term
    assert doc.dt == [e.term for e in guide.glossary]
    assert doc.dd == [" ".join(e.meaning.split()) for e in guide.glossary]
    for source in guide.sources:
        assert any(source.title in li for li in doc.li_texts)
    assert any(guide.disclaimer in p for p in doc.p_texts)


def test_warning_signs_come_first_in_a_labelled_region(exported):
    guide, page = exported
    text = page.read_text(encoding="utf-8")
    doc = outline(text)
    regions = [(attrs, parents) for tag, attrs, parents in doc.elements
               if tag == "section" and attrs.get("id") == "warning-signs"]
    assert len(regions) == 1
    attrs, parents = regions[0]
    label = attrs["aria-labelledby"]
    assert (2, " ".join(guide.red_flags.heading.split()), label) in doc.headings
    assert "main" in parents
    # before the contents and every section
    first_section = text.index(f'id="{section_anchor(guide.sections[0])}"')
    assert text.index('id="warning-signs"') < text.index('id="contents"') < first_section
    # action, the signs as an ordered list, action again
    region = text[text.index('id="warning-signs"'):text.index("</section>", text.index('id="warning-signs"'))]
    assert region.count('<p class="action">') == 2
    assert region.count("<li>") == len(guide.red_flags.signs)
    assert "<ol>" in region


def test_skip_link_contents_and_links_all_work(exported):
    guide, page = exported
    doc = outline(page.read_text(encoding="utf-8"))
    assert len(doc.ids) == len(set(doc.ids)), "duplicate ids"
    first_link = next(attrs for tag, attrs, _ in doc.elements if tag == "a")
    assert first_link["href"] == "#main" and "skip-link" in first_link["class"]
    assert "main" in doc.ids
    for href, _ in doc.links:
        assert href.startswith("#") and href[1:] in doc.ids, href
    nav = [attrs for tag, attrs, _ in doc.elements if tag == "nav"]
    assert len(nav) == 1 and nav[0]["aria-labelledby"] in doc.ids
    toc = {href for href, _ in doc.links}
    for section in guide.sections:
        assert f"#{section_anchor(section)}" in toc
    assert {"#warning-signs", "#sources"} <= toc


def test_no_javascript_and_large_type_styles(exported):
    _, page = exported
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text.lower() and "javascript:" not in text.lower()
    doc = outline(text)
    assert not [name for _, attrs, _ in doc.elements for name in attrs if name.startswith("on")]
    assert "font-size: 1.5rem" in text
    assert "line-height: 1.6" in text
    assert "max-width: 40em" in text
    assert "@media (prefers-contrast: more)" in text
    assert "@media print" in text
    assert '<meta name="viewport"' in text


def test_all_guide_text_is_escaped(tmp_path):
    guide = load_guide(write_sample_guide(tmp_path))
    page = guide_to_html(guide)
    assert "&lt;b&gt;itself&lt;/b&gt; &amp; it is treated" in page
    assert "<b>" not in page
    assert "ESMO patient guide &lt;2024&gt;" in page
    assert "patients &amp; families</h1>" in page
    assert "\u201cdull ache\u201d" in page  # HTML keeps real typography


def _a11y_tools() -> tuple[str, str]:
    node = shutil.which("node")
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if node is None:
        pytest.skip("node is not installed (apt-get install nodejs npm)")
    if not Path(chromium).exists():
        pytest.skip("chromium is not installed (apt-get install chromium)")
    assert (A11Y_DIR / "node_modules" / "axe-core").is_dir() and \
        (A11Y_DIR / "node_modules" / "puppeteer-core").is_dir(), \
        "axe-core/puppeteer-core not installed: run (cd scripts/a11y && npm ci)"
    return node, chromium


def test_html_export_has_no_axe_violations_in_headless_chromium(exported):
    node, chromium = _a11y_tools()
    _, page = exported
    result = subprocess.run([node, str(A11Y_DIR / "a11y_check.mjs"), str(page)], capture_output=True,
                            text=True, timeout=180, env=dict(os.environ, CHROMIUM=chromium))
    assert result.returncode in (0, 1), f"checker could not run: {result.stderr.strip()}"
    report = json.loads(result.stdout)
    assert len(report["checked"]) == 4  # default, dark, high contrast, skip link focused
    assert report["violations"] == [], json.dumps(report["violations"], indent=1)

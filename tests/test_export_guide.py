"""A small, valid guide used by the plain-mode and export tests, and the text export's tests.

The guide is written here (not the bundled one) so these tests do not change when the
real guide's words do. It has the awkward bits on purpose: HTML-special characters,
typographic quotes and dashes, an emoji, and a line long enough to need wrapping.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.core.load import load_guide

SAMPLE_GUIDE = """\
title: "Bone metastases: a guide for patients & families"
disclaimer: >-
  This guide is general information. It does not replace advice from your own
  care team, who know you and your illness.
sources:
  - file: nhs-bone-mets.pdf
    title: "NHS: Secondary bone cancer"
  - file: esmo-guide.pdf
    title: "ESMO patient guide <2024>"
red_flags:
  heading: Warning signs
  action: "Call your cancer team's 24-hour number now, or 999 if you cannot reach them."
  signs:
    - "New back pain with numbness, tingling or weakness in your legs"
    - "Problems passing urine or controlling your bowels"
    - "Feeling very thirsty, sick and confused \u2014 this can mean high calcium"
sections:
  - id: what-is-it
    title: What are bone metastases?
    summary: Cancer that has spread to the bones from somewhere else.
    sources: [nhs-bone-mets.pdf]
    blocks:
      - paragraph: >-
          Bone metastases are areas of cancer in the bones. They start from a cancer
          somewhere else in the body, such as the breast, prostate or lung, and spread
          to the bones through the blood. This is also called secondary bone cancer.
      - paragraph: "It is not the same as a cancer that starts in the bone <b>itself</b> & it is treated differently."
  - id: symptoms
    title: Symptoms
    summary: Pain is the most common symptom.
    sources: [nhs-bone-mets.pdf, esmo-guide.pdf]
    blocks:
      - paragraph: "The most common symptom is pain \u2014 often a \u201cdull ache\u201d that is worse at night."
      - bullets:
          - Pain in the back, hips or ribs
          - A bone that breaks after a small knock (a fracture)
          - "Feeling sick or thirsty, which can mean high calcium \U0001F9B4"
  - id: treatment
    title: Treatment
    summary: Treatment controls pain and keeps bones strong.
    sources: [esmo-guide.pdf]
    blocks:
      - paragraph: >-
          Radiotherapy to a painful area often helps within a few weeks. Drugs called
          bisphosphonates make the bones stronger and lower the chance of a fracture.
      - bullets:
          - Radiotherapy
          - Bisphosphonates or denosumab
          - Surgery to fix a weak bone
glossary:
  - term: fracture
    meaning: A break or crack in a bone.
  - term: radiotherapy
    meaning: Treatment with high-energy x-rays aimed at the cancer.
  - term: bisphosphonates
    meaning: Drugs that slow down bone damage and make bones stronger.
"""

ROOT = Path(__file__).resolve().parent.parent


def write_sample_guide(folder: Path, name: str = "bone-metastases.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(SAMPLE_GUIDE, encoding="utf-8")
    return path


def run_cli(*args: str, input: str | None = None, env: dict | None = None, timeout: float = 60
            ) -> subprocess.CompletedProcess:
    """Run `bone-guide ARGS` in a child process, as a user would."""
    return subprocess.run([sys.executable, "-m", "tui", *args], input=input, capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT, env=env)


@pytest.fixture
def sample_guide(tmp_path):
    return write_sample_guide(tmp_path / "guide")


def test_the_sample_guide_is_valid(sample_guide):
    guide = load_guide(sample_guide)
    assert [s.id for s in guide.sections] == ["what-is-it", "symptoms", "treatment"]


def test_txt_export_has_every_section_and_short_plain_lines(sample_guide, tmp_path):
    out = tmp_path / "new" / "folder"
    result = run_cli("--guide", str(sample_guide), "export", "--format", "txt", "--out", str(out))
    assert result.returncode == 0, result.stderr
    path = out / "bone-metastases.txt"
    assert path.exists()
    assert str(path) in result.stdout
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 72
    assert all(ord(ch) < 128 for ch in text), "the text export should be plain ASCII for this guide"
    guide = load_guide(sample_guide)
    for number, section in enumerate(guide.sections, 1):
        assert f"{number}. {section.title}" in lines
    # the warning signs come before the first section, action first and last
    first_section = lines.index("1. What are bone metastases?", lines.index("Warning signs") + 1)
    warning_at = lines.index("Warning signs", lines.index("Contents") + 3)
    assert warning_at < first_section
    assert "- Pain in the back, hips or ribs" in lines
    assert "\u2014" not in text and "\u201c" not in text
    assert '"dull ache"' in text
    assert "- fracture: A break or crack in a bone." in lines
    assert any("ESMO patient guide <2024>" in line for line in lines)


def test_export_reports_an_unwritable_folder_in_one_line(sample_guide, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_cli("--guide", str(sample_guide), "export", "--format", "html",
                     "--out", str(blocker / "sub"))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    result = run_cli("--guide", str(sample_guide), "export", "--format", "txt", "--out", str(blocker))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_export_rejects_a_bad_guide_with_exit_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [unclosed\n")
    result = run_cli("--guide", str(bad), "export", "--format", "txt", "--out", str(tmp_path / "o"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "o" / "bad.txt").exists()


def test_export_needs_a_known_format(tmp_path):
    result = run_cli("export", "--format", "pdf", "--out", str(tmp_path))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_txt_export_of_the_bundled_guide(tmp_path):
    from tui.core.load import bundled_guide_path
    path = bundled_guide_path()
    if not path.exists():
        pytest.skip(f"the bundled guide {path} is not there yet")
    result = run_cli("export", "--format", "txt", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "bone-metastases.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 72
    assert not [ch for ch in text if ord(ch) >= 0x2000 or ch == "\x1b"]
    guide = load_guide(path)
    joined = " ".join(" ".join(lines).split())
    for section in guide.sections:
        assert " ".join(section.title.split()).replace("\u2014", "-") in joined

"""`bone-guide check`: validate a guide and show how hard each section is to read."""

from __future__ import annotations

import sys
from pathlib import Path

from tui.core.load import GuideError, load_guide
from tui.core.model import Guide
from tui.safe_text import shown

MAX_GRADE = 8.0  # US school grade a patient can manage


def reading_table(guide: Guide) -> tuple[list[tuple[str, int, float]], int, float]:
    """Rows of (section title, words, Flesch-Kincaid grade), total words and whole-guide grade."""
    from tui.core.readability import grade, word_count  # slow to import (word lists); only `check` needs it

    rows = [(s.title, word_count(s.text()), grade(s.text())) for s in guide.sections]
    whole = "\n".join(s.text() for s in guide.sections)
    return rows, sum(r[1] for r in rows), grade(whole)


def run_check(path: Path, out=sys.stdout, err=sys.stderr) -> int:
    try:
        guide = load_guide(path)
    except GuideError as exc:
        print(str(exc), file=err)
        if len(exc.problems) > 1:
            print(f"{shown(str(path))}: {len(exc.problems)} problems; the guide was not loaded", file=err)
        return 2
    rows, total_words, total_grade = reading_table(guide)
    width = max([len("Section")] + [len(r[0]) for r in rows])
    print(f"{guide.title}  ({shown(str(path))})", file=out)
    print(f"{'#':>2}  {'Section':<{width}}  {'Words':>6}  {'Grade':>5}", file=out)
    hard = 0
    for n, (title, words, grade) in enumerate(rows, 1):
        flag = "  <- above grade 8" if grade > MAX_GRADE else ""
        hard += bool(flag)
        print(f"{n:>2}  {title:<{width}}  {words:>6}  {grade:>5.1f}{flag}", file=out)
    print(f"{'':>2}  {'Total':<{width}}  {total_words:>6}  {total_grade:>5.1f}", file=out)
    print(f"OK: {len(rows)} sections, {len(guide.red_flags.signs)} warning signs, "
          f"{len(guide.glossary)} glossary terms"
          + (f"; {hard} section(s) read above grade 8" if hard else ""), file=out)
    return 0

"""`bone-guide speak SECTION_ID --out FILE.wav`: one section of the guide as speech in a WAV file."""

from __future__ import annotations

import sys
from pathlib import Path

from tui.guide.load import load_guide_or_report
from tui.safe_text import shown
from tui.settings import RATE_RANGE


def run_speak(guide_path: Path, section_id: str, out: Path, rate: int | None) -> int:
    if rate is not None and not RATE_RANGE[0] <= rate <= RATE_RANGE[1]:
        print(f"bone-guide speak: --rate {rate} is out of range {RATE_RANGE[0]}-{RATE_RANGE[1]}",
              file=sys.stderr)
        return 2
    guide = load_guide_or_report(guide_path)
    if guide is None:
        return 2
    ids = [s.id for s in guide.sections]
    if section_id not in ids:
        print(f"bone-guide speak: no section '{shown(section_id)}' (sections: {', '.join(ids)})", file=sys.stderr)
        return 2
    from tui.guide.reading import reading_units
    from tui.speech.render import SpeechUnavailable, render_to_wav

    section = guide.section(section_id)
    sentences = [section.title + "."] + [s for u in reading_units(section) for s in u.sentences]
    try:
        render_to_wav(" ".join(sentences), out, rate=rate)
    except SpeechUnavailable as exc:
        print(f"bone-guide speak: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"bone-guide speak: cannot write {shown(str(out))}: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"Wrote {shown(str(out))} ({section.title})")
    return 0

"""`bone-guide speak SECTION_ID --out FILE.wav`: one section of the guide as speech in a WAV file."""

from __future__ import annotations

from pathlib import Path

from tui.commands._common import fail, rate_problem
from tui.core.load import load_guide_or_report

PROG = "bone-guide speak"


def run_speak(guide_path: Path, section_id: str, out: Path, rate: int | None) -> int:
    if problem := rate_problem(rate):
        return fail(PROG, problem)
    guide = load_guide_or_report(guide_path)
    if guide is None:
        return 2
    ids = [s.id for s in guide.sections]
    if section_id not in ids:
        return fail(PROG, f"no section '{section_id}' (sections: {', '.join(ids)})")
    from tui.core.script import section_sentences
    from tui.speech.render import SpeechUnavailable, render_to_wav

    section = guide.section(section_id)
    try:
        render_to_wav(" ".join(section_sentences(section)), out, rate=rate)
    except SpeechUnavailable as exc:
        return fail(PROG, str(exc))
    except OSError as exc:
        return fail(PROG, f"cannot write {out}: {exc.strerror}")
    print(f"Wrote {out} ({section.title})")
    return 0

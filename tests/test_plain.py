"""`bone-guide --plain`: line-by-line mode for screen readers and braille displays.

Driven through a pipe, the way a screen-reader user's commands (or a script) arrive.
"""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys

import pytest
from test_export_guide import ROOT, write_sample_guide

from tui.guide.load import load_guide
from tui.plain import MORE_PROMPT, PlainReader, run_plain

BOX_DRAWING = re.compile("[\u2500-\u257f]")
ESCAPES = re.compile(r"[\x1b\x9b]|\x1b\[")


@pytest.fixture
def guide_path(tmp_path):
    return write_sample_guide(tmp_path / "guide")


def plain_env(columns: int = 72, lines: int = 200) -> dict:
    env = dict(os.environ, COLUMNS=str(columns), LINES=str(lines))
    env.pop("TERM", None)
    return env


def run_piped(guide_path, commands: str, columns: int = 72, lines: int = 200, extra=()):
    return subprocess.run([sys.executable, "-m", "tui", "--guide", str(guide_path), "--plain", *extra],
                          input=commands, capture_output=True, text=True, timeout=60, cwd=ROOT,
                          env=plain_env(columns, lines))


def assert_plain(text: str) -> None:
    assert not BOX_DRAWING.search(text), "box-drawing characters in plain mode"
    assert not ESCAPES.search(text), "escape sequences in plain mode"
    assert all(ch == "\n" or 32 <= ord(ch) < 127 for ch in text), \
        [ch for ch in text if not (ch == "\n" or 32 <= ord(ch) < 127)]


def block_after(lines: list[str], start: str) -> list[str]:
    """The lines from the first one equal to `start` to the next blank-free command answer."""
    return lines[lines.index(start):]


def test_a_whole_session_through_a_pipe(guide_path):
    commands = "\n".join(["1", "n", "/pain", "g fracture", "0", "!", "zzz", "m", "h", "q"]) + "\n"
    result = run_piped(guide_path, commands)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert_plain(out)
    lines = out.splitlines()

    # title and disclaimer, then the numbered menu
    assert lines[0] == "Bone metastases: a guide for patients & families"
    assert lines[2].startswith("This guide is general information.")
    menu = lines.index("Menu. Type a number and press Enter.")
    assert lines[menu + 1: menu + 5] == ["0. Warning signs", "1. What are bone metastases?",
                                          "2. Symptoms", "3. Treatment"]

    # 1: the first section as plain paragraphs
    first = lines.index("Section 1 of 3: What are bone metastases?")
    assert "Bone metastases are areas of cancer in the bones. They start from a" in lines[first:]
    assert any("<b>itself</b> &" in line for line in lines[first:])  # text, not markup
    # n: the next section, with "- " list items
    second = lines.index("Section 2 of 3: Symptoms")
    assert second > first
    assert "- Pain in the back, hips or ribs" in lines[second:]
    assert "- A bone that breaks after a small knock (a fracture)" in lines[second:]
    assert '"dull ache"' in out and " - often" in out  # typographic quotes and dash made plain
    assert "End of section 2 of 3. n next, p previous, m menu, r read aloud." in lines

    # /pain: matches listed by section number
    found = lines.index('"pain" found in 3 places. Type the number to open it.')
    assert lines[found + 1] == "0. Warning signs"
    assert lines[found + 2].startswith("2. Symptoms: ")
    assert lines[found + 3].startswith("   ")  # wrapped under its number
    # g fracture
    assert "fracture: A break or crack in a bone." in lines

    # 0 and !: the warning signs, action first, numbered signs, action again (twice)
    action = "Call your cancer team's 24-hour number now, or 999 if you cannot reach"
    for start in [i for i, line in enumerate(lines) if line == "Warning signs" and i > found + 1]:
        block = lines[start:start + 11]
        assert block[1:4] == ["", action, "them."]
        assert block[5] == "1. New back pain with numbness, tingling or weakness in your legs"
        assert block[6] == "2. Problems passing urine or controlling your bowels"
        assert block[7].startswith("3. Feeling very thirsty")
        assert block[9:11] == [action, "them."]
    assert sum(1 for line in lines if line == "Warning signs") == 2

    # unknown command: one line, pointing at h
    unknown = [line for line in lines if "zzz" in line]
    assert unknown == ['Unknown command "zzz". Type h for help.']
    # m: the menu again; h: help lists every command
    assert lines.count("Menu. Type a number and press Enter.") == 2
    help_at = lines.index("Commands (type one and press Enter):")
    help_text = "\n".join(lines[help_at:])
    for command in ("n ", "p ", "m ", "r ", "0 or !", "/word", "g term", "h ", "q "):
        assert f"  {command}" in help_text
    assert lines[-1] == "Goodbye."


def test_lines_are_at_most_72_wide_even_on_a_wide_terminal(guide_path):
    result = run_piped(guide_path, "1\n2\n3\n0\ng\nh\n", columns=200)
    assert result.returncode == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 72
    narrow = run_piped(guide_path, "1\n2\n3\n0\n", columns=40)
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 40
    assert_plain(narrow.stdout)


def test_a_section_comes_a_screenful_at_a_time(guide_path):
    result = run_piped(guide_path, "1\n\n\n\nq\n", columns=40, lines=10)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    first = lines.index("Section 1 of 3: What are bone")
    prompt = lines.index(MORE_PROMPT, first)
    assert prompt - first == 10 - 2  # a screenful, leaving room for the prompt and the typed line
    # Enter shows the rest, in order, without repeating
    rest = lines[prompt + 1:]
    assert rest.count("Section 1 of 3: What are bone") == 0
    assert any(line.startswith("End of section 1 of 3.") for line in rest)
    assert "Source: NHS: Secondary bone" in " ".join(rest)
    # the menu also pages, and m cuts a long page short
    short = run_piped(guide_path, "m\n", lines=6)
    assert MORE_PROMPT in short.stdout


def test_end_of_input_ends_cleanly(guide_path):
    result = run_piped(guide_path, "2\n")  # no q: the pipe just ends
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines()[-1] == "Goodbye."
    empty = run_piped(guide_path, "")
    assert empty.returncode == 0 and empty.stderr == ""


def test_ctrl_c_ends_cleanly(guide_path):
    child = subprocess.Popen([sys.executable, "-m", "tui", "--guide", str(guide_path), "--plain"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, cwd=ROOT, env=plain_env())
    try:
        line = ""
        while "Type h for help" not in line:
            line = child.stdout.readline()
            assert line, "plain mode ended before showing the menu"
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=20)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert out.strip().endswith("Goodbye.")


def test_numbers_and_navigation_at_the_edges(guide_path):
    result = run_piped(guide_path, "9\np\n3\nn\n\nm\nn\n")
    lines = result.stdout.splitlines()
    assert "There is no section 9: choose 1 to 3, or m for the menu." in lines
    assert "Section 3 of 3: Treatment" in lines  # p from the menu: the last section
    assert "This is the last section. p previous, m menu." in lines
    assert "End of section. n next, p previous, m menu." in lines  # Enter at the end
    assert lines.count("Section 1 of 3: What are bone metastases?") == 1  # n from the menu


def test_search_and_glossary_misses_say_what_to_do(guide_path):
    result = run_piped(guide_path, "/zebra\n/a\ng zebra\ng\n")
    lines = result.stdout.splitlines()
    assert 'No matches for "zebra". Try another word, or m for menu.' in lines
    assert "Type / and at least 2 letters, for example /pain." in lines
    assert 'No glossary entry for "zebra". Type g alone to list all words.' in lines
    assert "Glossary: 3 words. Type g and a word to see what it means." in lines
    assert "- radiotherapy: Treatment with high-energy x-rays aimed at the cancer." in lines


def test_section_lists_its_glossary_words_and_sources(guide_path):
    lines = run_piped(guide_path, "3\n").stdout.splitlines()
    joined = " ".join(lines)
    assert "Words in the glossary: fracture, radiotherapy, bisphosphonates." in joined
    assert "Source: ESMO patient guide <2024>." in joined


def test_speech_is_off_until_r_and_then_reads_the_current_section(guide_path):
    made = []

    class FakeSpeaker:
        available = True
        notice = None

        def __init__(self, kind, on_event):
            self.kind = kind
            self.spoken = []
            self.stopped = self.closed = 0
            made.append(self)

        def speak(self, text, utterance_id):
            self.spoken.append((text, utterance_id))

        def stop(self):
            self.stopped += 1

        def close(self):
            self.closed += 1

    out = io.StringIO()
    code = run_plain(guide_path, stdin=io.StringIO("1\n"), stdout=out, speaker_factory=FakeSpeaker)
    assert code == 0 and made == []  # no engine unless asked

    out = io.StringIO()
    code = run_plain(guide_path, stdin=io.StringIO("r\n2\nr\ns\n0\nr\nq\n"), stdout=out,
                     speaker_factory=FakeSpeaker)
    assert code == 0
    assert len(made) == 1
    speaker = made[0]
    assert speaker.kind == "auto"
    assert "Open a section first (type its number), then r to hear it." in out.getvalue()
    first, second = speaker.spoken
    assert first[0][0] == "Symptoms." and any("dull ache" in s for s in first[0])
    assert second[0][1] == second[0][-1]  # the warning action, first and last
    assert speaker.stopped == 1 and speaker.closed == 1
    assert out.getvalue().count("Reading aloud. s to stop.") == 2


def test_unavailable_speech_is_one_line(guide_path):
    class Silent:
        available = False
        notice = "No speech engine found.\nInstall espeak-ng to hear the guide."

        def __init__(self, **_):
            pass

        def close(self):
            pass

    out = io.StringIO()
    run_plain(guide_path, stdin=io.StringIO("1\nr\nr\n"), stdout=out, speaker_factory=Silent)
    lines = out.getvalue().splitlines()
    notice = "Speech is not available: No speech engine found. Install espeak-ng to hear the guide."
    assert lines.count(notice) == 2

    out = io.StringIO()
    run_plain(guide_path, stdin=io.StringIO("1\nr\n"), stdout=out, no_speech=True,
              speaker_factory=Silent)
    assert "Speech is turned off. Your screen reader can read the text." in out.getvalue()


def test_guide_text_cannot_smuggle_escapes_or_boxes(tmp_path):
    from test_export_guide import SAMPLE_GUIDE
    nasty = SAMPLE_GUIDE.replace("Pain in the back, hips or ribs",
                                 "Pain \\u2500\\u2502 in the back\\e[31m, hips\\u2026 or ribs")
    nasty = nasty.replace("- Pain \\u2500", '- "Pain \\u2500').replace("or ribs\n", 'or ribs"\n', 1)
    path = tmp_path / "nasty.yaml"
    path.write_text(nasty, encoding="utf-8")
    guide = load_guide(path)
    out = io.StringIO()
    reader = PlainReader(guide, out, size=lambda: (72, 200))
    reader.open_section(1)
    text = out.getvalue()
    assert_plain(text)
    assert "- Pain in the back, hips... or ribs" in text.splitlines()


def test_a_bad_guide_is_reported_not_a_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: 1\n")
    result = run_piped(bad, "q\n")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.strip()


def test_the_bundled_guide_reads_cleanly_in_plain_mode():
    from tui.guide.load import bundled_guide_path
    path = bundled_guide_path()
    if not path.exists():
        pytest.skip(f"the bundled guide {path} is not there yet")
    guide = load_guide(path)
    commands = [str(n) for n in range(len(guide.sections) + 1)] + ["g", "h", "/pain", "q"]
    result = subprocess.run([sys.executable, "-m", "tui", "--plain"], input="\n".join(commands) + "\n",
                            capture_output=True, text=True, timeout=60, cwd=ROOT,
                            env=plain_env(columns=120, lines=1000))
    assert result.returncode == 0 and result.stderr == ""
    out = result.stdout
    assert not BOX_DRAWING.search(out) and not ESCAPES.search(out)
    assert not [ch for ch in out if ord(ch) >= 0x2000], "typographic symbols or emoji left in"
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 72
    for number, section in enumerate(guide.sections, 1):
        assert any(line.startswith(f"Section {number} of {len(guide.sections)}: ") for line in lines)


def test_r_after_stop_goes_on_at_the_sentence_that_was_cut(guide_path):
    from tui.speech.events import SentenceStarted, UtteranceFinished
    made = []

    class HalfwaySpeaker:  # the listener stops it while the third sentence is heard
        available, notice = True, None

        def __init__(self, kind, on_event):
            self.on_event, self.spoken = on_event, []
            made.append(self)

        def speak(self, text, utterance_id):
            self.spoken.append(list(text))
            for index in range(min(3, len(text))):
                self.on_event(SentenceStarted(utterance_id, index, text[index]))
            self.uid = utterance_id

        def stop(self):
            self.on_event(UtteranceFinished(self.uid, True))

        def close(self):
            pass

    out = io.StringIO()
    run_plain(guide_path, stdin=io.StringIO("2\nr\ns\nr\n"), stdout=out, speaker_factory=HalfwaySpeaker)
    first, second = made[0].spoken
    assert second == first[2:]  # on from the cut sentence, not from the top
    assert "Reading aloud from where it stopped." in out.getvalue()

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

from tui.core.load import load_guide
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
    found = lines.index('"pain": 3 matches in 2 sections. Type a section\'s number to open it at')
    assert lines[found + 3] == "0. Warning signs (also mentions it)"
    assert lines[found + 4] == "2. Symptoms"
    assert lines[found + 5].startswith("   - The most common symptom is pain")
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
    for command in ("n ", "p ", "m ", "r ", "0 or !", "/word", "N ", "l ", "g term", "h ", "q "):
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
    assert "Section 3 of 3: Treatment" in lines  # p from the menu, nothing read yet: the last
    assert "End of section. n next, p previous, m menu, r read aloud." in lines  # Enter at the end
    # n at the last section, and n from the menu after reading it: still the last section
    assert lines.count("This is the last section. p previous, m menu.") == 2
    assert "Section 1 of 3: What are bone metastases?" not in lines


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


class FakeSpeaker:
    """A speech engine that plays at once (or, with `fails`, finds no sound card as it starts)."""
    made: list = []
    fails = False

    def __init__(self, kind, on_event, **_settings):
        self.kind, self.on_event = kind, on_event
        self.available, self.notice = True, None
        self.log = []
        self.prepared = {}
        self.closed = 0
        self.made.append(self)

    def prepare(self, key, sentences):
        self.prepared[key] = list(sentences)

    def speak(self, text, utterance_id, priority=None):
        self.log.append(("speak", text, utterance_id))
        self._start(utterance_id, text)

    def speak_prepared(self, key, utterance_id, priority=None):
        self.log.append(("speak", self.prepared[key], utterance_id))
        self._start(utterance_id, self.prepared[key])

    def _start(self, utterance_id, text):
        from tui.speech.events import SentenceStarted, SpeechFailed
        self.on_event(SentenceStarted(utterance_id, 0, text[0]))
        if self.fails:  # what aplay does with no sound card: the player ends with an error
            self.available, self.notice = False, "Speech is off: no audio device found"
            self.on_event(SpeechFailed(self.notice))

    def stop(self):
        self.log.append(("stop",))

    def close(self):
        self.closed += 1


@pytest.fixture
def fake_speaker():
    FakeSpeaker.made = []
    FakeSpeaker.fails = False
    return FakeSpeaker


def test_speech_is_off_until_r_and_then_reads_the_current_section(guide_path, fake_speaker):
    out = io.StringIO()
    code = run_plain(guide_path, stdin=io.StringIO("1\n"), stdout=out, speaker_factory=fake_speaker)
    assert code == 0 and fake_speaker.made == []  # no engine unless asked

    out = io.StringIO()
    code = run_plain(guide_path, stdin=io.StringIO("r\n2\nr\ns\n0\nr\nq\n"), stdout=out,
                     speaker_factory=fake_speaker)
    assert code == 0
    [speaker] = fake_speaker.made
    assert speaker.kind == "auto"
    assert "Open a section first (type its number), then r to hear it." in out.getvalue()
    spoken = [entry for entry in speaker.log if entry[0] == "speak"]
    section, flags_at_once, flags_again = spoken
    assert section[1][0] == "Symptoms." and any("dull ache" in s for s in section[1])
    assert flags_at_once[1][1] == flags_at_once[1][-1]  # the warning action, first and last
    assert flags_again[1] == flags_at_once[1]
    assert speaker.closed == 1
    assert out.getvalue().count("Reading aloud. s to stop.") == 2


def test_the_warning_signs_cut_into_a_section_being_read(guide_path, fake_speaker):
    """Same narrator, same priorities: 0 stops the section and reads the warning signs at once."""
    out = io.StringIO()
    run_plain(guide_path, stdin=io.StringIO("2\nr\n0\n"), stdout=out, speaker_factory=fake_speaker)
    [speaker] = fake_speaker.made
    assert [e[0] for e in speaker.log] == ["speak", "stop", "speak"]
    assert speaker.log[2][1][0] == "Warning signs."


def test_r_with_no_sound_card_says_speech_is_unavailable_and_why(guide_path, fake_speaker):
    fake_speaker.fails = True
    out = io.StringIO()
    run_plain(guide_path, stdin=io.StringIO("2\nr\n"), stdout=out, speaker_factory=fake_speaker)
    text = out.getvalue()
    assert "Reading aloud" not in text
    assert text.count("Speech is not available: no audio device found. Your screen reader can "
                      "read the text.") == 1


def test_r_with_no_sound_card_through_the_real_engine(guide_path):
    """The real espeak-ng engine, and a sound player that finds no device (as aplay does)."""
    from tui.speech import engine_present
    if not engine_present():
        pytest.skip("espeak-ng is not installed")
    env = dict(plain_env(), BONE_GUIDE_PLAYER="false", BONE_GUIDE_CONFIG_DIR=str(guide_path.parent))
    result = subprocess.run([sys.executable, "-m", "tui", "--guide", str(guide_path), "--plain"],
                            input="2\nr\nq\n", capture_output=True, text=True, timeout=60,
                            cwd=ROOT, env=env)
    assert "Reading aloud" not in result.stdout
    assert "Speech is not available: no audio device found." in result.stdout


def test_unavailable_speech_is_one_line(guide_path):
    class Silent:
        available = False
        notice = "No speech engine found.\nInstall espeak-ng to hear the guide."

        def __init__(self, *_, **__):
            pass

        def close(self):
            pass

    out = io.StringIO()
    run_plain(guide_path, stdin=io.StringIO("1\nr\nr\n"), stdout=out, speaker_factory=Silent)
    lines = out.getvalue().splitlines()
    notice = ("Speech is not available: No speech engine found. Install espeak-ng to hear the "
              "guide. Your screen reader can read the text.")
    assert lines.count(notice) == 2

    out = io.StringIO()
    run_plain(guide_path, stdin=io.StringIO("1\nr\n"), stdout=out, no_speech=True,
              speaker_factory=Silent)
    assert "Speech is turned off. Your screen reader can read the text." in out.getvalue()


def test_guide_text_cannot_smuggle_escapes_or_boxes(tmp_path):
    from test_export_guide import SAMPLE_GUIDE
    # (An escape such as \e[31m never gets this far: the loader refuses it, see test_hostile_input.)
    nasty = SAMPLE_GUIDE.replace("Pain in the back, hips or ribs",
                                 "Pain \\u2500\\u2502 in the back, hips\\u2026 or ribs")
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
    from tui.core.load import bundled_guide_path
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


def answers(out: str) -> str:
    """Everything after the opening menu: the answers to the commands piped in."""
    return out[out.index("Type h for help, q to quit.") + len("Type h for help, q to quit."):]


def test_next_and_previous_stay_in_the_section_you_were_reading(guide_path):
    after_p = answers(run_piped(guide_path, "2\n0\np\n").stdout)
    assert after_p.rindex("Section 1 of 3: What are bone metastases?") > after_p.index("Warning signs")
    after_n = answers(run_piped(guide_path, "2\n0\nn\n").stdout)
    assert after_n.rindex("Section 3 of 3: Treatment") > after_n.index("Warning signs")
    assert "Section 1 of 3" not in after_n


def test_the_bundled_guide_p_after_the_warning_signs_is_the_section_before():
    result = subprocess.run([sys.executable, "-m", "tui", "--plain"], input="7\n0\np\n",
                            capture_output=True, text=True, timeout=60, cwd=ROOT, env=plain_env())
    headings = [line for line in result.stdout.splitlines() if line.startswith("Section ")]
    assert headings[-1].startswith("Section 6 of ")
    result = subprocess.run([sys.executable, "-m", "tui", "--plain"], input="7\n0\nn\n",
                            capture_output=True, text=True, timeout=60, cwd=ROOT, env=plain_env())
    headings = [line for line in result.stdout.splitlines() if line.startswith("Section ")]
    assert headings[-1].startswith("Section 8 of ")


def test_a_search_result_opens_at_the_match_marked_in_words(guide_path):
    lines = answers(run_piped(guide_path, "/calcium\n2\n", lines=8).stdout).splitlines()
    opened = lines.index("Section 2 of 3: Symptoms, from the match on.")
    assert lines[opened + 1] == 'Match 1 of 1 for "calcium":'
    assert lines[opened + 2] == "- Feeling sick or thirsty, which can mean high calcium"
    # the section's start (its summary) is not what the screen reader hears first
    assert not any(line.startswith("In short:") for line in lines[opened:])


def test_n_and_capital_n_walk_the_matches_and_l_returns_to_the_results(guide_path):
    out = answers(run_piped(guide_path, "/pain\n2\nn\nn\nn\nN\nl\nnext\n").stdout)
    marks = re.findall(r'Match (\d) of 3 for "pain":', out)
    assert marks == ["1", "2", "3", "2"]
    assert "That was the last match. N previous match, l results, m menu." in out
    assert out.count('"pain": 3 matches in 2 sections.') == 2  # the search, then l
    # `next` is the next section after the one read (the match was in section 2), from its top
    after_results = out.rsplit("back to this list.", 1)[-1].splitlines()
    assert "Section 3 of 3: Treatment" in after_results


def test_search_results_count_in_words_and_name_each_section_once(guide_path):
    out = answers(run_piped(guide_path, "/calcium\n/pain\n").stdout)
    assert '"calcium": 1 match in 1 section.' in out
    assert '"pain": 3 matches in 2 sections.' in out
    lines = out.splitlines()
    assert lines.count("2. Symptoms") == 2  # once per search, though "pain" is twice in it
    assert "   - Pain in the back, hips or ribs" in lines
    assert_plain(out)


def test_escape_and_arrow_keys_through_a_pipe_are_ignored(guide_path):
    out = run_piped(guide_path, "1\n\x1b\n\x1b[A\n\x1b\x1b\n").stdout
    assert "Unknown command" not in out
    assert_plain(out)
    assert out.count("Section 1 of 3") == 1


def test_r_after_stop_goes_on_at_the_sentence_that_was_cut(guide_path):
    from tui.speech.events import SentenceStarted, UtteranceFinished
    made = []

    class HalfwaySpeaker:  # the listener stops it while the third sentence is heard
        available, notice = True, None

        def __init__(self, kind, on_event, **_settings):
            self.on_event, self.spoken = on_event, []
            made.append(self)

        def prepare(self, key, sentences):
            pass

        def speak(self, text, utterance_id, priority=None):
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

"""The guide's words: every key fact of the sources is there, in our own words, at a low reading level.

These tests read the YAML and the source documents directly, so they do not depend on the app.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parent.parent
GUIDE_PATH = ROOT / "content" / "bone-metastases.yaml"
SEEDS = Path(__file__).parent / "seeds"
SEED_FILES = ("000_2f49ad4f634cca94.txt", "003_06189dd0de3c80c5.txt")

MAX_GRADE = 8.0
MAX_WORDS = 20  # words in one sentence
NGRAM = 12


def _load() -> dict:
    return yaml.safe_load(GUIDE_PATH.read_text(encoding="utf-8"))


GUIDE = _load()


def section_text(section: dict) -> str:
    """The section's words as the app grades them: each paragraph or bullet on its own line."""
    parts: list[str] = []
    for block in section["blocks"]:
        if "paragraph" in block:
            parts.append(" ".join(block["paragraph"].split()))
        else:
            parts.extend(" ".join(item.split()) for item in block["bullets"])
    return "\n".join(parts)


def whole_text(guide: dict) -> str:
    """Every word a reader can see or hear: title, disclaimer, warning signs, sections, glossary."""
    flags = guide["red_flags"]
    parts = [guide["title"], guide["disclaimer"], flags["heading"], flags["action"], *flags["signs"]]
    parts += [s["title"] for s in guide["sources"]]
    for section in guide["sections"]:
        parts += [section["title"], section["summary"], section_text(section)]
    for entry in guide["glossary"]:
        parts += [entry["term"], entry["meaning"]]
    return "\n".join(" ".join(p.split()) for p in parts)


WHOLE = whole_text(GUIDE).lower()


# --- key facts --------------------------------------------------------------------------
# Each entry: a fact from the sources, and the words or figures that must appear in the guide.
KEY_FACTS = [
    ("secondary, not primary bone cancer", ("secondary bone cancer", "primary bone cancer")),
    ("other name: osseous metastasis", ("osseous metastasis",)),
    ("ICD-10 code (WHO) and the US code", ("ICD-10", "C79.5", "C79.51")),
    ("spread through blood or lymph system", ("blood", "lymph system")),
    ("cells in bone are the same kind as the first tumor", ("same kind of cells",)),
    ("prostate cancer in bone gets prostate cancer drugs", ("drugs for prostate cancer",)),
    ("cases rising as people live longer", ("going up around the world", "live longer")),
    ("common primary cancers", ("breast", "prostate", "lung")),
    ("kidney and thyroid cancers", ("renal cell carcinoma", "thyroid")),
    ("where in the skeleton", ("spine", "vertebral column", "pelvis", "ribs", "long bones")),
    ("bone is fertile: blood supply, growth factors", ("rich blood supply", "growth factors", "cytokines")),
    ("metastatic cascade", ("metastatic cascade", "extravasation", "bone marrow")),
    ("bone cells", ("osteoclasts", "osteoblasts", "bone remodeling")),
    ("osteolytic lesions", ("osteolytic", "breast, lung, and kidney")),
    ("osteoblastic lesions", ("osteoblastic", "sclerotic", "brittle")),
    ("mixed lesions", ("mixed lesions",)),
    ("PTHrP", ("PTHrP", "parathyroid hormone-related peptide")),
    ("vicious cycle", ("vicious cycle",)),
    ("first sign: dull ache, mistaken for strain or arthritis", ("dull ache", "pulled muscle", "arthritis")),
    ("pain worse at night or at rest", ("at night", "when you rest")),
    ("pain not eased by changing position", ("change position",)),
    ("early stage may show no symptoms", ("no symptoms",)),
    ("older adults: blamed on other conditions", ("degenerative disc disease", "osteoporosis")),
    ("pain site follows first cancer", ("pelvis", "ribs or spine", "men and women")),
    ("skeletal-related events, one definition", ("skeletal-related events", "SREs", "radiation to a bone",
                                                 "surgery on a bone")),
    ("pathological fracture with little force", ("pathological fracture", "curb", "turning over in bed")),
    ("spinal cord compression can cause paralysis", ("spinal cord compression", "nerve roots", "paralyzed")),
    ("no sure prevention; early detection", ("no sure way", "find the first cancer early")),
    ("the exam", ("nerves, muscles, and bones", "loss of feeling", "changes in strength")),
    ("staging scans", ("stage the first cancer",)),
    ("X-ray misses early lesions", ("X-ray", "large amount of bone must be lost")),
    ("bone scan", ("bone scintigraphy", "tracer")),
    ("CT scan", ("CT scan", "cortical bone")),
    ("MRI", ("MRI", "bone marrow", "soft tissue")),
    ("PET-CT", ("PET-CT", "positron emission tomography")),
    ("biopsy when the first cancer is unknown", ("biopsy", "no one knows where the cancer started")),
    ("blood tests: ALP, calcium", ("alkaline phosphatase", "ALP")),
    ("tumor markers", ("PSA", "CA 15-3", "tumor markers")),
    ("rule out look-alike conditions", ("rule out",)),
    ("treatment goals", ("ease pain", "keep you moving", "cannot be cured")),
    ("systemic treatments", ("systemic therapy", "chemotherapy", "hormone therapy", "targeted therapy",
                             "immunotherapy")),
    ("HER2-targeted drugs", ("HER2",)),
    ("radiation", ("external beam radiation therapy", "EBRT", "one dose")),
    ("surgery", ("prophylactic fixation", "rod or plate", "palliative surgery")),
    ("bisphosphonates", ("bisphosphonates", "part of the bone", "zoledronic acid")),
    ("denosumab blocks RANKL", ("denosumab", "RANKL", "nuclear factor kappa-B")),
    ("denosumab is a shot under the skin", ("shot under the skin",)),
    ("monitoring", ("3 to 6 months", "kidneys")),
    ("pain relief", ("analgesics", "nerve block", "vertebroplasty", "bone cement")),
    ("palliative care is not end-of-life care", ("palliative care", "end-of-life care", "drowsy")),
    ("calcium and vitamin D", ("vitamin D", "calcium")),
    ("foods", ("leafy greens", "dairy", "fortified")),
    ("dietitian", ("dietitian", "lab results")),
    ("exercise cautions", ("high-impact", "heavy lifting", "twisting")),
    ("safe exercise", ("walking", "swimming", "water aerobics", "stationary bike")),
    ("physical therapist", ("physical therapist",)),
    ("sleep", ("pillows", "breakthrough", "cool and dark")),
    ("kinesiophobia", ("kinesiophobia", "fear of movement")),
    ("MBSR and CBT for scanxiety", ("Mindfulness-Based Stress Reduction", "Cognitive Behavioral Therapy",
                                    "scanxiety")),
    ("caregivers", ("grab bars", "rugs", "confusion or sudden weakness")),
    ("outlook depends on", ("type of first cancer", "liver or lungs", "number of lesions")),
    ("long-term illness like diabetes", ("diabetes", "heart disease")),
    ("not inherited; BRCA genes", ("BRCA1", "BRCA2", "genetic counseling")),
    ("work and the ADA", ("Americans with Disabilities Act", "flexible hours", "part-time")),
    ("call the cancer team when pain medicine fails", ("pain medicine no longer works",)),
    # added by the clinical review (content/REVIEW.md)
    ("bone drug side effects", ("osteonecrosis of the jaw", "low calcium", "flu-like", "kidneys")),
    ("pain diary", ("pain diary", "0 for no pain")),
    ("help to move", ("occupational therapist", "walking frame")),
    ("steroids for cord compression", ("steroids",)),
    ("support, carers, planning ahead", ("support lines", "caregivers need support", "advance care planning",
                                         "hospice")),
    ("questions to ask", ("questions you may want to ask your team", "at night and at the weekend")),
]


def test_key_fact_list_is_substantial():
    assert len(KEY_FACTS) >= 40


@pytest.mark.parametrize("fact, words", KEY_FACTS, ids=[f for f, _ in KEY_FACTS])
def test_key_fact_is_in_guide(fact, words):
    missing = [w for w in words if w.lower() not in WHOLE]
    assert not missing, f"{fact}: the guide lacks {missing}"


# --- our own words ----------------------------------------------------------------------

def ngrams(text: str, n: int = NGRAM) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.parametrize("seed", SEED_FILES)
def test_no_long_run_of_words_copied_from_a_source(seed):
    source = (SEEDS / seed).read_text(encoding="utf-8")
    shared = ngrams(WHOLE) & ngrams(source)
    assert not shared, f"{len(shared)} runs of {NGRAM} words copied from {seed}, e.g. " + \
        "; ".join(" ".join(g) for g in sorted(shared)[:3])


# --- reading level ----------------------------------------------------------------------

@pytest.fixture(scope="session")
def fk_grade():
    """The same Flesch-Kincaid grade `bone-guide check` prints (textstat, working offline)."""
    from tui.core.readability import grade
    return grade


@pytest.mark.parametrize("section", GUIDE["sections"], ids=[s["id"] for s in GUIDE["sections"]])
def test_section_reads_at_grade_8_or_below(section, fk_grade):
    grade = fk_grade(section_text(section))
    assert grade <= MAX_GRADE, f"{section['id']} reads at grade {grade}"


@pytest.fixture(scope="session")
def smog_grade():
    """SMOG, the usual measure for health materials, from the same offline textstat."""
    from tui.core.readability import _textstat
    return _textstat().smog_index


@pytest.mark.parametrize("section", GUIDE["sections"], ids=[s["id"] for s in GUIDE["sections"]])
def test_section_reads_at_smog_grade_8_or_below(section, smog_grade):
    grade = smog_grade(section_text(section))
    assert grade <= MAX_GRADE, f"{section['id']} reads at SMOG grade {grade}"


def test_warning_panel_reads_at_grade_8_or_below(fk_grade, smog_grade):
    flags = GUIDE["red_flags"]
    text = "\n".join(line.rstrip(".") + "." for line in [flags["heading"], flags["action"], *flags["signs"]])
    assert fk_grade(text) <= MAX_GRADE and smog_grade(text) <= MAX_GRADE


def sentences(text: str) -> list[str]:
    out: list[str] = []
    for line in text.split("\n"):
        out += [s for s in re.split(r"(?<=[.!?])\s+", line) if s.strip()]
    return out


def test_no_sentence_is_over_20_words():
    flags = GUIDE["red_flags"]
    texts = [section_text(s) for s in GUIDE["sections"]] + [GUIDE["disclaimer"], flags["action"], *flags["signs"]]
    long = [s for t in texts for s in sentences(" ".join(t.split(" "))) if len(s.split()) > MAX_WORDS]
    assert not long, long[:3]


def test_paragraphs_are_short():
    import textstat

    for section in GUIDE["sections"]:
        for block in section["blocks"]:
            if "paragraph" in block:
                assert textstat.sentence_count(block["paragraph"]) <= 4, block["paragraph"][:60]


# --- warning signs ----------------------------------------------------------------------
# NICE NG234's signs of spinal metastases and spinal cord compression (see content/REVIEW.md),
# and the words that must name each one on the panel. The panel is read aloud, so each is short.
NICE_SIGNS = [
    ("neck or upper/middle back pain", ("neck", "upper or middle back")),
    ("progressive or severe constant lower back pain", ("low back pain", "worse", "all the time")),
    ("pain worse on coughing, sneezing or straining", ("cough", "sneeze", "strain")),
    ("band-like pain around chest or belly", ("band", "chest", "belly")),
    ("pain down an arm or leg", ("down an arm or a leg",)),
    ("night pain that stops sleep", ("night", "sleep")),
    ("any new weakness", ("new weakness",)),
    ("heavy or unsteady legs, any new difficulty walking", ("heavy", "unsteady", "any new trouble walking")),
    ("numbness or tingling", ("numbness", "tingling")),
    ("loss of bladder or bowel control", ("bladder", "bowels")),
    ("high calcium: very drowsy or confused", ("drowsy", "confusion")),
]


def _matches(sign: str, words: tuple[str, ...]) -> bool:
    return all(w in sign.lower() for w in words)


@pytest.mark.parametrize("name, words", NICE_SIGNS, ids=[n for n, _ in NICE_SIGNS])
def test_red_flags_hold_each_nice_sign(name, words):
    signs = GUIDE["red_flags"]["signs"]
    assert any(_matches(s, words) for s in signs), f"no warning sign for: {name}"


def test_red_flags_are_only_these_and_short_enough_to_read_aloud():
    signs = GUIDE["red_flags"]["signs"]
    for sign in signs:
        assert any(_matches(sign, words) for _, words in NICE_SIGNS), f"unexpected sign: {sign}"
        assert len(sign) <= 64, sign
    assert len(signs) == len(NICE_SIGNS)
    assert len(GUIDE["red_flags"]["action"].split()) <= 60


def test_no_sign_says_the_pain_must_be_sudden():
    """Cord compression pain usually builds up: a panel that waits for 'sudden' pain delays care."""
    panel = " ".join(GUIDE["red_flags"]["signs"]).lower()
    assert "sudden" not in panel


def test_red_flag_action_puts_the_cancer_line_first_then_the_emergency_route():
    action = " ".join(GUIDE["red_flags"]["action"].split()).lower()
    line, emergency = action.find("24-hour cancer line"), action.find("emergency number")
    assert 0 <= line < emergency
    assert "emergency department" in action
    assert "do not wait until morning or after the weekend" in action
    assert "keep still" in action
    assert "at once for new weakness, bladder or bowel problems" in action  # straight to emergency


def test_warning_section_repeats_each_sign_with_its_action():
    section = next(s for s in GUIDE["sections"] if s["id"] == "warning-signs")
    text = section_text(section).lower()
    in_section = {"progressive or severe constant lower back pain": ("low in your back", "keeps getting worse")}
    for name, words in NICE_SIGNS[:-1]:
        assert all(w in text for w in in_section.get(name, words)), name
    assert "24-hour cancer line" in text and "emergency number" in text
    assert "do not wait until morning" in text and "keep as still as you can" in text


def test_walking_has_one_answer_everywhere():
    """Any new trouble walking is a warning sign: never only a 'call your team' item, never 'suddenly'."""
    for section in GUIDE["sections"]:
        for sentence in sentences(section_text(section)):
            low = sentence.lower()
            if "walk" in low and ("trouble" in low or "cannot walk" in low or "walking has changed" in low):
                assert "suddenly" not in low, sentence
                assert "walking has changed" not in low, sentence
    warning = section_text(next(s for s in GUIDE["sections"] if s["id"] == "warning-signs")).lower()
    assert "any new trouble walking, or legs that feel heavy or unsteady, is a warning sign" in warning
    today = next(b["bullets"] for b in next(s for s in GUIDE["sections"] if s["id"] == "warning-signs")["blocks"]
                 if "bullets" in b and any("pain medicine" in i for i in b["bullets"]))
    assert not any("trouble walking" in i.lower() for i in today)


def test_high_calcium_has_its_signs_and_action():
    section = section_text(next(s for s in GUIDE["sections"] if s["id"] == "warning-signs")).lower()
    for sign in ("thirsty", "peeing a lot", "constipated", "being sick", "not wanting to eat", "weak",
                 "confused", "drowsy"):
        assert sign in section, sign
    assert "call your cancer team today" in section
    assert "if you are confused or very drowsy, it is an emergency" in section


def test_call_your_team_today_list():
    section = section_text(next(s for s in GUIDE["sections"] if s["id"] == "warning-signs")).lower()
    assert "call your cancer team today, too" in section
    assert "hurts to walk, stand, or lift things" in section
    assert "not be able to use an arm or a leg" in section  # and that one is an emergency


def test_dental_check_before_bone_drugs():
    section = section_text(next(s for s in GUIDE["sections"] if s["id"] == "bone-drugs-and-pain")).lower()
    assert "before you start, see a dentist" in section
    assert "osteonecrosis of the jaw" in section


def test_a_brca_result_is_said_to_change_treatment_and_to_ask_the_team():
    text = " ".join(WHOLE.split()).lower()
    assert "brca" in text
    assert "the result can change which medicines your team offers" in text
    assert "ask your team if this test is right for you" in text


def test_seed_errors_stay_out():
    """Statements the clinical review found wrong (content/REVIEW.md items 7-17)."""
    for wrong in ("0.1 percent", "adjuvant", "infusions of these drugs", "10 years or more",
                  "usually do not help", "if the first treatments are not enough", "very likely right",
                  "280,000", "sudden new back pain", "from coming back"):
        assert wrong not in WHOLE, wrong


# --- shape ------------------------------------------------------------------------------

def test_disclaimer_says_what_the_screen_cannot_do_and_which_version():
    text = " ".join(GUIDE["disclaimer"].split()).lower()
    assert "learning" in text and "does not take the place of your own doctor" in text
    assert "this screen cannot call for help" in text
    assert re.search(r"guide version \d+\.\d+", text)
    assert re.search(r"checked against clinical guidance on \d{1,2} [a-z]+ \d{4}", text)


def test_sections_name_their_sources_and_are_in_patient_order():
    files = {s["file"] for s in GUIDE["sources"]}
    assert files == set(SEED_FILES)
    ids = [s["id"] for s in GUIDE["sections"]]
    assert 10 <= len(ids) <= 14
    assert len(set(ids)) == len(ids)
    for section in GUIDE["sections"]:
        assert section["sources"] and set(section["sources"]) <= files, section["id"]
        assert len(section["title"]) <= 30, section["title"]
        assert len(section["summary"]) <= 60, section["summary"]
    order = ["what-is-it", "warning-signs", "symptoms", "tests", "treatment", "outlook", "questions"]
    assert [i for i in ids if i in order] == order
    assert ids.index("warning-signs") == 1 and ids[-1] == "questions"


def test_every_source_is_used():
    used = {f for s in GUIDE["sections"] for f in s["sources"]}
    assert used == set(SEED_FILES)


def test_glossary_terms_are_used_and_sized():
    glossary = GUIDE["glossary"]
    assert 15 <= len(glossary) <= 50
    body = "\n".join(s["title"] + "\n" + section_text(s) for s in GUIDE["sections"]).lower()
    for entry in glossary:
        assert re.search(rf"(?<![a-z0-9]){re.escape(entry['term'].lower())}", body), entry["term"]
        assert entry["meaning"].strip()


NEEDED_TERMS = ("bisphosphonates", "denosumab", "osteonecrosis of the jaw", "oncologist", "analgesics",
                "radiation therapy", "spinal cord compression", "hypercalcemia", "nerve roots", "tracer")


def test_glossary_has_the_words_a_patient_needs():
    terms = {e["term"].lower() for e in GUIDE["glossary"]}
    assert not [t for t in NEEDED_TERMS if t not in terms]


# --- the review record ------------------------------------------------------------------
REVIEW = (ROOT / "content" / "REVIEW.md").read_text(encoding="utf-8")
QUOTED = re.findall(r'Guide wording: "([^"]+)"', REVIEW)
SECTIONS_NAMED = re.findall(r"Section: ([a-z0-9-]+)", REVIEW)


def test_review_record_has_entries_with_anchors():
    assert len(QUOTED) >= 30
    assert "NG234" in REVIEW and "2023" in REVIEW
    for anchor in re.findall(r"\[([A-Z0-9-]+)\]", REVIEW):
        assert f"- [{anchor}]" in REVIEW, f"anchor [{anchor}] is used but not listed"


@pytest.mark.parametrize("quote", QUOTED)
def test_each_review_entry_points_at_text_in_the_guide(quote):
    assert " ".join(quote.split()).lower() in WHOLE


@pytest.mark.parametrize("section_id", SECTIONS_NAMED)
def test_each_review_section_exists(section_id):
    assert section_id in {s["id"] for s in GUIDE["sections"]}

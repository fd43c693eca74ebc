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
    ("ICD-10 code", ("ICD-10", "C79.51")),
    ("prevalence figure", ("prevalence", "0.1 percent")),
    ("spread through blood or lymph system", ("blood", "lymph system")),
    ("cells in bone are the same kind as the first tumor", ("same kind of cells",)),
    ("prostate cancer in bone gets prostate cancer drugs", ("drugs for prostate cancer",)),
    ("NCI yearly US figure", ("National Cancer Institute", "280,000", "350,000", "2024")),
    ("up to 70 percent, Journal of Bone Oncology", ("Journal of Bone Oncology", "70 percent")),
    ("cases rising as people live longer", ("going up around the world", "live longer")),
    ("ACS risk, breast and prostate", ("American Cancer Society", "65 to 75 percent")),
    ("ACS risk, lung", ("lung cancer", "30 to 40 percent")),
    ("common primary cancers", ("breast", "prostate", "lung")),
    ("kidney and thyroid cancers", ("renal cell carcinoma", "thyroid")),
    ("where in the skeleton", ("spine", "vertebral column", "pelvis", "ribs", "long bones")),
    ("bone is fertile: blood supply, growth factors", ("rich blood supply", "growth factors")),
    ("Nature Reviews Cancer: cytokines", ("Nature Reviews Cancer", "cytokines")),
    ("metastatic cascade", ("metastatic cascade", "extravasation", "bone marrow")),
    ("bone cells", ("osteoclasts", "osteoblasts", "bone remodeling")),
    ("osteolytic lesions", ("osteolytic", "breast, lung, and kidney")),
    ("osteoblastic lesions", ("osteoblastic", "sclerotic", "brittle")),
    ("mixed lesions", ("mixed lesions",)),
    ("PTHrP", ("PTHrP", "parathyroid hormone-related peptide")),
    ("vicious cycle", ("vicious cycle",)),
    ("first sign: dull ache, mistaken for strain or arthritis", ("dull ache", "pulled muscle", "arthritis")),
    ("pain worse at night or at rest", ("at night", "when you rest")),
    ("pain not helped by position or anti-inflammatories", ("change position", "anti-inflammatory")),
    ("early stage may show no symptoms", ("no symptoms",)),
    ("older adults: blamed on other conditions", ("degenerative disc disease", "osteoporosis")),
    ("pain site follows first cancer", ("pelvis", "ribs or spine", "men and women")),
    ("skeletal-related events", ("skeletal-related events", "SREs")),
    ("pathological fracture with little force", ("pathological fracture", "curb", "turning over in bed")),
    ("spinal cord compression can cause paralysis", ("spinal cord compression", "nerve roots", "paralyzed")),
    ("hypercalcemia signs", ("hypercalcemia", "thirsty", "pee often", "nausea", "tired", "confusion")),
    ("no sure prevention; early detection", ("no sure way", "find the first cancer early")),
    ("adjuvant bone-modifying agents", ("adjuvant", "monoclonal antibodies")),
    ("the exam", ("nerves, muscles, and bones", "loss of feeling", "changes in strength")),
    ("staging scans", ("stage the first cancer",)),
    ("X-ray misses early lesions", ("X-ray", "large amount of bone must be lost")),
    ("bone scan", ("bone scintigraphy", "radioactive tracer")),
    ("CT scan", ("CT scan", "cortical bone")),
    ("MRI", ("MRI", "bone marrow", "soft tissue")),
    ("PET-CT", ("PET-CT", "positron emission tomography")),
    ("biopsy when the first cancer is unknown", ("biopsy", "no one knows where the cancer started")),
    ("blood tests: ALP, calcium", ("alkaline phosphatase", "ALP")),
    ("tumor markers", ("PSA", "CA 15-3", "tumor markers")),
    ("rule out look-alike conditions", ("rule out",)),
    ("treatment goals", ("ease pain", "keep you moving", "cannot be cured")),
    ("ASCO first-line treatment", ("American Society of Clinical Oncology", "ASCO", "systemic therapy")),
    ("systemic treatments", ("chemotherapy", "hormone therapy", "targeted therapy", "immunotherapy")),
    ("HER2-targeted drugs", ("HER2",)),
    ("radiation", ("External Beam Radiation Therapy", "EBRT", "one dose")),
    ("surgery", ("prophylactic fixation", "rod or plate", "palliative surgery")),
    ("bisphosphonates", ("bisphosphonates", "part of the bone")),
    ("denosumab blocks RANKL", ("denosumab", "RANKL", "nuclear factor kappa-B")),
    ("bone drugs by infusion", ("infusions",)),
    ("monitoring", ("every 3 to 6 months", "kidneys")),
    ("pain relief", ("analgesics", "nerve blocks", "vertebroplasty", "bone cement")),
    ("palliative care is not end-of-life care", ("palliative care", "end-of-life care", "drowsy")),
    ("NIH: calcium and vitamin D", ("National Institutes of Health", "vitamin D", "calcium")),
    ("foods", ("leafy greens", "dairy", "fortified")),
    ("dietitian", ("dietitian", "lab results")),
    ("exercise cautions", ("high-impact", "heavy lifting", "twisting")),
    ("safe exercise", ("walking", "swimming", "water aerobics", "stationary bike")),
    ("Supportive Care in Cancer 2023 review", ("Supportive Care in Cancer", "2023", "meta-analysis")),
    ("physical therapist", ("physical therapist",)),
    ("sleep", ("pillows", "breakthrough", "cool and dark")),
    ("kinesiophobia", ("kinesiophobia", "fear of movement")),
    ("MBSR and CBT for scanxiety", ("Mindfulness-Based Stress Reduction", "Cognitive Behavioral Therapy",
                                    "scanxiety")),
    ("caregivers", ("grab bars", "rugs", "confusion or sudden weakness")),
    ("outlook depends on", ("type of first cancer", "liver or lungs", "number of lesions")),
    ("many years, sometimes 10 or more", ("10 years or more",)),
    ("Lancet Oncology: median survival", ("The Lancet Oncology", "median survival", "20 years")),
    ("long-term illness like diabetes", ("diabetes", "heart disease")),
    ("not inherited; BRCA genes", ("BRCA1", "BRCA2", "genetic counseling")),
    ("work and the ADA", ("Americans with Disabilities Act", "flexible hours", "part-time")),
    ("call the cancer team for new pain", ("pain medicine no longer works",)),
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


def test_paragraphs_are_short():
    import textstat

    for section in GUIDE["sections"]:
        for block in section["blocks"]:
            if "paragraph" in block:
                assert textstat.sentence_count(block["paragraph"]) <= 4, block["paragraph"][:60]


# --- warning signs ----------------------------------------------------------------------
# Every sign the sources say needs care at once, and the words that must name it.
EXPECTED_SIGNS = [
    ("sudden back pain", ("sudden", "back pain")),
    ("back pain around chest, belly or waist like a band", ("back pain", "band", "chest", "belly", "waist")),
    ("new or sudden weakness in legs or arms", ("weakness", "legs", "arms")),
    ("new numbness in legs or arms", ("numbness", "legs", "arms")),
    ("tingling, pins and needles", ("tingling", "pins and needles")),
    ("difficulty walking", ("trouble walking",)),
    ("sudden inability to walk or bear weight", ("suddenly", "cannot walk", "stand")),
    ("loss of bowel or bladder control", ("bladder", "bowels")),
    ("severe confusion (high calcium)", ("severe confusion",)),
    ("lethargy (high calcium)", ("drowsy", "sluggish")),
]


def _matches(sign: str, words: tuple[str, ...]) -> bool:
    return all(w in sign.lower() for w in words)


@pytest.mark.parametrize("name, words", EXPECTED_SIGNS, ids=[n for n, _ in EXPECTED_SIGNS])
def test_red_flags_hold_each_sign(name, words):
    signs = GUIDE["red_flags"]["signs"]
    assert any(_matches(s, words) for s in signs), f"no warning sign for: {name}"


def test_red_flags_hold_nothing_else_and_are_short():
    signs = GUIDE["red_flags"]["signs"]
    for sign in signs:
        assert any(_matches(sign, words) for _, words in EXPECTED_SIGNS), f"unexpected sign: {sign}"
        assert len(sign) <= 50, sign
    assert len(signs) == len(EXPECTED_SIGNS)


def test_red_flag_action_says_where_to_go_and_what_to_say():
    action = GUIDE["red_flags"]["action"].lower()
    assert "emergency department" in action
    assert "emergency number" in action  # the sources name no phone number
    assert "bone metastases" in action


# --- shape ------------------------------------------------------------------------------

def test_disclaimer_says_not_a_substitute_for_a_doctor():
    text = GUIDE["disclaimer"].lower()
    assert "learning" in text and "not a substitute" in text and "doctor" in text


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
    assert 15 <= len(glossary) <= 30
    body = "\n".join(s["title"] + "\n" + section_text(s) for s in GUIDE["sections"]).lower()
    for entry in glossary:
        assert re.search(rf"(?<![a-z0-9]){re.escape(entry['term'].lower())}", body), entry["term"]
        assert entry["meaning"].strip()

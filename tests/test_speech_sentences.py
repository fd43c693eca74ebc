"""split_sentences: the reader marks exactly these sentences on screen, so cases are pinned."""

import pytest

from tui.speech.sentences import split_sentences


@pytest.mark.parametrize("text, expected", [
    ("One. Two! Three?", ["One.", "Two!", "Three?"]),
    ("Dr. Lee will see you. Bring your list.", ["Dr. Lee will see you.", "Bring your list."]),
    ("Take a painkiller, e.g. paracetamol. Then rest.", ["Take a painkiller, e.g. paracetamol.", "Then rest."]),
    ("Drugs (i.e. bisphosphonates) help. Ask.", ["Drugs (i.e. bisphosphonates) help.", "Ask."]),
    ("The tumour was 3.5 cm. It shrank to 2.1 cm.", ["The tumour was 3.5 cm.", "It shrank to 2.1 cm."]),
    ("Get enough vitamin D. Studies agree.", ["Get enough vitamin D.", "Studies agree."]),
    ("He said \"stop.\" Then he left.", ["He said \"stop.\"", "Then he left."]),
    ("Call now. (See section 2.) Then rest.", ["Call now.", "(See section 2.)", "Then rest."]),
    ("Signs include:\n- back pain\n- weak legs", ["Signs include:", "back pain", "weak legs"]),
    ("1. Sudden pain\n2) New numbness\n• Tingling", ["Sudden pain", "New numbness", "Tingling"]),
    ("Line one\nLine two", ["Line one", "Line two"]),
    ("Wait... what?", ["Wait...", "what?"]),
    ("", []),
    ("   \n\n - \n...", []),
    ("No end mark", ["No end mark"]),
    ("Spaces   inside    are  squeezed.", ["Spaces inside are squeezed."]),
])
def test_cases(text, expected):
    assert split_sentences(text) == expected


def test_deterministic_and_lossless_for_words(guide):
    from tui.core.reading import reading_units
    for section in guide.sections:
        for unit in reading_units(section):
            text = " ".join(unit.sentences)
            assert split_sentences(text) == split_sentences(text)
            assert all(s.strip() == s and s for s in unit.sentences)


def test_long_sentence_pieces_cut_at_clauses_then_words_and_keep_every_word():
    from tui.speech.sentences import speech_pieces
    clause = " ".join(["word"] * 30)
    sentence = f"{clause}, {clause}; {' '.join(f'x{n}' for n in range(95))}."
    pieces = speech_pieces(sentence, max_words=40)
    assert pieces[0].endswith(",") and pieces[1].endswith(";")  # clause marks first
    assert all(len(p.split()) <= 40 for p in pieces)
    assert " ".join(pieces).split() == sentence.split()
    assert speech_pieces("Short and sweet.") == ["Short and sweet."]

"""Split text into sentences. The reader marks on screen exactly what this returns, so it
must be deterministic and free of engine quirks: pure regex, no locale, no NLP model."""

from __future__ import annotations

import re

# Words whose trailing dot does not end a sentence (compared lower-case, without the dot).
ABBREVIATIONS = frozenset({
    "dr", "mr", "mrs", "ms", "prof", "st", "vs", "etc", "approx", "no", "fig", "jr", "sr",
    "e.g", "i.e", "eg", "ie", "cf", "al", "incl", "esp", "min", "max", "mg", "ml", "vol",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})

# A line that starts a list item: "-", "*", "•", "1.", "2)", "a)".
_BULLET = re.compile(r"^\s*(?:[-*•·‣–]|\d{1,3}[.)]|[a-zA-Z][)])\s+")
# Candidate end: . ! ? or … (possibly repeated), optional closing quotes/brackets, then space.
_END = re.compile(r"([.!?…]+)([\"'”’)\]]*)(\s+)")


def _is_abbreviation(text: str, dot_at: int) -> bool:
    """True when the '.' at dot_at ends a known abbreviation such as "Dr." or "e.g."."""
    start = dot_at
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "([\"'“‘":
        start -= 1
    word = text[start:dot_at].lower()
    if not word:
        return False
    # Single capital letters are not treated as initials: "vitamin D." ends sentences in this guide.
    return word in ABBREVIATIONS


def _split_line(line: str) -> list[str]:
    out: list[str] = []
    start = 0
    for match in _END.finditer(line):
        dot_at = match.start(1)
        rest = line[match.end():]
        if match.group(1) == "." and _is_abbreviation(line, dot_at):
            continue
        # A lower-case next word after "." is most likely still the same sentence ("approx. three").
        if match.group(1) == "." and rest[:1].islower():
            continue
        out.append(line[start:match.end(2)].strip())
        start = match.end()
    out.append(line[start:].strip())
    return [s for s in out if s]


def split_sentences(text: str) -> list[str]:
    """Sentences of `text` in order. Newlines and bullet markers are sentence breaks;
    numbers such as 3.5 stay whole (a dot must be followed by white space to end anything)."""
    sentences: list[str] = []
    for raw in text.splitlines():
        line = _BULLET.sub("", raw, count=1) if _BULLET.match(raw) else raw
        line = " ".join(line.split())
        if line:
            sentences += _split_line(line)
    return [s for s in sentences if any(ch.isalnum() for ch in s)]


PIECE_WORDS = 40  # espeak renders 40 words in well under a second, even on a busy machine
_CLAUSE_END = re.compile(r"(?<=[,;:])\s+")


def speech_pieces(sentence: str, max_words: int = PIECE_WORDS) -> list[str]:
    """A sentence as pieces of at most `max_words` words, for rendering: cut at clause marks
    (, ; :) where possible, else between words. Every word is kept, in order; joined with
    spaces the pieces give the sentence back (white space normalised)."""
    words = sentence.split()
    if len(words) <= max_words:
        return [sentence] if words else []
    pieces: list[str] = []
    current: list[str] = []
    for clause in _CLAUSE_END.split(sentence):
        clause_words = clause.split()
        if current and len(current) + len(clause_words) > max_words:
            pieces.append(" ".join(current))
            current = []
        while len(clause_words) > max_words:  # one clause longer than a piece: cut at words
            pieces.append(" ".join(clause_words[:max_words]))
            clause_words = clause_words[max_words:]
        current += clause_words
    if current:
        pieces.append(" ".join(current))
    return pieces

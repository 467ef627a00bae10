"""Skills in prose: the skills and tools a CV, a LinkedIn summary or a job ad names.

A line that is a list ("Skills: Linux, SQL, leadership": three or more short items between
commas) is a list of names: each item is read as a typed name is, by the whole ladder, and
kept where the reading is at least as sure as a command that takes one name asks
(``ladder.CONFIDENT``); an item not read so is read as prose is ("First aid certificate").
The rest of the text is cut into words, and runs of words that do
not cross a break (a comma, a semicolon, a line end, a full stop...) are looked up as
names, longest first, left to right: "Site reliability engineer" is read whole (a role, so
no skill), and its "reliability" is not read again; a word is never read inside another
word. A run counts where it is exactly a name the ladder's exact rules know (any label
tier, a label without its qualifier) or an alias (:mod:`.aliases`), as
:func:`~.ladder.read_name` reads it with its ``named`` rules; nothing is guessed from prose.
A single word counts only where it says something by itself: not a function word ("with"),
not a word so general that taxonomies use it for many things (``GENERAL_WORDS``: "design",
"data", "care"), a word of one or two letters only in capitals and standing alone (R, C,
AI, ML), and a word that is only another label of what it names only where it is written as
a name is (PostgreSQL, not "reporting", which ESCO gives journalism). Each skill found
keeps the words it came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from careergraph.graph.resolution.aliases import alias_table
from careergraph.graph.resolution.forms import STOP_WORDS, WORD, normalise
from careergraph.graph.resolution.ladder import CONFIDENT, Wanted, read_name
from careergraph.graph.resolution.readings import Reading

if TYPE_CHECKING:
    from careergraph.graph.names import NameIndex

MAX_WORDS = 8  # the longest run of words looked up as one name
LIST_ITEM_WORDS = 5  # the most words of an item of a list line ("Skills: Linux, SQL, ...")
_LIST_LINE = re.compile(r"[^\n]+")
_HEADED = re.compile(r"^\s*[^,;:]{1,40}:")
# What ends a run of words: list and sentence punctuation, a line end.
_BREAK = re.compile(
    '[,;:!?()\\[\\]{}|*\n\r\t"\u2022\u00b7\u201c\u201d]'  # punctuation, bullets, quotes
    "|\\.\\s|\\s[-\u2013\u2014]\\s"  # a full stop, a dash between words
)
# Words so general that ESCO gives them, as alternative labels, to skills they do not name
# by themselves ("care" for "attend to detail", "data" for "statistics"): the single-word
# labels most used in ESCO's own descriptions (in over 150 of its 16,903 concepts'
# descriptions), and the last line's few words of the same kind.
GENERAL_WORDS = frozenset(
    {
        *("equipment", "it", "design", "processes", "process", "plan", "data", "care"),
        *("computer", "conduct", "compliance", "clean", "security", "energy", "transport"),
        *("planning", "engineering", "language", "report", "ict", "efficiency", "form"),
        *("work", "use", "service", "services", "management", "support", "access"),
    }
)


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int
    run: int  # which run of words (between breaks) it is in


def skills_in_text(
    index: NameIndex,
    text: str,
    wanted: Wanted,
    prior: Callable[[str], float] | None = None,
) -> list[Reading]:
    """The skills and tools ``text`` names (of the kinds ``wanted`` takes), each once, in the
    order they first appear, each reading's ``given`` the words it came from.

    >>> from careergraph import CareerGraph
    >>> from careergraph.graph.kinds import kind_named
    >>> wanted = Wanted(tuple(kind_named(k) for k in ("skill", "tool")), "skill or tool")
    >>> found = skills_in_text(CareerGraph.open().names, "I run k8s and Terraform.", wanted)
    >>> [(r.given, r.entity.label, r.rule) for r in found]
    [('k8s', 'Kubernetes', 'alias'), ('Terraform', 'Terraform', 'preferred')]
    """
    found: dict[tuple[str, ...], Reading] = {}
    read: set[str] = set()
    for item in _list_items(text):
        reading = read_name(index, item, wanted, prior=prior, across=True, suggest=False)
        if isinstance(reading, Reading) and reading.confidence >= CONFIDENT:
            _add(found, reading)
            read.add(item)
    text = _LIST_LINE.sub(
        lambda line: _unread(line.group(), read) if _is_list(line.group()) else line.group(), text
    )
    for words in _batches(_runs(text)):
        keys = {
            (i, n): normalise(text[words[i].start : words[i + n - 1].end])
            for i in range(len(words))
            for n in range(1, MAX_WORDS + 1)
            if i + n <= len(words) and words[i + n - 1].run == words[i].run
        }
        known = index.known(set(keys.values())) | (set(keys.values()) & alias_table().keys())
        position = 0
        while position < len(words):
            length = next(
                (
                    n
                    for n in range(MAX_WORDS, 0, -1)
                    if keys.get((position, n)) in known
                    and _says_something(words, position, n, text)
                ),
                0,
            )
            if not length:
                position += 1
                continue
            given = text[words[position].start : words[position + length - 1].end]
            reading = read_name(
                index, given, wanted, prior=prior, rules="named", across=True, suggest=False
            )
            if isinstance(reading, Reading) and (length > 1 or _names_it(reading, given)):
                _add(found, reading)
            position += length  # read, as a skill or as something else: not read again
    return list(found.values())


def _runs(text: str) -> Iterator[list[_Word]]:
    """The runs of words of ``text``: the words between two breaks."""
    run: list[_Word] = []
    last = 0
    for match in WORD.finditer(text):
        if run and _BREAK.search(text[last : match.start()]):
            yield run
            run = []
        run.append(_Word(match.group(), match.start(), match.end(), 0))
        last = match.end()
    if run:
        yield run


def _batches(runs: Iterator[list[_Word]], size: int = 2_000) -> Iterator[list[_Word]]:
    """Runs of words in batches of about ``size`` words, each word marked with its run."""
    batch: list[_Word] = []
    for number, run in enumerate(runs):
        batch.extend(replace(word, run=number) for word in run)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _list_items(text: str) -> Iterator[str]:
    """The items of the lines of ``text`` that are lists (see :func:`_is_list`), without a
    heading before a colon ("Skills: Linux, SQL"); a list that goes on over several lines
    is one list (an item cut at a line's end is whole again)."""
    lists: list[list[str]] = []
    last = -2
    for number, line in enumerate(text.splitlines()):
        if _is_list(line):
            line = line.split(":", 1)[1] if _HEADED.match(line) else line
            if number == last + 1:
                lists[-1].append(line)
            else:
                lists.append([line])
            last = number
    for lines in lists:
        items = re.split(r"[,;]", " ".join(lines))
        yield from (item.strip(" .\t") for item in items if item.strip(" .\t"))


def _unread(line: str, read: set[str]) -> str:
    """A list line without its heading and the items read whole, its other items left to be
    read as prose is ("First aid certificate": *first aid*; "English (good)": *English*).

    >>> _unread("Skills: SQL, First aid certificate, Go", {"SQL", "Go"}).split(",")
    ['           ', ' First aid certificate', '   ']
    """
    if _HEADED.match(line):
        heading, line = line.split(":", 1)
        line = " " * (len(heading) + 1) + line
    parts = re.split(r"([,;])", line)
    return "".join(" " * len(part) if part.strip(" .\t") in read else part for part in parts)


def _is_list(line: str) -> bool:
    """Whether a line is a list of names: three or more items between commas or semicolons,
    each of at most ``LIST_ITEM_WORDS`` words (a heading before a colon aside)."""
    line = line.split(":", 1)[1] if _HEADED.match(line) else line
    items = [item for item in re.split(r"[,;]", line) if item.strip(" .\t")]
    return len(items) >= 3 and all(len(WORD.findall(item)) <= LIST_ITEM_WORDS for item in items)


def _names_it(reading: Reading, word: str) -> bool:
    """Whether a single word names what it was read as by itself: a preferred label, a label
    without its qualifier, an alias, or another label written as a name is (PostgreSQL,
    SQL), not as a common word is ("reporting" is an alternative label of journalism)."""
    if reading.rule in ("preferred", "qualifier", "alias", "iri"):
        return True
    return word.isupper() or any(letter.isupper() for letter in word[1:])


def _says_something(words: list[_Word], position: int, length: int, text: str) -> bool:
    """Whether a run of words may be read as a name by itself (see the module docstring)."""
    if length > 1:
        return not all(w.text.casefold() in STOP_WORDS for w in words[position : position + length])
    word = words[position]
    folded = word.text.casefold()
    if folded in STOP_WORDS or folded in GENERAL_WORDS:
        return False
    if len(word.text.rstrip("+#")) > 2:
        return True
    before = text[: word.start].rstrip(" ")
    after = text[word.end :].lstrip(" ")
    alone = (not before or before[-1] in ",;:(\n") and (not after or after[0] in ",;.)\n")
    return word.text.isupper() and alone


def _add(found: dict[tuple[str, ...], Reading], reading: Reading) -> None:
    """Keep one reading per set of entities, with every distinct wording it came from."""
    key = tuple(e.iri for e in reading.entities)
    if key not in found:
        found[key] = reading
        return
    earlier = found[key]
    givens = earlier.given.split(", ")
    if reading.given.casefold() not in (g.casefold() for g in givens):
        found[key] = replace(earlier, given=f"{earlier.given}, {reading.given}")

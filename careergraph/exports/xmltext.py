"""Characters XML 1.0 cannot carry, which no XML output may hold.

XML 1.0 allows no control character but tab, line feed and carriage return, no lone
surrogate and neither U+FFFE nor U+FFFF, not even written as a character reference. A label
holding one (an escape sequence, a bell) would make an RDF/XML, GraphML, GEXF or SPARQL
XML file that no conformant parser reads, so such an output is refused, naming the entity.
"""

from __future__ import annotations

import re

from careergraph.errors import UnwritableCharacterError

_RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_REFERENCE = re.compile(r"&#(x[0-9a-fA-F]+|[0-9]+);")
# What names the element a character is in: an RDF/XML subject, a GraphML or GEXF node or
# edge, a SPARQL XML binding.
_NAMED = re.compile(r'(rdf:about|rdf:nodeID|id|name)="([^"]*)"')
# What to choose instead, by format.
_INSTEAD = {
    "rdfxml": "choose ttl, nt or jsonld",
    "xml": "choose json, csv or tsv",
    "graphml": "fix the data (GEXF cannot carry it either)",
    "gexf": "fix the data (GraphML cannot carry it either)",
}


def check_xml_text(text: str, format_name: str) -> None:
    """Raise UnwritableCharacterError if ``text`` (an XML document) holds a character XML
    1.0 cannot carry, raw or as a reference, naming the nearest element before it.

    >>> check_xml_text('<node id="a">fine</node>', "graphml")
    >>> check_xml_text('<node id="role/x">bad\\x1b</node>', "graphml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    careergraph.errors.UnwritableCharacterError: graphml cannot carry U+001B, in role/x ...
    """
    faults = []
    raw = _RAW.search(text)
    if raw:
        faults.append((raw.start(), ord(raw.group())))
    for reference in _REFERENCE.finditer(text):
        value = reference.group(1)
        number = int(value[1:], 16) if value[0] == "x" else int(value)
        if number > 0x10FFFF or _RAW.match(chr(number)):
            faults.append((reference.start(), number))
            break
    if not faults:
        return
    position, code = min(faults)
    names = _NAMED.findall(text, 0, position)
    if not names:
        where = "the document"
    else:
        attribute, value = names[-1]
        where = f"the value of ?{value}" if attribute == "name" else value
    instead = _INSTEAD.get(format_name, "choose another format")
    raise UnwritableCharacterError(format_name, code, where, instead)

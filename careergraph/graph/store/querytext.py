"""SPARQL query text: its form, its variables, the predeclared prefixes, and bindings.

Values reach a query as data, never as text pasted into it: each value is written as one RDF
term (an IRI checked for forbidden characters, or a literal with every quote and backslash
escaped) in a ``VALUES`` block placed first in the query's WHERE group. That is the SPARQL 1.1
way to bind variables, it means the same on every engine and on a remote endpoint, and the
bound variable is visible everywhere in the group, FILTERs included. A value can never change
the query's structure: whatever it contains stays inside one term.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from careergraph.errors import BadInputError
from careergraph.graph.store.terms import IRI, BlankNode, Term
from careergraph.namespaces import PREFIXES

QUERY_FORMS = ("select", "ask", "construct", "describe")
UPDATE_KEYWORDS = (
    "insert",
    "delete",
    "load",
    "clear",
    "drop",
    "create",
    "add",
    "move",
    "copy",
    "with",
)

_TOKEN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<comment>\#[^\n]*)
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    | (?P<variable>[?$][\w\u00b7]+)
    | (?P<word>[A-Za-z_][A-Za-z0-9_\-.]*(?::[^\s{}()<>,;"']*)?|:[^\s{}()<>,;"']*)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]+(-[A-Za-z0-9]+)*$")
_IRI_FORBIDDEN = re.compile(r'[<>"{}|^`\\\x00-\x20]')


@dataclass(frozen=True)
class QueryText:
    """What careergraph needs to know of a query before it runs.

    ``form`` is ``select``, ``ask``, ``construct``, ``describe``, ``update`` or ``unknown``
    (left for the engine to reject); ``group`` is the offset just inside the ``{`` that opens
    the WHERE group, where bindings go; ``short_construct`` marks ``CONSTRUCT WHERE { }``.
    ``depth`` and ``calls_service`` count what is outside strings, IRIs and comments only.
    """

    text: str
    form: str
    variables: frozenset[str]
    group: int | None
    short_construct: bool = False
    depth: int = 0  # how deep it nests { }, ( ) and [ ]: see MAX_NESTING
    calls_service: bool = False  # a SERVICE clause: a call to another server
    body: int = 0  # the offset where the query form begins, after PREFIX and BASE


@cache
def analyse(text: str) -> QueryText:
    """Find the form, the variables and the WHERE group of a query (or an update).

    >>> q = analyse("PREFIX x: <http://x/> SELECT ?a WHERE { ?a x:p 'b' }")
    >>> q.form, sorted(q.variables), q.text[q.group:].strip()
    ('select', ['a'], "?a x:p 'b' }")
    """
    tokens = [
        (match.lastgroup, match.group(), match.end())
        for match in _TOKEN.finditer(text)
        if match.lastgroup not in ("space", "comment")
    ]
    variables = frozenset(value[1:] for kind, value, _ in tokens if kind == "variable")
    found = {
        "depth": _depth(tokens),
        "calls_service": any(k == "word" and v.lower() == "service" for k, v, _ in tokens),
    }
    index = _skip_prologue(tokens)
    if index < len(tokens):
        found["body"] = tokens[index][2] - len(tokens[index][1])
    if index >= len(tokens) or tokens[index][0] != "word":
        return QueryText(text, "unknown", variables, None, **found)
    keyword = tokens[index][1].lower()
    if keyword in UPDATE_KEYWORDS:
        return QueryText(text, "update", variables, None, **found)
    if keyword not in QUERY_FORMS:
        return QueryText(text, "unknown", variables, None, **found)
    rest = tokens[index + 1 :]
    short = keyword == "construct" and bool(rest) and rest[0][1].lower() == "where"
    skip = 1 if keyword == "construct" and not short else 0  # the CONSTRUCT template
    return QueryText(text, keyword, variables, _group_start(rest, skip), short, **found)


MAX_NESTING = 200  # groups, parentheses and brackets: engines' parsers recurse on each


def _depth(tokens: list[tuple[str | None, str, int]]) -> int:
    """How deep the tokens nest ``{ }``, ``( )`` and ``[ ]``.

    >>> analyse("SELECT * WHERE { ?s ?p ?o FILTER((?o > 1)) }").depth
    3
    >>> q = analyse("ASK { ?s ex:service '{{{ SERVICE' } # SERVICE")
    >>> q.depth, q.calls_service, analyse("SELECT * { SERVICE <x:y> {} }").calls_service
    (1, False, True)
    """
    depth = deepest = 0
    for kind, value, _ in tokens:
        if kind == "other" and value in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "other" and value in "})]":
            depth -= 1
    return deepest


def _skip_prologue(tokens: list[tuple[str | None, str, int]]) -> int:
    index = 0
    while index < len(tokens) and tokens[index][1].lower() in ("prefix", "base"):
        index += 3 if tokens[index][1].lower() == "prefix" else 2
    return index


def _group_start(tokens: list[tuple[str | None, str, int]], skip: int) -> int | None:
    """The end offset of the first top-level ``{`` after ``skip`` top-level groups."""
    depth = 0
    for _, value, end in tokens:
        if value in ("{", "("):
            if depth == 0 and value == "{":
                if skip == 0:
                    return end
                skip -= 1
            depth += 1
        elif value in ("}", ")"):
            depth -= 1
    return None


def paged(text: str, variables: tuple[str, ...], size: int, offset: int) -> str:
    """One page of a SELECT query's solutions, in an order that is the same at every call
    (every variable, in turn), for reading an answer a server cuts at ``size`` rows.

    >>> print(paged("PREFIX x: <u:> SELECT ?a { ?a x:p 1 }", ("a",), 10, 20))
    PREFIX x: <u:> SELECT * WHERE { { SELECT ?a { ?a x:p 1 }
    } } ORDER BY ?a LIMIT 10 OFFSET 20
    """
    start = analyse(text).body
    order = " ".join(f"?{name}" for name in variables)
    return (
        f"{text[:start]}SELECT * WHERE {{ {{ {text[start:]}\n}} }} ORDER BY {order} "
        f"LIMIT {size} OFFSET {offset}"
    )


def counted(text: str) -> str:
    """A query that counts the solutions of the SELECT query ``text``.

    >>> print(counted("SELECT ?a { ?a ?b 1 }"))
    SELECT (COUNT(*) AS ?n) WHERE { { SELECT ?a { ?a ?b 1 }
    } }
    """
    start = analyse(text).body
    return f"{text[:start]}SELECT (COUNT(*) AS ?n) WHERE {{ {{ {text[start:]}\n}} }}"


def with_prefixes(text: str, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """The query with the predeclared prefixes on one line before it.

    A query may declare a prefix again; its own declaration wins. Errors in the result are
    one line off: :func:`located` takes that into account.
    """
    return " ".join(f"PREFIX {p}: <{iri}>" for p, iri in prefixes.items()) + "\n" + text


def undeclared_prefixes(text: str) -> list[str]:
    """The prefixes a query uses in prefixed names but does not declare (with_prefixes
    applied)."""
    tokens = [m for m in _TOKEN.finditer(text) if m.lastgroup == "word"]
    declared = {
        tokens[i + 1].group().rstrip(":")
        for i, m in enumerate(tokens[:-1])
        if m.group().lower() == "prefix"
    }
    used = (m.group().partition(":")[0] for m in tokens if ":" in m.group())
    return sorted({p for p in used if p not in declared and p.lower() != "prefix"})


def located(line: int | None, column: int | None, text: str) -> str:
    """Where a fault is in ``text``, given its position in ``with_prefixes(text)``:
    ``line 3, column 2, at "LIMT 10"``."""
    if line is None or column is None:
        return "somewhere in the query"
    lines = text.split("\n")
    line -= 1  # the predeclared prefixes take one line
    if not 1 <= line <= len(lines):
        return "at the end of the query"
    offending = lines[line - 1][max(column - 1, 0) :].strip()[:40]
    return f'line {line}, column {column}, at "{offending}"' if offending else f"line {line}"


@cache
def store_query(name: str) -> str:
    """The text of one of the store's own queries, ``store/queries/<name>.rq``."""
    return (Path(__file__).parent / "queries" / f"{name}.rq").read_text("utf-8")


def bind(text: str, bindings: Mapping[str, Term] | None) -> str:
    """The query with ``bindings`` (variable name to term) as a VALUES block first in its
    WHERE group.

    >>> from careergraph.graph.store.terms import Literal
    >>> bind('SELECT ?x WHERE { ?x ?p ?v }', {"v": Literal('say "hi" }')})
    'SELECT ?x WHERE { VALUES (?v) { ("say \\\\"hi\\\\" }") } ?x ?p ?v }'
    """
    if not bindings:
        return text
    query = analyse(text)
    if query.form not in QUERY_FORMS:
        raise BadInputError("only a SELECT, ASK, CONSTRUCT or DESCRIBE query takes parameters")
    if query.group is None:
        raise BadInputError("this query has no WHERE clause to bind parameters in")
    names = sorted(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z0-9_]+", name):
            raise BadInputError(f"{name!r} is not a SPARQL variable name")
    values = (
        "VALUES ("
        + " ".join(f"?{n}" for n in names)
        + ") { ("
        + " ".join(sparql_term(bindings[n]) for n in names)
        + ") } "
    )
    return _with_values(text, query, values)


def bind_each(text: str, name: str, terms: list[Term]) -> str:
    """The query with ``?name`` bound to each of ``terms`` in turn: one solution per term.

    >>> bind_each("SELECT ?x WHERE { ?x ?p ?o }", "x", [IRI("urn:a"), IRI("urn:b")])
    'SELECT ?x WHERE { VALUES ?x { <urn:a> <urn:b> } ?x ?p ?o }'
    """
    query = analyse(text)
    if query.form not in QUERY_FORMS or query.group is None:
        raise BadInputError("this query has no WHERE clause to bind values in")
    if not re.fullmatch(r"[A-Za-z0-9_]+", name):
        raise BadInputError(f"{name!r} is not a SPARQL variable name")
    values = f"VALUES ?{name} {{ " + " ".join(sparql_term(t) for t in terms) + " } "
    return _with_values(text, query, values)


def _with_values(text: str, query: QueryText, values: str) -> str:
    """``values`` placed first in the query's WHERE group."""
    head, body = text[: query.group], text[query.group :]
    if query.short_construct:
        # CONSTRUCT WHERE { T } is CONSTRUCT { T } WHERE { T }: only the long form takes VALUES.
        where = head.lower().rindex("where")
        template = body[: body.rindex("}")]
        return f"{head[:where]}{{{template}}} WHERE {{ {values}{body}"
    return f"{head} {values}{body.lstrip()}"


def sparql_term(term: Term) -> str:
    """One RDF term in SPARQL (and N-Triples) syntax, escaped so that it stays one term."""
    if isinstance(term, IRI):
        if _IRI_FORBIDDEN.search(term.value):
            raise BadInputError(f"{term.value!r} is not a valid IRI")
        return f"<{term.value}>"
    if isinstance(term, BlankNode):
        raise BadInputError("a blank node cannot be bound to a query variable")
    text = '"' + escape_string(term.value) + '"'
    if term.language:
        if not _LANGUAGE_TAG.match(term.language):
            raise BadInputError(f"{term.language!r} is not a language tag")
        return f"{text}@{term.language}"
    if term.datatype:
        return f"{text}^^{sparql_term(IRI(term.datatype))}"
    return text


def escape_string(value: str) -> str:
    """The body of a double-quoted SPARQL / N-Triples string."""
    return (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )

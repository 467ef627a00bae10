"""A remote SPARQL 1.1 Protocol endpoint as a store: Fuseki, GraphDB, Virtuoso, Oxigraph...

Queries are sent as ``application/x-www-form-urlencoded`` POSTs; SELECT and ASK answers are
read as SPARQL JSON results, CONSTRUCT and DESCRIBE answers as N-Triples. Every failure
(refused connection, timeout, HTTP error, an answer that is not SPARQL results) becomes an
:class:`~careergraph.errors.EndpointError` that names the endpoint: unreachable, timed out,
or a bad answer.

A server may cut an answer at a number of rows (Virtuoso's ``ResultSetMaxRows``, 10,000 by
default, said in an ``X-SPARQL-MaxRows`` header). A SELECT answer that is cut, or whose size
is a round number that a probe of the next row shows to be cut, is read again in pages
(``LIMIT``/``OFFSET`` over an order of every variable), its solutions counted before and
after: a server that refuses the pages, or whose answer changes between them, is an error
that says so, never an answer read as whole. A cut CONSTRUCT answer is an error; the whole
graph is read as a paged SELECT.

Values come back as what they mean: Virtuoso's blank node ids (``nodeID://b10003``) become
valid labels, its booleans ``1``/``0`` become ``true``/``false``, and its durations, written
as a number of months (``12``) or seconds (``7200.0``), become ``P1Y`` and ``PT2H``.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from careergraph.errors import (
    DataFileError,
    EndpointAnswerError,
    EndpointRefusedError,
    EndpointTimeoutError,
    EndpointUnreachableError,
    ParameterError,
    ReadOnlyError,
)
from careergraph.graph.store.base import PLAIN_DATATYPES, Answer, Row, Store, Triple, within
from careergraph.graph.store.formats import FORMATS, RdfFormat
from careergraph.graph.store.ntriples import ntriples
from careergraph.graph.store.oxigraph_engine import OxigraphStore
from careergraph.graph.store.querytext import analyse, bind, counted, paged, store_query
from careergraph.graph.store.terms import IRI, BlankNode, Literal, Term
from careergraph.namespaces import XSD
from careergraph.version import __version__

DEFAULT_TIMEOUT = 60.0
MAX_ANSWER = 512 * 1024 * 1024  # bytes: the largest answer read (a page, when paged)
MAX_ROWS = 1_000_000  # rows (or triples) of one answer, unless $CAREERGRAPH_MAX_ROWS says more
MAX_ROWS_VARIABLE = "CAREERGRAPH_MAX_ROWS"
_RESULTS_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
_CHUNK = 1 << 16
_ROUND = 1000  # an answer of a multiple of this many rows may be a cut one: probed
_BLANK_LABEL = re.compile(r"[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?")


@dataclass(frozen=True)
class _Reply:
    body: bytes
    content_type: str
    max_rows: int | None  # the row cap the server says it applies (X-SPARQL-MaxRows)


def update_url_for(query_url: str) -> str:
    """Where updates go by default: ``.../query`` becomes ``.../update`` (Fuseki, Oxigraph);
    any other endpoint takes updates at its query URL (GraphDB, Virtuoso)."""
    if query_url.rstrip("/").endswith("/query"):
        return query_url.rstrip("/")[: -len("query")] + "update"
    return query_url


def _checked(parameter: str, url: str) -> str:
    """``url`` if it is an http:// or https:// URL with a host, and nothing a request line
    cannot carry; else a ParameterError."""
    try:
        parsed = urllib.parse.urlsplit(url)
        parsed.port  # noqa: B018 (a port that is not a number raises here)
    except ValueError as error:
        raise ParameterError(parameter, f"{url!r} is not a URL ({error})") from None
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ParameterError(parameter, f"{url!r} is not an http:// or https:// URL")
    if any(ord(c) <= 0x20 or ord(c) == 0x7F for c in url):
        raise ParameterError(parameter, f"{url!r} has a space or a control character")
    return url


# Query-string parameters whose values are secrets: shown as *** in every message.
SECRET_PARAMETERS = frozenset(
    {"apikey", "api_key", "api-key", "key", "token", "access_token", "auth", "password"}
    | {"passwd", "secret", "signature", "sig"}
)


def _without_credentials(url: str) -> tuple[str, str | None]:
    """``url`` without its ``user:password@``, and the HTTP basic authorization those make
    (None where there are none).

    >>> _without_credentials("https://alice:s3cret@example.org/sparql?x=1")
    ('https://example.org/sparql?x=1', 'Basic YWxpY2U6czNjcmV0')
    """
    import base64

    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None
    user = urllib.parse.unquote(parts.username or "")
    password = urllib.parse.unquote(parts.password or "")
    host = parts.netloc.rpartition("@")[2]
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return urllib.parse.urlunsplit(parts._replace(netloc=host)), f"Basic {token}"


def redacted(url: str) -> str:
    """``url`` as messages and kept files show it: no credentials, and the values of
    secret query parameters (``SECRET_PARAMETERS``) as ``***``.

    >>> redacted("https://bob:pw@example.org/sparql?apikey=abc&graph=g")
    'https://example.org/sparql?apikey=***&graph=g'
    """
    parts = urllib.parse.urlsplit(_without_credentials(url)[0])
    if not parts.query:
        return urllib.parse.urlunsplit(parts)
    pairs = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    shown = "&".join(
        f"{urllib.parse.quote(k)}=***"
        if k.casefold() in SECRET_PARAMETERS
        else urllib.parse.urlencode({k: v})
        for k, v in pairs
    )
    return urllib.parse.urlunsplit(parts._replace(query=shown))


class _ElsewhereError(urllib.error.URLError):
    """A redirect to another scheme, host or port, which is not followed."""

    def __init__(self, target: str):
        super().__init__(f"redirected to {target}")
        self.target = target


class _SameServerRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to the same scheme, host and port: an endpoint's answer
    comes from the server the user named, never from one it points to."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        here, there = urllib.parse.urlsplit(req.full_url), urllib.parse.urlsplit(newurl)
        if (here.scheme, here.hostname, here.port) != (there.scheme, there.hostname, there.port):
            raise _ElsewhereError(newurl)
        if req.get_method() != "POST" or code not in (301, 302, 303, 307, 308):
            return super().redirect_request(req, fp, code, msg, headers, newurl)
        # A query or an update is asked again where the server points, whole: urllib would
        # turn a POST into an empty GET (301-303) or not follow it at all (307, 308).
        return urllib.request.Request(
            newurl.replace(" ", "%20"),
            data=req.data,
            headers=dict(req.header_items()),
            origin_req_host=req.origin_req_host,
            unverifiable=True,
            method="POST",
        )


_OPENER = urllib.request.build_opener(_SameServerRedirects)


class EndpointStore(Store):
    """A read-only view of a remote SPARQL endpoint (updates only when asked for)."""

    engine = "endpoint"

    def __init__(
        self,
        url: str,
        timeout: float | None = DEFAULT_TIMEOUT,
        update_url: str | None = None,
        one_clock: bool = False,
    ):
        """``timeout`` bounds each query's whole answer; with ``one_clock`` it bounds every
        query asked of this store together, from now on (a command's)."""
        checked = _checked("url", url)
        # Credentials in the URL go as HTTP basic authentication, never in a message: the
        # URL asked is without them, the one shown has its secret parameters hidden too.
        self.url, self._authorization = _without_credentials(checked)
        self.shown = redacted(self.url)
        self.location = self.shown
        updates = _checked("update_url", update_url or update_url_for(checked))
        self.update_url, self._update_authorization = _without_credentials(updates)
        self.timeout = timeout or None
        self._until = (
            (time.monotonic() + self.timeout, self.timeout) if one_clock and self.timeout else None
        )
        self._blank_nodes: dict[Term, list[Triple]] = {}

    def load(self, data: bytes, rdf_format: RdfFormat, source: str, base_iri: str) -> int:
        raise ReadOnlyError("files cannot be merged into a remote endpoint")

    def query(self, text: str, timeout: float | None = None) -> Answer:
        return self._run(text, timeout or self.timeout)

    def update(self, text: str, timeout: float | None = None) -> None:
        self._post(self.update_url, {"update": text}, "*/*", timeout or self.timeout, updating=True)

    def _run(self, text: str, timeout: float | None = None) -> Answer:
        """One query's whole answer, however many requests it takes, within ``timeout``."""
        form = analyse(text).form
        timeout = timeout or self.timeout
        deadline = (time.monotonic() + timeout, timeout) if timeout else None
        if self._until is not None and (deadline is None or self._until < deadline):
            deadline = self._until
        if form in ("construct", "describe"):
            reply = self._ask(text, _NTRIPLES, deadline)
            triples = self._parse_triples(reply.body)
            if reply.max_rows is not None and len(triples) >= reply.max_rows:
                raise self._capped(reply.max_rows, "a CONSTRUCT or DESCRIBE answer")
            return Answer(form, triples=triples)
        reply = self._ask(text, _RESULTS_JSON, deadline)
        answer = self._parse_results(reply, form)
        if form == "select" and self._cut(text, answer, reply.max_rows, deadline):
            size = reply.max_rows or len(answer.rows)
            return self._paged(text, answer.variables, size, deadline)
        return answer

    def _ask(self, text: str, accept: str, deadline: tuple[float, float] | None) -> _Reply:
        """POST one query, within what is left of the time to ``deadline`` (the time it is
        up, and the time allowed)."""
        if deadline is None:
            return self._post(self.url, {"query": text}, accept, None)
        left = deadline[0] - time.monotonic()
        if left <= 0:
            raise self._late(deadline[1])
        try:
            return self._post(self.url, {"query": text}, accept, left)
        except EndpointTimeoutError:
            raise self._late(deadline[1]) from None

    def _late(self, timeout: float) -> EndpointTimeoutError:
        return EndpointTimeoutError(
            self.shown, f"the SPARQL endpoint {self.shown} did not answer within {timeout:g} s"
        )

    def _cut(self, text: str, answer: Answer, max_rows: int | None, deadline) -> bool:
        """Whether the server cut this SELECT answer: as many rows as its stated cap, or a
        round number of rows with more behind them."""
        found = len(answer.rows)
        if max_rows is not None:
            return found >= max_rows
        if found < _ROUND or found % _ROUND:
            return False
        probe = self._ask(paged(text, answer.variables, 1, found), _RESULTS_JSON, deadline)
        return bool(self._parse_results(probe).rows)

    def _paged(self, text: str, variables: tuple[str, ...], size: int, deadline) -> Answer:
        """Every solution of a query the server cuts at ``size`` rows, read page by page;
        the solutions are counted before and after, and must match what was read."""
        before = self._count(text, deadline)
        if before > max_rows():
            raise self._too_many(max_rows(), "rows")
        rows: list[Row] = []
        while len(rows) < before:
            page = paged(text, variables, size, len(rows))
            try:
                found = self._parse_results(self._ask(page, _RESULTS_JSON, deadline)).rows
            except EndpointRefusedError as error:
                raise self._capped(size, f"an answer of {before:,} rows", error) from None
            if not found:
                break
            rows.extend(found)
        after = self._count(text, deadline)
        if not before == after == len(rows):
            raise EndpointAnswerError(
                self.shown,
                f"the SPARQL endpoint {self.shown} cuts answers at {size:,} rows, and its answer "
                f"changed while careergraph read it in pages ({before:,} rows before, "
                f"{len(rows):,} read, {after:,} after): try again when the data is still",
            )
        return Answer("select", variables, tuple(rows))

    def _count(self, text: str, deadline) -> int:
        reply = self._ask(counted(text), _RESULTS_JSON, deadline)
        rows = self._parse_results(reply).rows
        try:
            return int(rows[0]["n"].value)
        except (IndexError, KeyError, ValueError):
            raise self._not_results(reply.content_type) from None

    def _capped(self, size: int, what: str, error: Exception | None = None) -> EndpointAnswerError:
        detail = str(error).removeprefix(f"the SPARQL endpoint {self.shown} ")
        refused = f"; it refused to give it in pages ({detail})" if error else ""
        return EndpointAnswerError(
            self.shown,
            f"the SPARQL endpoint {self.shown} cuts answers at {size:,} rows, too few for "
            f"{what}{refused}: raise its limit (Virtuoso: ResultSetMaxRows and "
            "MaxSortedTopRows in the [SPARQL] and [Parameters] sections of virtuoso.ini)",
        )

    def triples(self, subject: Term | None = None) -> Iterator[Triple]:
        """The triples of the graph, or of one subject. A blank node is only known from the
        answer that mentioned it, so a subject's answer brings its nested blank nodes along
        (see ``queries/describe.rq``) and they are kept to be asked for next. The whole graph
        is read as a SELECT, which is paged where the server cuts answers."""
        if subject is None:
            for row in self._run(store_query("all-triples")).rows:
                yield row["s"], row["p"], row["o"]
            return
        if isinstance(subject, BlankNode):
            yield from self._blank_nodes.get(subject, ())
            return
        answer = self._run(bind(store_query("describe"), {"s": subject}))
        own, nested = [], {}
        for triple in answer.triples:
            if triple[0] == subject:
                own.append(triple)
            elif isinstance(triple[0], BlankNode):
                nested.setdefault(triple[0], []).append(triple)
        self._blank_nodes.update(nested)  # ids are fresh in every answer: nothing clashes
        yield from own

    def serialize(self, rdf_format: RdfFormat, prefixes: Mapping[str, str]) -> bytes:
        local = OxigraphStore()
        local.load(ntriples(self.triples()), FORMATS["nt"], self.url, "urn:careergraph:endpoint")
        return local.serialize(rdf_format, prefixes)

    def __len__(self) -> int:
        rows = self.select(store_query("count"))
        return int(rows[0]["n"].value) if rows else 0

    # ---- HTTP ----------------------------------------------------------------------------

    def _post(
        self,
        url: str,
        form: dict[str, str],
        accept: str,
        timeout: float | None,
        updating: bool = False,
    ) -> _Reply:
        """POST ``form`` to ``url``: the whole exchange, however slowly the server drips its
        headers or body, ends within ``timeout`` seconds."""
        headers = {
            "Accept": accept,
            "Content-Type": "application/x-www-form-urlencoded",
            "User-Agent": f"careergraph/{__version__}",
        }
        authorization = self._update_authorization if updating else self._authorization
        if authorization:
            headers["Authorization"] = authorization
        request = urllib.request.Request(
            url,
            data=urllib.parse.urlencode(form).encode("utf-8"),
            headers=headers,
            method="POST",
        )
        try:
            return within(timeout, lambda: self._exchange(request, timeout))
        except TimeoutError:
            raise self._late(timeout or 0) from None

    def _exchange(self, request: urllib.request.Request, timeout: float | None) -> _Reply:
        url = redacted(request.full_url)  # as messages say it
        try:
            with _OPENER.open(request, timeout=timeout) as response:
                content_type = response.headers.get_content_type()
                max_rows = _number(response.headers.get("X-SPARQL-MaxRows"))
                return _Reply(_read_bounded(response, url), content_type, max_rows)
        except _ElsewhereError as error:
            raise EndpointAnswerError(
                url,
                f"the SPARQL endpoint {url} redirected to {redacted(error.target)}, another "
                "server: not followed (point --endpoint at the server that answers)",
            ) from None
        except urllib.error.HTTPError as error:
            if 300 <= error.code < 400:  # urllib gave up: a loop, or too many redirects
                raise EndpointAnswerError(
                    url,
                    f"the SPARQL endpoint {url} redirects in a loop (HTTP {error.code}): point "
                    "--endpoint at the URL that answers",
                ) from None
            detail = _first_line(error.read(2000).decode("utf-8", "replace"))
            reason = " ".join(str(error.reason).split())
            raise EndpointRefusedError(
                url,
                f"the SPARQL endpoint {url} answered HTTP {error.code} {reason}"
                + (f": {detail}" if detail else ""),
            ) from None
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, TimeoutError):
                raise TimeoutError from None
            text = getattr(reason, "strerror", None) or str(reason)
            raise EndpointUnreachableError(
                url, f"cannot reach the SPARQL endpoint {url}: {text}"
            ) from None
        except http.client.HTTPException as error:
            # a status line that is not HTTP, too many or too long headers, a cut body
            what = type(error).__name__
            detail = _first_line(str(error)) or what
            raise EndpointAnswerError(
                url, f"the SPARQL endpoint {url} did not answer in HTTP ({what}: {detail})"
            ) from None
        except (OSError, ValueError) as error:
            raise EndpointUnreachableError(
                url, f"cannot talk to the SPARQL endpoint {url}: {error}"
            ) from None

    def _parse_results(self, reply: _Reply, form: str = "select") -> Answer:
        limit = max_rows()
        try:
            document = json.loads(reply.body, object_pairs_hook=_terms_and_rows(limit))
            if "boolean" in document:
                if not isinstance(document["boolean"], bool):
                    raise TypeError("boolean")
                return Answer("ask", boolean=document["boolean"])
            variables = tuple(document["head"]["vars"])
            if not all(isinstance(v, str) for v in variables):
                raise TypeError("vars")
            bindings = document["results"]["bindings"]
            if not isinstance(bindings, list):
                raise TypeError("bindings")
            rows = tuple(_row(binding, variables) for binding in bindings)
        except _TooManyRows:
            raise self._too_many(limit, "rows") from None
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            raise self._not_results(reply.content_type) from None
        if form == "ask" and variables == ("__ASK_RETVAL",) and len(rows) == 1:
            # Virtuoso answers an ASK posted for JSON as a SELECT of one integer
            return Answer("ask", boolean=rows[0]["__ASK_RETVAL"].value not in ("0", "false"))
        return Answer("select", variables, rows)

    def _too_many(self, limit: int, what: str) -> EndpointAnswerError:
        return EndpointAnswerError(
            self.shown,
            f"the SPARQL endpoint {self.shown} sent more than {limit:,} {what}, the most "
            f"careergraph reads in one answer: ask for fewer (LIMIT), or set "
            f"${MAX_ROWS_VARIABLE} to read more",
        )

    def _not_results(self, content_type: str) -> EndpointAnswerError:
        return EndpointAnswerError(
            self.shown,
            f"the SPARQL endpoint {self.shown} did not answer with SPARQL JSON results "
            f"(got {content_type or 'no content type'})",
        )

    def _parse_triples(self, body: bytes) -> tuple[Triple, ...]:
        local = OxigraphStore()
        try:
            local.load(body, FORMATS["nt"], self.url, "urn:careergraph:endpoint")
        except DataFileError:
            raise EndpointAnswerError(
                self.shown, f"the SPARQL endpoint {self.shown} did not answer with N-Triples"
            ) from None
        if len(local) > max_rows():
            raise self._too_many(max_rows(), "triples")
        return tuple(local.triples())


def _read_bounded(response: Any, url: str) -> bytes:
    """The whole body, or an EndpointAnswerError past ``MAX_ANSWER`` bytes."""
    chunks, size = [], 0
    while chunk := response.read(_CHUNK):
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_ANSWER:
            raise EndpointAnswerError(
                url,
                f"the SPARQL endpoint {url} sent an answer of more than {MAX_ANSWER:,} "
                "bytes, the most careergraph reads at once",
            )
    if response.length:  # bytes the Content-Length promised that never came
        raise EndpointAnswerError(
            url,
            f"the SPARQL endpoint {url} closed the connection after {size:,} bytes of an "
            f"answer of {size + response.length:,}",
        )
    return b"".join(chunks)


def _number(header: str | None) -> int | None:
    """A header's positive whole number, if it is one.

    >>> _number("10000"), _number(None), _number("many")
    (10000, None, None)
    """
    try:
        value = int(header or "")
    except ValueError:
        return None
    return value if value > 0 else None


def max_rows() -> int:
    """The most rows (or triples) read in one answer: ``MAX_ROWS``, or
    ``$CAREERGRAPH_MAX_ROWS``."""
    try:
        return max(1, int(os.environ.get(MAX_ROWS_VARIABLE, MAX_ROWS)))
    except ValueError:
        return MAX_ROWS


class _TooManyRows(Exception):
    """More solutions than :func:`max_rows` in one answer."""


def _terms_and_rows(limit: int) -> Callable[[list[tuple[str, Any]]], Any]:
    """A ``json.loads`` hook that turns each RDF term of a SPARQL JSON answer into a
    :class:`Term` and each solution into a row as it is parsed, so that memory holds the
    rows, not the JSON objects too, and stops past ``limit`` solutions (_TooManyRows)."""
    solutions = 0

    def hook(pairs: list[tuple[str, Any]]) -> Any:
        nonlocal solutions
        found = dict(pairs)
        if isinstance(found.get("type"), str) and "value" in found:
            return _term(found)
        if all(isinstance(value, Term) for value in found.values()):
            solutions += 1
            if solutions > limit:
                raise _TooManyRows
        return found

    return hook


def _row(binding: Mapping[str, Any], variables: tuple[str, ...]) -> Row:
    if not isinstance(binding, dict):
        raise TypeError("binding")
    row = {name: binding[name] for name in variables if name in binding}
    if not all(isinstance(term, Term) for term in row.values()):
        raise TypeError("binding")
    return row


def _term(value: Mapping[str, str]) -> Term:
    kind, text = value["type"], value["value"]
    if not isinstance(text, str):
        raise TypeError("value")
    if kind == "uri":
        return IRI(text)
    if kind == "bnode":
        return BlankNode(blank_label(text))
    if kind in ("literal", "typed-literal"):
        datatype, language = value.get("datatype"), value.get("xml:lang")
        if not isinstance(datatype, str | None) or not isinstance(language, str | None):
            raise TypeError("datatype")
        plain = datatype is None or datatype in PLAIN_DATATYPES
        if plain:
            return Literal(text, None, language)
        return Literal(read_back(text, datatype), datatype, language)
    raise ValueError(kind)


def blank_label(value: str) -> str:
    """A blank node id that N-Triples and SPARQL TSV accept, for the id a server gave.

    >>> blank_label("b0"), blank_label("nodeID://b10003")
    ('b0', 'nodeIDb10003')
    """
    if _BLANK_LABEL.fullmatch(value):
        return value
    return re.sub(r"[^A-Za-z0-9_]", "", value) or "b"


def read_back(lexical: str, datatype: str) -> str:
    """The lexical form of a value as the graph wrote it, for the forms Virtuoso gives back:
    booleans as ``1``/``0``, durations as months (a whole number) or seconds.

    >>> read_back("1", XSD + "boolean"), read_back("12", XSD + "duration")
    ('true', 'P1Y')
    >>> read_back("-14", XSD + "duration"), read_back("7200.0", XSD + "duration")
    ('-P1Y2M', 'PT2H')
    >>> read_back("90061.5", XSD + "duration"), read_back("P3D", XSD + "duration")
    ('P1DT1H1M1.5S', 'P3D')
    """
    if datatype == XSD + "boolean" and lexical in ("1", "0"):
        return "true" if lexical == "1" else "false"
    if datatype != XSD + "duration" or not re.fullmatch(r"-?\d+(\.\d*)?", lexical):
        return lexical
    sign, number = ("-", lexical[1:]) if lexical.startswith("-") else ("", lexical)
    if "." not in number:
        years, months = divmod(int(number), 12)
        parts = (f"{years}Y" if years else "") + (f"{months}M" if months or not years else "")
        return f"{sign}P{parts}"
    seconds = float(number)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, rest = divmod(rest, 60)
    clock = "".join(
        f"{value:g}{unit}" for value, unit in ((hours, "H"), (minutes, "M"), (rest, "S")) if value
    )
    day = f"{days:g}D" if days else ""
    return f"{sign}P{day}" + (f"T{clock}" if clock or not day else "")


def _first_line(text: str) -> str:
    return " ".join(text.strip().splitlines()[:1])[:300]

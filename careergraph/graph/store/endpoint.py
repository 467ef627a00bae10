"""A remote SPARQL 1.1 Protocol endpoint as a store: Fuseki, GraphDB, Virtuoso, Oxigraph...

Queries are sent as ``application/x-www-form-urlencoded`` POSTs; SELECT and ASK answers are
read as SPARQL JSON results, CONSTRUCT and DESCRIBE answers as N-Triples. Every failure
(refused connection, timeout, HTTP error, an answer that is not SPARQL results) becomes an
:class:`~careergraph.errors.EndpointError` that names the endpoint: unreachable, timed out,
or a bad answer.
"""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from typing import Any

from careergraph.errors import (
    DataFileError,
    EndpointAnswerError,
    EndpointTimeoutError,
    EndpointUnreachableError,
    ParameterError,
    ReadOnlyError,
)
from careergraph.graph.store.base import PLAIN_DATATYPES, Answer, Row, Store, Triple
from careergraph.graph.store.formats import FORMATS, RdfFormat
from careergraph.graph.store.ntriples import ntriples
from careergraph.graph.store.oxigraph_engine import OxigraphStore
from careergraph.graph.store.querytext import analyse, bind, store_query
from careergraph.graph.store.terms import IRI, BlankNode, Literal, Term
from careergraph.version import __version__

DEFAULT_TIMEOUT = 60.0
_RESULTS_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
_CHUNK = 1 << 16


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
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_SameServerRedirects)


class EndpointStore(Store):
    """A read-only view of a remote SPARQL endpoint (updates only when asked for)."""

    engine = "endpoint"

    def __init__(
        self, url: str, timeout: float | None = DEFAULT_TIMEOUT, update_url: str | None = None
    ):
        self.url = _checked("url", url)
        self.location = url
        self.update_url = _checked("update_url", update_url or update_url_for(url))
        self.timeout = timeout or None
        self._blank_nodes: dict[Term, list[Triple]] = {}

    def load(self, data: bytes, rdf_format: RdfFormat, source: str, base_iri: str) -> int:
        raise ReadOnlyError("files cannot be merged into a remote endpoint")

    def query(self, text: str, timeout: float | None = None) -> Answer:
        return self._run(text, timeout or self.timeout)

    def update(self, text: str, timeout: float | None = None) -> None:
        self._post(self.update_url, {"update": text}, "*/*", timeout or self.timeout)

    def _run(self, text: str, timeout: float | None = None) -> Answer:
        form = analyse(text).form
        if form in ("construct", "describe"):
            body, _ = self._post(self.url, {"query": text}, _NTRIPLES, timeout or self.timeout)
            return Answer(form, triples=self._parse_triples(body))
        body, content_type = self._post(
            self.url, {"query": text}, _RESULTS_JSON, timeout or self.timeout
        )
        return self._parse_results(body, content_type)

    def triples(self, subject: Term | None = None) -> Iterator[Triple]:
        """The triples of the graph, or of one subject. A blank node is only known from the
        answer that mentioned it, so a subject's answer brings its nested blank nodes along
        (see ``queries/describe.rq``) and they are kept to be asked for next."""
        if subject is None:
            yield from self._run(store_query("all-triples")).triples
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
        self, url: str, form: dict[str, str], accept: str, timeout: float | None
    ) -> tuple[bytes, str]:
        request = urllib.request.Request(
            url,
            data=urllib.parse.urlencode(form).encode("utf-8"),
            headers={
                "Accept": accept,
                "Content-Type": "application/x-www-form-urlencoded",
                "User-Agent": f"careergraph/{__version__}",
            },
            method="POST",
        )
        deadline = time.monotonic() + timeout if timeout else None
        try:
            with _OPENER.open(request, timeout=timeout) as response:
                content_type = response.headers.get_content_type()
                return _read_until(response, deadline), content_type
        except _ElsewhereError as error:
            raise EndpointAnswerError(
                url,
                f"the SPARQL endpoint {url} redirected to {error.target}, another server: "
                "not followed (point --endpoint at the server that answers)",
            ) from None
        except urllib.error.HTTPError as error:
            detail = _first_line(error.read(2000).decode("utf-8", "replace"))
            raise EndpointAnswerError(
                url,
                f"the SPARQL endpoint {url} answered HTTP {error.code} {error.reason}"
                + (f": {detail}" if detail else ""),
            ) from None
        except TimeoutError:
            raise EndpointTimeoutError(
                url, f"the SPARQL endpoint {url} did not answer within {timeout:g} s"
            ) from None
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, TimeoutError | socket.timeout):
                raise EndpointTimeoutError(
                    url, f"the SPARQL endpoint {url} did not answer within {timeout:g} s"
                ) from None
            text = getattr(reason, "strerror", None) or str(reason)
            raise EndpointUnreachableError(
                url, f"cannot reach the SPARQL endpoint {url}: {text}"
            ) from None
        except (OSError, ValueError) as error:
            raise EndpointUnreachableError(
                url, f"cannot talk to the SPARQL endpoint {url}: {error}"
            ) from None

    def _parse_results(self, body: bytes, content_type: str) -> Answer:
        try:
            document = json.loads(body)
            if "boolean" in document:
                return Answer("ask", boolean=bool(document["boolean"]))
            variables = tuple(document["head"]["vars"])
            rows = tuple(_row(binding, variables) for binding in document["results"]["bindings"])
        except (ValueError, KeyError, TypeError, AttributeError):
            raise EndpointAnswerError(
                self.url,
                f"the SPARQL endpoint {self.url} did not answer with SPARQL JSON results "
                f"(got {content_type or 'no content type'})",
            ) from None
        return Answer("select", variables, rows)

    def _parse_triples(self, body: bytes) -> tuple[Triple, ...]:
        local = OxigraphStore()
        try:
            local.load(body, FORMATS["nt"], self.url, "urn:careergraph:endpoint")
        except DataFileError:
            raise EndpointAnswerError(
                self.url, f"the SPARQL endpoint {self.url} did not answer with N-Triples"
            ) from None
        return tuple(local.triples())


def _read_until(response: Any, deadline: float | None) -> bytes:
    """The whole body, or TimeoutError once ``deadline`` passes (a slow stream too)."""
    chunks = []
    while chunk := response.read(_CHUNK):
        chunks.append(chunk)
        if deadline is not None and time.monotonic() > deadline:
            raise TimeoutError
    return b"".join(chunks)


def _row(binding: Mapping[str, Any], variables: tuple[str, ...]) -> Row:
    return {name: _term(binding[name]) for name in variables if name in binding}


def _term(value: Mapping[str, str]) -> Term:
    kind = value["type"]
    if kind == "uri":
        return IRI(value["value"])
    if kind == "bnode":
        return BlankNode(value["value"])
    if kind in ("literal", "typed-literal"):
        datatype = value.get("datatype")
        plain = datatype is None or datatype in PLAIN_DATATYPES
        return Literal(value["value"], None if plain else datatype, value.get("xml:lang"))
    raise ValueError(kind)


def _first_line(text: str) -> str:
    return " ".join(text.strip().splitlines()[:1])[:300]

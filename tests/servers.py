"""Real servers for the endpoint tests: an Oxigraph SPARQL server, and two misbehaving ones."""

from __future__ import annotations

import contextlib
import http.server
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path


def oxigraph_server_command() -> Path:
    """The ``oxigraph`` server executable installed beside this Python (test extra)."""
    command = Path(sys.executable).parent / "oxigraph"
    assert command.exists(), f"{command} is missing: install the test extra (pip install .[test])"
    return command


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (at the time of asking)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def oxigraph_server(location: Path | None = None, load: Path | None = None) -> Iterator[str]:
    """Start ``oxigraph serve`` on 127.0.0.1 (on disk at ``location``, with ``load`` loaded
    first, or in memory); yield its query URL; stop it."""
    command = oxigraph_server_command()
    if load is not None:
        assert location is not None
        subprocess.run(
            [command, "load", "--location", location, "--file", load],
            check=True,
            capture_output=True,
            timeout=120,
        )
    port = free_port()
    serve = [command, "serve", "--bind", f"127.0.0.1:{port}"]
    if location is not None:
        serve += ["--location", str(location)]
    process = subprocess.Popen(serve, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield f"{base}/query"
    finally:
        _stop(process)


def _stop(process: subprocess.Popen, grace: float = 20) -> None:
    """Stop a server: asked first, killed if it has not gone within ``grace`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _wait_until_up(base: str, process: subprocess.Popen, path: str = "/query") -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited: {process.stderr.read().decode()}")
        try:
            with urllib.request.urlopen(f"{base}{path}?query=ASK%7B%7D", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{process.args[0]} did not start within 60 s")


@contextlib.contextmanager
def _listening(
    on_connection: Callable[[socket.socket, tuple[str, int]], None],
) -> Iterator[str]:
    """A TCP listener on 127.0.0.1 that hands each connection to ``on_connection`` (in its
    accepting thread); yields its URL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            with contextlib.suppress(OSError):
                on_connection(*listener.accept())

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    finally:
        stop.set()
        thread.join()
        listener.close()


@contextlib.contextmanager
def silent_server() -> Iterator[str]:
    """A server that accepts connections and never answers; yields its URL."""
    held: list[socket.socket] = []
    with _listening(lambda connection, _: held.append(connection)) as url:
        try:
            yield url
        finally:
            for connection in held:
                connection.close()


class _HtmlHandler(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = b"<html><body>Welcome to our web site</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def html_server() -> Iterator[str]:
    """A web server that answers every POST with an HTML page; yields its URL."""
    with _serving(_HtmlHandler) as url:
        yield url


@contextlib.contextmanager
def _serving(handler: type[http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """A web server on 127.0.0.1 answering with ``handler``, in a thread; yields its URL."""
    server = http.server.HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def recording_listener() -> Iterator[tuple[str, list[tuple[str, int]]]]:
    """A TCP listener that accepts and closes every connection and records who connected;
    yields its URL and that record (empty if nothing connected)."""
    connections: list[tuple[str, int]] = []

    def record(connection: socket.socket, peer: tuple[str, int]) -> None:
        connections.append(peer)
        connection.close()

    with _listening(record) as url:
        yield url, connections


@contextlib.contextmanager
def redirecting_server(target: str) -> Iterator[str]:
    """A web server that answers every request with a 302 to ``target``; yields its URL."""

    class Redirect(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST

        def log_message(self, *args) -> None:
            pass

    with _serving(Redirect) as url:
        yield url


VIRTUOSO = Path("/usr/bin/virtuoso-t")
_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {folder}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
MaxSortedTopRows = {sorted_rows}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 60
"""


@contextlib.contextmanager
def virtuoso_server(
    folder: Path, load: Path, graph: str, max_rows: int = 10_000, sorted_rows: int = 10_000
) -> Iterator[str]:
    """Start Debian's Virtuoso (``virtuoso-opensource``) on 127.0.0.1 with a configuration
    and database of its own in ``folder``, load the N-Triples file ``load`` into the named
    graph ``graph``, and yield the query URL that points at that graph
    (``default-graph-uri``); stop it. ``max_rows`` is its row cap (ResultSetMaxRows)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "db").mkdir(exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(
        _VIRTUOSO_INI.format(
            db=folder / "db",
            folder=folder,
            sql_port=sql_port,
            http_port=http_port,
            max_rows=max_rows,
            sorted_rows=sorted_rows,
        )
    )
    process = subprocess.Popen(
        [VIRTUOSO, "-c", str(ini), "+foreground", "+wait"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{http_port}"
    try:
        _wait_until_up(f"{base}/sparql", process, path="")
        data = folder / load.name
        if data != load:
            data.write_bytes(load.read_bytes())
        subprocess.run(
            [
                "isql-vt",
                f"127.0.0.1:{sql_port}",
                "dba",
                "dba",
                f"exec=DB.DBA.TTLP_MT(file_to_string_output('{data}'), '', '{graph}', 0);",
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        yield f"{base}/sparql?default-graph-uri={urllib.parse.quote(graph, safe='')}"
    finally:
        _stop(process)


class CuttingServer:
    """A SPARQL server in front of a real engine (pyoxigraph, in memory) that cuts every
    SELECT answer at ``max_rows`` rows and says so in ``X-SPARQL-MaxRows``, as Virtuoso
    does; and, as asked, misbehaves: ``drop`` cuts the connection in the middle of the
    second page, ``drift`` adds a row to every count it gives, ``quiet`` leaves the header
    out (an answer of a round number of rows is all there is to go by)."""

    def __init__(self, data: bytes, max_rows: int, mode: str = ""):
        import pyoxigraph

        self.store = pyoxigraph.Store()
        self.store.load(data, format=pyoxigraph.RdfFormat.N_TRIPLES)
        self.max_rows, self.mode = max_rows, mode
        self.pages = 0
        self.counts = 0

    def answer(self, query: str) -> tuple[bytes, str, bool]:
        """The body, its content type, and whether to cut the connection halfway."""
        import pyoxigraph

        result = self.store.query(query)
        if isinstance(result, pyoxigraph.QuerySolutions):
            rows = list(result)[: self.max_rows]
            variables = [v.value for v in result.variables]
            if "COUNT(*) AS ?n" in query and self.mode == "drift":
                self.counts += 1
                rows = [{"n": pyoxigraph.Literal(str(int(rows[0]["n"].value) + self.counts))}]
            bindings = [
                {v: _json_term(row[v]) for v in variables if row[v] is not None} for row in rows
            ]
            body = {"head": {"vars": variables}, "results": {"bindings": bindings}}
            if "OFFSET" in query:
                self.pages += 1
            cut = self.mode == "drop" and self.pages == 2
            return json.dumps(body).encode(), "application/sparql-results+json", cut
        triples = b"".join(f"{t}\n".encode() for t in result)
        return triples, "application/n-triples", False

    @contextlib.contextmanager
    def serving(self) -> Iterator[str]:
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                form = urllib.parse.parse_qs(
                    self.rfile.read(int(self.headers["Content-Length"])).decode()
                )
                body, content_type, cut = server.answer(form["query"][0])
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                if server.mode != "quiet":
                    self.send_header("X-SPARQL-MaxRows", str(server.max_rows))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2] if cut else body)
                if cut:
                    self.close_connection = True

            def log_message(self, *args) -> None:
                pass

        with _serving(Handler) as url:
            yield url


def _json_term(term) -> dict:
    import pyoxigraph

    if isinstance(term, pyoxigraph.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, pyoxigraph.BlankNode):
        return {"type": "bnode", "value": term.value}
    found = {"type": "literal", "value": term.value}
    if term.language:
        found["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        found["datatype"] = term.datatype.value
    return found


@contextlib.contextmanager
def scripted_server(reply: bytes, drip: float = 0.0, at_once: int = 0) -> Iterator[str]:
    """A TCP server that reads each request and answers with the bytes ``reply`` as they
    are (an HTTP answer, right or wrong), all at once or, past its first ``at_once`` bytes,
    one byte every ``drip`` seconds; yields its URL."""
    stopping = threading.Event()

    def answer(connection: socket.socket) -> None:
        with contextlib.suppress(OSError), connection:
            connection.settimeout(5)
            request = b""
            while b"\r\n\r\n" not in request:
                request += connection.recv(65536)
            head, _, body = request.partition(b"\r\n\r\n")
            length = next(
                (int(line.split(b":")[1]) for line in head.split(b"\r\n")
                 if line.lower().startswith(b"content-length:")), 0,
            )  # fmt: skip
            while len(body) < length:
                body += connection.recv(65536)
            if not drip:
                connection.sendall(reply)
                return
            connection.sendall(reply[:at_once])
            for byte in reply[at_once:]:
                if stopping.is_set():
                    return
                connection.sendall(bytes([byte]))
                time.sleep(drip)

    def on_connection(connection: socket.socket, _) -> None:
        threading.Thread(target=answer, args=(connection,), daemon=True).start()

    with _listening(on_connection) as url:
        try:
            yield url
        finally:
            stopping.set()


def http_answer(body: bytes, content_type: str = "application/sparql-results+json") -> bytes:
    """A whole HTTP/1.1 answer carrying ``body``."""
    return (
        f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode() + body

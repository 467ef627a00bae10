"""Real servers for the endpoint tests: an Oxigraph SPARQL server, and two misbehaving ones."""

from __future__ import annotations

import contextlib
import http.server
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
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
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph serve exited: {process.stderr.read().decode()}")
        try:
            with urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("oxigraph serve did not start within 30 s")


@contextlib.contextmanager
def silent_server() -> Iterator[str]:
    """A server that accepts connections and never answers; yields its URL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            with contextlib.suppress(OSError):
                held.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    finally:
        stop.set()
        thread.join()
        for connection in held:
            connection.close()
        listener.close()


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
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    connections: list[tuple[str, int]] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            with contextlib.suppress(OSError):
                connection, peer = listener.accept()
                connections.append(peer)
                connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/sparql", connections
    finally:
        stop.set()
        thread.join()
        listener.close()


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

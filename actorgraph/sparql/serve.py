"""``actorgraph serve``: a read-only SPARQL 1.1 Protocol endpoint over the on-disk store.

Oxigraph's own server does the SPARQL: the ``oxigraph`` package from PyPI ships it, and
``oxigraph serve-read-only --location STORE`` opens the very store actorgraph writes, with the
union of the document graphs as the default graph and ``--timeout-s`` as a first time limit.
That server has no result-size limit, and its time limit does not stop every query (a sort
over a huge join runs on), so a small proxy in front of it, :class:`Endpoint`, is what listens
on the public address. The proxy

* implements the protocol's query operation: ``GET /query?query=...``, ``POST`` of a form
  (``application/x-www-form-urlencoded``) or of the query itself
  (``application/sparql-query``), with ``default-graph-uri``/``named-graph-uri``;
  ``/sparql`` is the same endpoint under the name many clients try first;
* refuses updates: ``/update``, an ``update=`` parameter, an ``application/sparql-update``
  body, or an update sent as a query get ``403 Forbidden``; so do federated queries
  (``SERVICE``), which would have the endpoint fetch URLs a client chooses;
* asks Oxigraph for a line-based format (TSV results, N-Triples graphs), reads at most
  ``limit`` results and hangs up on the rest (Oxigraph stops evaluating), then answers in the
  format the client's ``Accept`` asks for (JSON, XML, CSV, TSV results; Turtle, N-Triples,
  RDF/XML, JSON-LD... graphs), marking a cut answer with ``X-Actorgraph-Truncated: LIMIT``;
* enforces the time limit itself: a query still running at ``timeout`` seconds gets ``503``
  and the Oxigraph process is restarted, which is the one way to stop such a query.
"""

from __future__ import annotations

__all__ = ["DEFAULT_LIMIT", "DEFAULT_PORT", "DEFAULT_TIMEOUT", "Endpoint", "find_oxigraph"]

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox

from actorgraph.errors import ActorGraphError, StoreError
from actorgraph.sparql.run import is_update, uses_service

DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_LIMIT = 10000

_RESULTS = [  # media type, format; the first is the default
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/csv", ox.QueryResultsFormat.CSV),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
    ("application/json", ox.QueryResultsFormat.JSON),
    ("application/xml", ox.QueryResultsFormat.XML),
    ("text/xml", ox.QueryResultsFormat.XML),
]
_GRAPHS = [
    ("text/turtle", ox.RdfFormat.TURTLE),
    ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ("application/ld+json", ox.RdfFormat.JSON_LD),
    ("application/n-quads", ox.RdfFormat.N_QUADS),
    ("application/trig", ox.RdfFormat.TRIG),
    ("text/plain", ox.RdfFormat.N_TRIPLES),
]
_HELP = """actorgraph SPARQL endpoint (read-only)

Send SPARQL 1.1 queries to /query (or /sparql):
  GET  /query?query=SELECT...
  POST /query  with Content-Type application/x-www-form-urlencoded (query=...)
               or application/sparql-query (the query as the body)
The default graph is the union of the documents' graphs. Results in JSON, XML, CSV or TSV
(Accept header); graphs in Turtle, N-Triples, RDF/XML or JSON-LD.
Limits: {timeout:g} s per query, at most {limit} results per answer. Updates are refused.
"""


def find_oxigraph() -> str:
    """The ``oxigraph`` server program: next to this Python (a virtual environment), or on PATH.

    Raises
    ------
    ActorGraphError
        When it is not installed, saying how to install it.
    """
    here = Path(sys.executable).parent / "oxigraph"
    if here.is_file() and os.access(here, os.X_OK):
        return str(here)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise ActorGraphError("the Oxigraph server is not installed; install it with 'pip install oxigraph' "
                          "(it comes with actorgraph's dependencies)")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent():
    """A ``preexec_fn`` that has the child get SIGTERM when its parent thread ends
    (Linux ``PR_SET_PDEATHSIG``), or None elsewhere. libc is loaded here, in the parent, so
    that the child runs no import between fork and exec."""
    if sys.platform != "linux":
        return None
    try:
        import ctypes

        prctl = ctypes.CDLL("libc.so.6", use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return lambda: prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG


class _Backend:
    """The Oxigraph server process, on a private port of 127.0.0.1.

    Every start and stop runs on one long-lived thread of its own: the process is told to end
    when the thread that started it ends (``PR_SET_PDEATHSIG``), so that it never outlives
    actorgraph, and a request's thread is short-lived."""

    def __init__(self, store: Path, timeout: float):
        self.store = store
        self.timeout = timeout
        self.process: subprocess.Popen | None = None
        self.port = 0
        self._log = tempfile.TemporaryFile()
        self._owner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="oxigraph")

    def start(self) -> None:
        self._owner.submit(self._start).result()

    def stop(self) -> None:
        self._owner.submit(self._stop).result()

    def restart(self) -> None:
        self._owner.submit(lambda: (self._stop(), self._start())).result()

    def close(self) -> None:
        self.stop()
        self._owner.shutdown()

    def _start(self, wait: float = 20.0) -> None:
        self.port = _free_port()
        command = [find_oxigraph(), "serve-read-only", "--location", str(self.store),
                   "--bind", f"127.0.0.1:{self.port}", "--union-default-graph",
                   "--timeout-s", str(max(1, int(self.timeout)))]
        self._log.seek(0)
        self._log.truncate()
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=self._log, preexec_fn=_die_with_parent())  # noqa: PLW1509 (one thread forks)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._log.seek(0)
                reason = self._log.read().decode("utf-8", "replace").strip().splitlines()
                raise StoreError(f"the Oxigraph server stopped at once: {reason[-1] if reason else 'no reason given'}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)
        self._stop()
        raise StoreError(f"the Oxigraph server did not start within {wait:g} s")

    def _stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None


class _Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def _negotiate(accept: str, offers: list[tuple[str, object]]):
    """The offer the ``Accept`` header prefers (q-values, ``type/*``, ``*/*``); the first offer
    when there is no header; None when nothing offered is acceptable."""
    if not accept.strip():
        return offers[0]
    ranges = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        ranges.append((fields[0].lower(), q, i))
    best, best_key = None, None
    for order, (media, fmt) in enumerate(offers):
        for pattern, q, i in ranges:
            major = media.split("/")[0]
            if q > 0 and pattern in (media, f"{major}/*", "*/*"):
                specificity = 2 if pattern == media else (1 if pattern.endswith("/*") and pattern != "*/*" else 0)
                key = (q, specificity, -i, -order)
                if best_key is None or key > best_key:
                    best, best_key = (media, fmt), key
    return best


class Endpoint:
    """The read-only endpoint: Oxigraph's server behind a limiting proxy.

    Examples
    --------
    ``with Endpoint(store_path, port=0) as endpoint: urlopen(endpoint.url + "?query=...")``
    (``port=0`` picks a free port; :attr:`url` tells which).
    """

    def __init__(self, store: Path | str, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
                 timeout: float = DEFAULT_TIMEOUT, limit: int = DEFAULT_LIMIT):
        if timeout <= 0 or limit <= 0:
            raise ActorGraphError("--timeout and --limit must be positive")
        self.store = Path(store)
        self.host, self.port = host, port
        self.timeout, self.limit = timeout, limit
        self.backend = _Backend(self.store, timeout)
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/query"

    # -- life cycle ------------------------------------------------------------------------

    def start(self) -> Endpoint:
        self.backend.start()
        try:
            self._server = _Server((self.host, self.port), _Handler, self)
        except OSError as exc:
            self.backend.close()
            raise ActorGraphError(f"cannot listen on {self.host}:{self.port}: {exc.strerror or exc}; "
                                  "choose another --port") from None
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, name="actorgraph-serve", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(10)
            self._thread = None
        self.backend.close()

    def __enter__(self) -> Endpoint:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def wait(self) -> None:
        """Serve until interrupted (Ctrl-C or SIGTERM)."""
        stop = threading.Event()

        def on_signal(signum, frame):
            stop.set()

        previous = signal.signal(signal.SIGTERM, on_signal)
        try:
            while not stop.wait(0.5):
                if self.backend.process is None or self.backend.process.poll() is not None:
                    with self._lock:  # the server died (not by our restart): bring it back
                        if self.backend.process is None or self.backend.process.poll() is not None:
                            self.backend.start()
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
            self.stop()

    # -- one query ---------------------------------------------------------------------------

    def answer(self, query: str, graphs: list[tuple[str, str]], accept: str) -> tuple[int, dict, bytes]:
        """Run ``query`` through Oxigraph within the limits: ``(status, headers, body)``."""
        keyword = is_update(query)
        if keyword:
            raise _Refused(403, f"this endpoint is read-only: {keyword} is an update")
        if uses_service(query):
            raise _Refused(403, "federated queries (SERVICE) are not allowed: this endpoint does not "
                                "fetch other endpoints")
        form = urllib.parse.urlencode([("query", query), *graphs]).encode("utf-8")
        with self._lock:
            port = self.backend.port
        started = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=self.timeout)
        try:
            connection.request("POST", "/query", body=form, headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "text/tab-separated-values, application/n-triples;q=0.9"})
            response = connection.getresponse()
            if response.status != 200:
                message = response.read(64 * 1024).decode("utf-8", "replace").strip()
                status = 400 if response.status == 400 else 502
                raise _Refused(status, message or f"the query failed ({response.status})")
            kind = response.getheader("Content-Type", "").split(";")[0].strip()
            lines, truncated = self._read_lines(response, started, header=(kind == "text/tab-separated-values"))
        except TimeoutError:
            self._restart(port)
            raise _Refused(503, f"the query ran out of time (limit {self.timeout:g} s); "
                                "narrow it down or add a LIMIT") from None
        except (ConnectionError, http.client.HTTPException) as exc:
            self._restart(port)
            raise _Refused(503, f"the query failed: {exc}; try again") from None
        finally:
            connection.close()
        body = b"".join(lines)
        try:
            return self._convert(kind, body, accept, truncated)
        except SyntaxError:
            # Oxigraph failed after it had started to answer, and wrote why as the last line
            last = body.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            if "cancel" in last[0].lower():
                raise _Refused(503, f"the query ran out of time (limit {self.timeout:g} s); "
                                    "narrow it down or add a LIMIT") from None
            raise _Refused(500, f"the query failed: {last[0][:500]}") from None

    def _read_lines(self, response, started: float, header: bool) -> tuple[list[bytes], bool]:
        lines: list[bytes] = []
        wanted = self.limit + (1 if header else 0)
        while True:
            left = self.timeout - (time.monotonic() - started)
            if left <= 0:
                raise TimeoutError
            if response.fp is not None and hasattr(response.fp, "raw"):
                try:
                    response.fp.raw._sock.settimeout(left)  # the whole answer within the limit
                except (AttributeError, OSError):
                    pass
            line = response.readline(1 << 24)
            if not line:
                return lines, False
            if len(lines) == wanted:
                return lines, True  # one more than allowed: cut here, hang up on the rest
            lines.append(line)

    def _restart(self, port: int) -> None:
        with self._lock:
            if self.backend.port == port:  # not restarted by another request meanwhile
                self.backend.restart()

    def _convert(self, kind: str, body: bytes, accept: str, truncated: bool) -> tuple[int, dict, bytes]:
        headers = {}
        if truncated:
            headers["X-Actorgraph-Truncated"] = str(self.limit)
        if kind == "text/tab-separated-values":
            chosen = _negotiate(accept, _RESULTS)
            if chosen is None:
                raise _Refused(406, "acceptable result formats: " + ", ".join(m for m, _ in _RESULTS))
            media, fmt = chosen
            results = ox.parse_query_results(body, ox.QueryResultsFormat.TSV)
            out = results.serialize(format=fmt)
        elif kind == "application/n-triples":
            chosen = _negotiate(accept, _GRAPHS)
            if chosen is None:
                raise _Refused(406, "acceptable graph formats: " + ", ".join(m for m, _ in _GRAPHS))
            media, fmt = chosen
            triples = [q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]
            if fmt.supports_datasets:
                out = ox.serialize([ox.Quad(t.subject, t.predicate, t.object) for t in triples], format=fmt)
            else:
                out = ox.serialize(triples, format=fmt)
        else:
            raise _Refused(502, f"unexpected answer from Oxigraph ({kind or 'no content type'})")
        charset = "; charset=utf-8" if media.startswith(("text/", "application/sparql-results+json", "application/json")) else ""
        headers["Content-Type"] = media + charset
        return 200, headers, out


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, handler, endpoint: Endpoint):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, handler)
        self.endpoint = endpoint


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "actorgraph"
    protocol_version = "HTTP/1.1"
    MAX_BODY = 1 << 20

    def log_message(self, format: str, *args) -> None:  # quiet: the CLI says what it serves
        pass

    def _send(self, status: int, body: bytes, headers: dict | None = None) -> None:
        self.send_response(status)
        headers = dict(headers or {})
        headers.setdefault("Content-Type", "text/plain; charset=utf-8")
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _fail(self, status: int, message: str) -> None:
        self._send(status, (message.strip() + "\n").encode("utf-8"))

    def _route(self) -> tuple[str, list[tuple[str, str]]]:
        url = urllib.parse.urlsplit(self.path)
        return url.path.rstrip("/") or "/", urllib.parse.parse_qsl(url.query, keep_blank_values=True)

    def do_GET(self) -> None:
        path, params = self._route()
        if path == "/":
            e = self.server.endpoint
            return self._fail(200, _HELP.format(timeout=e.timeout, limit=e.limit))
        self._handle(path, params)

    do_HEAD = do_GET

    def do_POST(self) -> None:
        path, params = self._route()
        length = int(self.headers.get("Content-Length") or 0)
        if length > self.MAX_BODY:
            return self._fail(413, f"the request is too large (at most {self.MAX_BODY} bytes)")
        body = self.rfile.read(length) if length else b""
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/x-www-form-urlencoded":
            params = params + urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
        elif kind == "application/sparql-query":
            params = params + [("query", body.decode("utf-8", "replace"))]
        elif kind == "application/sparql-update":
            return self._fail(403, "this endpoint is read-only: updates are refused")
        else:
            return self._fail(415, "send the query as application/x-www-form-urlencoded (query=...) "
                                   "or as application/sparql-query")
        self._handle(path, params)

    def _other(self) -> None:
        self._fail(405, "use GET or POST")

    do_PUT = do_DELETE = do_PATCH = _other

    def _handle(self, path: str, params: list[tuple[str, str]]) -> None:
        if path == "/update" or any(k in ("update", "using-graph-uri", "using-named-graph-uri") for k, _ in params):
            return self._fail(403, "this endpoint is read-only: updates are refused")
        if path not in ("/query", "/sparql"):
            return self._fail(404, "the SPARQL endpoint is /query")
        queries = [v for k, v in params if k == "query"]
        if len(queries) != 1:
            return self._fail(400, "give exactly one query in the 'query' parameter")
        graphs = [(k, v) for k, v in params if k in ("default-graph-uri", "named-graph-uri")]
        try:
            status, headers, body = self.server.endpoint.answer(queries[0], graphs, self.headers.get("Accept", ""))
        except _Refused as refused:
            return self._fail(refused.status, refused.message)
        self._send(status, body, headers)

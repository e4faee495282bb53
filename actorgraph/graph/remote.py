"""A team's SPARQL server as the store: the part of pyoxigraph's ``Store`` that actorgraph uses,
spoken over the SPARQL 1.1 Protocol (query, update) and the Graph Store Protocol (named graphs).

``--store http://host:7878`` makes every command work against the server: the query commands
run their SPARQL there, ``build`` writes each document's named graph with one Graph Store
Protocol ``PUT`` (the server stores the whole graph or none of it), ``remove`` drops graphs,
and :func:`push` copies a local store to the server.

Endpoints. A server root (``http://host:7878``) is taken for Oxigraph's layout: ``/query``,
``/update`` and ``/store``. Virtuoso's ``/sparql`` (or ``/sparql-auth``) is its query and update
endpoint, with the Graph Store Protocol at ``/sparql-graph-crud`` (``/sparql-graph-crud-auth``).
Any other URL is the query endpoint itself, and the update and graph store endpoints default to
its siblings ``update`` and ``store``; set ``ACTORGRAPH_UPDATE_URL`` and
``ACTORGRAPH_GRAPH_STORE_URL`` for servers laid out otherwise (Fuseki: ``/ds/query``,
``/ds/update``, ``/ds/data``; GraphDB: ``/repositories/R``, ``/repositories/R/statements``,
``/repositories/R/rdf-graphs/service``). Queries and updates are sent as HTML form posts
(``query=``/``update=``), the one form every server accepts (Virtuoso 7 never answers a
``application/sparql-query`` body).

Credentials. A user name and password in the URL (``http://user:secret@host/...``), or else
in ``ACTORGRAPH_STORE_USER`` and ``ACTORGRAPH_STORE_PASSWORD`` (kept out of the shell history
and the process list), are sent the way the server asks when it first answers 401: HTTP basic
or digest authentication (Virtuoso's ``/sparql-auth`` takes digest only). With credentials,
Virtuoso's anonymous ``/sparql`` is replaced by ``/sparql-auth``, which is where they count.

Virtuoso. Its own graphs (``virtrdf#``, ``ldp#``, its service description) are not part of the
store: :meth:`RemoteStore.named_graphs`, :meth:`RemoteStore.quads_for_pattern` and
:meth:`RemoteStore.dump` leave them out. A result cut at its ``ResultSetMaxRows`` (the
``X-SPARQL-MaxRows`` header) is refused with the setting to raise, never taken as whole.

The union of the documents. Every actorgraph query asks the union of the document graphs
(pyoxigraph's ``use_default_graph_as_union``). The protocol has no such switch, so the server
must be set up to answer with it: Oxigraph ``serve --union-default-graph``, Fuseki
``tdb2:unionDefaultGraph true``; GraphDB and Virtuoso do so by default. The first such query
checks it (one quad of a named graph must be visible without ``GRAPH``) and otherwise refuses
with a message that says which option to set.

Bound values (``substitutions``) are never pasted into the query as text: each is written in its
N-Triples form by pyoxigraph (which refuses an IRI with ``>`` or a space and escapes literals)
into a ``VALUES`` block placed at the start of the query's ``WHERE`` clause.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import os
import re
import secrets
import socket
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

import pyoxigraph as ox

from actorgraph.errors import StoreError
from actorgraph.graph.store import is_url

__all__ = ["RemoteStore", "PushReport", "is_url", "push", "bind_values"]

UPDATE_ENV = "ACTORGRAPH_UPDATE_URL"
GRAPH_STORE_ENV = "ACTORGRAPH_GRAPH_STORE_URL"
USER_ENV = "ACTORGRAPH_STORE_USER"
PASSWORD_ENV = "ACTORGRAPH_STORE_PASSWORD"

_RESULTS_JSON = "application/sparql-results+json"
_N_TRIPLES = "application/n-triples"
_FORM = "application/x-www-form-urlencoded"
_TIMEOUT = 300.0


@dataclass(frozen=True)
class Endpoints:
    query: str
    update: str
    graph_store: str

    @classmethod
    def for_url(cls, url: str, *, authenticated: bool = False) -> "Endpoints":
        """The three endpoints of a server, from its root or its query endpoint.

        >>> Endpoints.for_url("http://127.0.0.1:7878")
        Endpoints(query='http://127.0.0.1:7878/query', update='http://127.0.0.1:7878/update', graph_store='http://127.0.0.1:7878/store')
        >>> Endpoints.for_url("http://127.0.0.1:8890/sparql", authenticated=True)
        Endpoints(query='http://127.0.0.1:8890/sparql-auth', update='http://127.0.0.1:8890/sparql-auth', graph_store='http://127.0.0.1:8890/sparql-graph-crud-auth')
        """
        parts = urlsplit(url)
        path = parts.path.rstrip("/")
        root = urlunsplit((parts.scheme, parts.netloc, "/", "", ""))
        if path == "":
            query = urljoin(root, "query")
            update, graph_store = urljoin(root, "update"), urljoin(root, "store")
        elif path in ("/sparql", "/sparql-auth"):  # Virtuoso: one endpoint, and its graph CRUD
            auth = authenticated or path == "/sparql-auth"
            query = update = urlunsplit((parts.scheme, parts.netloc, "/sparql-auth" if auth else "/sparql",
                                         parts.query, ""))
            graph_store = urljoin(root, "sparql-graph-crud-auth" if auth else "sparql-graph-crud")
        else:
            query = url
            update, graph_store = urljoin(query, "update"), urljoin(query, "store")
        return cls(query=query, update=os.environ.get(UPDATE_ENV) or update,
                   graph_store=os.environ.get(GRAPH_STORE_ENV) or graph_store)


# -- bound values ---------------------------------------------------------------------------------


def _term(value) -> str:
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return str(value)  # N-Triples form: IRIs validated, literals escaped by pyoxigraph
    raise StoreError(f"cannot bind {type(value).__name__} {value!r} in a query sent to a server")


def _where_brace(query: str) -> int:
    """Offset of the ``{`` that opens the query's WHERE clause (strings, IRIs and comments
    skipped); -1 if there is none."""
    i, n = 0, len(query)
    seen_where = False
    braces_before = 0  # a CONSTRUCT template comes before WHERE
    construct = False
    while i < n:
        c = query[i]
        if c == "#":
            j = query.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if c in "\"'":
            triple = query[i : i + 3] == c * 3
            end_mark = c * 3 if triple else c
            j = i + len(end_mark)
            while j < n:
                if query[j] == "\\":
                    j += 2
                    continue
                if query.startswith(end_mark, j):
                    break
                j += 1
            i = j + len(end_mark)
            continue
        if c == "<":
            m = re.match(r"<[^<>\"{}|^`\\\s]*>", query[i:])
            if m:
                i += m.end()
                continue
        if c.isalpha():
            m = re.match(r"[A-Za-z_][\w-]*", query[i:])
            word = m.group(0).upper()
            if word == "WHERE":
                seen_where = True
            elif word == "CONSTRUCT":
                construct = True
            i += m.end()
            continue
        if c == "{":
            if seen_where or not construct or braces_before:
                return i
            braces_before += 1  # CONSTRUCT { template } WHERE? { ... }: skip the template
            depth = 1
            i += 1
            while i < n and depth:
                depth += {"{": 1, "}": -1}.get(query[i], 0)
                i += 1
            continue
        i += 1
    return -1


def bind_values(query: str, substitutions: dict | None) -> str:
    """The query with each bound variable fixed by a ``VALUES`` block at the start of its WHERE
    clause (the remote form of pyoxigraph's ``substitutions``).

    >>> bind_values("SELECT ?x WHERE { ?x ?p ?o }", {ox.Variable("o"): ox.Literal('a" } DROP ALL #')})
    'SELECT ?x WHERE { VALUES (?o) { ("a\\\\" } DROP ALL #") } ?x ?p ?o }'
    """
    if not substitutions:
        return query
    names = " ".join(f"?{v.value}" for v in substitutions)
    values = " ".join(_term(t) for t in substitutions.values())
    at = _where_brace(query)
    if at < 0:
        raise StoreError("cannot bind values in a query without a WHERE clause")
    return f"{query[: at + 1]} VALUES ({names}) {{ ({values}) }}{query[at + 1 :]}"


# -- the store ------------------------------------------------------------------------------------


class RemoteStore:
    """A SPARQL 1.1 server used like a pyoxigraph ``Store``.

    Only the methods actorgraph needs: :meth:`query`, :meth:`update`, :meth:`named_graphs`,
    :meth:`contains_named_graph`, :meth:`extend`, :meth:`remove_graph`,
    :meth:`quads_for_pattern`, :meth:`dump` and the no-op :meth:`flush`. Query results are
    pyoxigraph terms, exactly as from a local store.
    """

    #: a server is asked by SPARQL and keeps no relation digests (:mod:`actorgraph.graph.digest`)
    keeps_digests = False

    def __init__(self, url: str, *, read_only: bool = False, timeout: float = _TIMEOUT):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise StoreError(f"{url} is not an http(s) URL of a SPARQL endpoint")
        self.url = urlunsplit((parts.scheme, parts.hostname + (f":{parts.port}" if parts.port else ""),
                               parts.path, parts.query, ""))
        self.read_only = read_only
        self.timeout = timeout
        if parts.username is not None:
            self._credentials = (unquote(parts.username), unquote(parts.password or ""))
        elif os.environ.get(USER_ENV):
            self._credentials = (os.environ[USER_ENV], os.environ.get(PASSWORD_ENV, ""))
        else:
            self._credentials = None
        self.endpoints = Endpoints.for_url(self.url, authenticated=self._credentials is not None)
        self._challenge: dict[str, str] | None = None  # the server's last WWW-Authenticate
        self._nonce_count = 0
        self._connections: dict[tuple[str, str], http.client.HTTPConnection] = {}
        self._union_checked = False
        # Virtuoso's endpoint, or a server that says it is Virtuoso (its Server header)
        self.virtuoso = urlsplit(self.endpoints.query).path in ("/sparql", "/sparql-auth")

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    # -- HTTP ----------------------------------------------------------------------------------

    def _authorization(self, method: str, path: str) -> str | None:
        """The Authorization header for a request, once the server has said which scheme it wants."""
        if self._credentials is None or self._challenge is None:
            return None
        user, password = self._credentials
        if self._challenge["scheme"] == "basic":
            return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        return _digest(self._challenge, user, password, method, path, self._next_nonce_count())

    def _next_nonce_count(self) -> int:
        self._nonce_count += 1
        return self._nonce_count

    def _request(self, method: str, url: str, body: bytes | None = None, headers: dict | None = None,
                 ok: tuple[int, ...] = (200, 201, 204)) -> tuple[int, str, bytes, http.client.HTTPResponse]:
        """Send one request (credentials as the server asks for them); the status, content
        type, body and response of a success, else a :class:`StoreError` that says why."""
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        for _ in range(3):  # the first answer may be a challenge, or say the nonce went stale
            sent_auth = self._authorization(method, path)
            hdrs = dict(headers or {})
            if sent_auth:
                hdrs["Authorization"] = sent_auth
            response, data = self._send(method, url, body, hdrs)
            if response.status != 401 or self._credentials is None:
                break
            challenge = _parse_challenge(response.getheader("WWW-Authenticate", ""))
            if challenge is None or (sent_auth and challenge["scheme"] == "basic"):
                break  # no scheme offered, or the user and password refused
            # the first challenge; or a digest nonce that went stale (a wrong password fails
            # the same way: three tries at most, then the 401 below)
            self._challenge, self._nonce_count = challenge, 0
        if response.status not in ok:
            detail = _error_detail(data) or response.reason
            where = f"the SPARQL server {self.url} refused {method} {parts.path}"
            if self.virtuoso and not self._credentials and (
                    response.status in (401, 403) or ("SR186" in detail and "SECURITY" in detail)):
                raise StoreError(f"{where} ({response.status}: {detail}); Virtuoso writes through /sparql-auth: "
                                 f"give its user and password in the URL (http://user:password@host:8890/sparql) "
                                 f"or in {USER_ENV} and {PASSWORD_ENV}")
            if response.status in (401, 403):
                hint = ("check the user and password" if self._credentials else
                        f"give a user and password in the URL (http://user:password@host/...) or in {USER_ENV} "
                        f"and {PASSWORD_ENV}")
                raise StoreError(f"{where} ({response.status}: {detail}); {hint}")
            raise StoreError(f"the SPARQL server {self.url} answered {response.status} to {method} "
                             f"{parts.path}: {detail}")
        return response.status, response.getheader("Content-Type", ""), data, response

    def _send(self, method: str, url: str, body: bytes | None, headers: dict):
        parts = urlsplit(url)
        key = (parts.scheme, parts.netloc)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        for attempt in (1, 2):  # a kept-alive connection the server closed is opened again once
            conn = self._connections.get(key)
            if conn is None:
                cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
                conn = self._connections[key] = cls(parts.hostname, parts.port, timeout=self.timeout)
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
                break
            except (ConnectionRefusedError, socket.gaierror) as exc:
                self._drop(key)
                raise StoreError(f"cannot reach the SPARQL server {self.url} ({exc.strerror or exc}); "
                                 "is it running, and is the URL right?") from None
            except (http.client.HTTPException, ConnectionError, OSError) as exc:
                self._drop(key)
                if attempt == 2:
                    raise StoreError(f"the SPARQL server {self.url} did not answer ({exc})") from None
        if "virtuoso" in (response.getheader("Server") or "").lower():
            self.virtuoso = True
        return response, data

    def _drop(self, key) -> None:
        conn = self._connections.pop(key, None)
        if conn is not None:
            conn.close()

    def close(self) -> None:
        for key in list(self._connections):
            self._drop(key)

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store {self.url} was opened read-only")

    # -- queries -------------------------------------------------------------------------------

    def query(self, query: str, *, base_iri: str | None = None, prefixes: dict[str, str] | None = None,
              use_default_graph_as_union: bool = False, default_graph=None, named_graphs=None,
              substitutions: dict | None = None):
        """Run a SPARQL query: solutions (pyoxigraph ``QuerySolutions``) for SELECT, a boolean
        for ASK, a list of ``Triple`` for CONSTRUCT and DESCRIBE."""
        if use_default_graph_as_union and default_graph is None:
            self._check_union()
        text = bind_values(query, substitutions)
        if self.virtuoso:
            text = _virtuoso_filters(text)
        prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in (prefixes or {}).items())
        if base_iri:
            prologue = f"BASE <{base_iri}>\n" + prologue
        params = [("query", prologue + text)]
        for g in _as_list(default_graph):
            params.append(("default-graph-uri", g.value))
        for g in _as_list(named_graphs):
            params.append(("named-graph-uri", g.value))
        graph_result = _query_form(text) in ("CONSTRUCT", "DESCRIBE")
        # Virtuoso answers a CONSTRUCT in SPARQL JSON results when they are acceptable: ask
        # for the results of each form only
        accept = f"{_N_TRIPLES}, text/turtle;q=0.8" if graph_result else f"{_RESULTS_JSON}, application/json;q=0.9"
        _, ctype, data, response = self._request(
            "POST", self.endpoints.query, urlencode(params).encode("ascii"),
            {"Content-Type": _FORM, "Accept": accept},
        )
        self._check_complete(response)
        ctype = ctype.split(";")[0].strip().lower()
        if ctype in (_RESULTS_JSON, "application/json") and not graph_result:
            try:
                return ox.parse_query_results(data, ox.QueryResultsFormat.JSON)
            except SyntaxError as exc:
                raise StoreError(f"the SPARQL server {self.url} sent results that cannot be read: {exc}") from None
        if ctype in (_N_TRIPLES, "text/turtle", "text/plain") and graph_result:
            fmt = ox.RdfFormat.TURTLE if ctype == "text/turtle" else ox.RdfFormat.N_TRIPLES
            try:
                return [q.triple for q in ox.parse(data, fmt)]
            except SyntaxError as exc:
                raise StoreError(f"the SPARQL server {self.url} sent triples that cannot be read: {exc}") from None
        raise StoreError(f"the SPARQL server {self.url} answered in {ctype or 'an unknown format'}, "
                         f"not {'RDF triples' if graph_result else 'SPARQL results'}")

    def _check_complete(self, response) -> None:
        """Refuse an answer the server says it cut short: Virtuoso's ``ResultSetMaxRows``
        (``X-SPARQL-MaxRows``) and its 'anytime' partial results (``X-SQL-State``)."""
        cap = response.getheader("X-SPARQL-MaxRows")
        if cap:
            raise StoreError(f"the SPARQL server {self.url} cut the answer at {cap} rows; raise "
                             "ResultSetMaxRows in the [SPARQL] section of its virtuoso.ini (and restart it)")
        state = response.getheader("X-SQL-State")
        if state:
            message = response.getheader("X-SQL-Message") or "partial results"
            raise StoreError(f"the SPARQL server {self.url} gave partial results ({state}: {message}); raise "
                             "MaxQueryExecutionTime in the [SPARQL] section of its virtuoso.ini")

    def _check_union(self) -> None:
        """Refuse a server whose default graph is not the union of its named graphs."""
        if self._union_checked:
            return
        rows = list(self.query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1"))
        if rows:
            s, p, o = rows[0]["s"], rows[0]["p"], rows[0]["o"]
            if not isinstance(s, ox.BlankNode) and not isinstance(o, ox.BlankNode):
                seen = self.query("ASK { ?s ?p ?o }", substitutions={ox.Variable("s"): s, ox.Variable("p"): p,
                                                                      ox.Variable("o"): o})
                if not bool(seen):
                    raise StoreError(
                        f"the SPARQL server {self.url} does not answer queries over the union of its named "
                        "graphs; start Oxigraph with `oxigraph serve --union-default-graph` (Fuseki: "
                        "tdb2:unionDefaultGraph true)"
                    )
        self._union_checked = True

    def update(self, update: str, *, base_iri: str | None = None, prefixes: dict[str, str] | None = None) -> None:
        self._writable()
        prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in (prefixes or {}).items())
        if base_iri:
            prologue = f"BASE <{base_iri}>\n" + prologue
        self._request("POST", self.endpoints.update, urlencode({"update": prologue + update}).encode("ascii"),
                      {"Content-Type": _FORM, "Accept": f"{_RESULTS_JSON}, */*;q=0.1"})

    # -- named graphs --------------------------------------------------------------------------

    def named_graphs(self) -> Iterator[ox.NamedNode]:
        """The named graphs (on Virtuoso, less its own)."""
        # Virtuoso spins on an empty graph pattern: there the graphs are found through their quads
        pattern = "GRAPH ?g { ?s ?p ?o }" if self.virtuoso else "GRAPH ?g { }"
        for row in self.query(f"SELECT DISTINCT ?g WHERE {{ {pattern} }}"):
            if not self._system_graph(row["g"]):
                yield row["g"]

    def _system_graph(self, graph) -> bool:
        """Is this one of the graphs Virtuoso keeps for itself (not a graph of the store)?"""
        return self.virtuoso and isinstance(graph, ox.NamedNode) and bool(_VIRTUOSO_GRAPHS.match(graph.value))

    def contains_named_graph(self, graph: ox.NamedNode) -> bool:
        return bool(self.query("ASK { GRAPH ?g { ?s ?p ?o } }", substitutions={ox.Variable("g"): graph}))

    def remove_graph(self, graph: ox.NamedNode) -> None:
        self._writable()
        self.update(f"DROP SILENT GRAPH {_term(graph)}")

    def clear_graph(self, graph: ox.NamedNode) -> None:
        self._writable()
        self.update(f"CLEAR SILENT GRAPH {_term(graph)}")

    def put_graph(self, graph: ox.NamedNode, triples: Iterable[ox.Triple], method: str = "PUT") -> None:
        """Replace (``PUT``) or add to (``POST``) one named graph: one Graph Store Protocol
        request, which the server applies whole or not at all."""
        self._writable()
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        url = self.endpoints.graph_store + ("&" if "?" in self.endpoints.graph_store else "?")
        url += "graph=" + quote(graph.value, safe="")
        self._request(method, url, body, {"Content-Type": _N_TRIPLES})

    def extend(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads, one Graph Store Protocol request per named graph: a document's graph is
        new or replaced whole (``PUT``); the shared entity graph is added to (``POST``)."""
        from actorgraph.graph.store import ENTITY_GRAPH

        self._writable()
        graphs: dict[ox.NamedNode, list[ox.Triple]] = {}
        for q in quads:
            if not isinstance(q.graph_name, ox.NamedNode):
                raise StoreError("only quads of named graphs can be written to a SPARQL server")
            graphs.setdefault(q.graph_name, []).append(q.triple)
        for graph, triples in graphs.items():
            self.put_graph(graph, triples, "POST" if graph.value == ENTITY_GRAPH else "PUT")

    def quads_for_pattern(self, subject=None, predicate=None, object=None, graph_name=None) -> Iterator[ox.Quad]:
        """The quads of the named graphs that match (None matches anything), in the order of a
        local store."""
        subs = {ox.Variable(n): t for n, t in (("s", subject), ("p", predicate), ("o", object), ("g", graph_name))
                if t is not None}
        # through an in-memory pyoxigraph store: the quads come in the order a local store
        # gives them, whatever order the server sent (exports are the same file from any store)
        found = ox.Store()
        found.extend(ox.Quad(row["s"], row["p"], row["o"], row["g"])
                     for row in self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", substitutions=subs)
                     if graph_name is not None or not self._system_graph(row["g"]))
        return iter(found.quads_for_pattern(None, None, None, None))

    def __iter__(self) -> Iterator[ox.Quad]:
        return self.quads_for_pattern()

    def dump(self, output=None, format: ox.RdfFormat | None = None, *, from_graph=None, prefixes=None):
        """Serialise the named graphs (or one, ``from_graph``) like ``Store.dump``."""
        fmt = format or ox.RdfFormat.N_QUADS
        if from_graph is not None:
            data = (q.triple for q in self.quads_for_pattern(graph_name=from_graph))
        else:
            data = self.quads_for_pattern()
        return ox.serialize(data, output, fmt, prefixes=prefixes)

    def flush(self) -> None:
        """Nothing to do: every write was a request the server has answered."""

    def optimize(self) -> None:
        """Nothing to do on a server."""


#: The graphs a fresh Virtuoso holds: its RDF views' metadata, LDP classes, and its service
#: description, named by its own endpoint (``http://host:port/sparql``).
_VIRTUOSO_GRAPHS = re.compile(r"^(?:http://www\.openlinksw\.com/|http://www\.w3\.org/ns/ldp#$|https?://[^/]+/sparql/?$)")


_FILTER_EQ = re.compile(
    r"(#[^\n]*|\"\"\"(?:[^\\]|\\.)*?\"\"\"|'\'\'(?:[^\\]|\\.)*?'\'\'|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*')"
    r"|\bFILTER\s*\(\s*(\?\w+)\s*=\s*(<[^<>\"{}|^`\\\s]*>|[A-Za-z][\w.-]*:[\w-]*)\s*\)",
    re.IGNORECASE,
)


def _virtuoso_filters(query: str) -> str:
    """``FILTER(?v = <iri>)`` written ``FILTER(sameTerm(?v, <iri>))``, which means the same for
    an IRI: Virtuoso 7.2's SPARQL compiler fails on the first in some UNIONs ("sparp_gp_deprecate():
    equiv replaces filter but under deprecation"). Strings and comments are left as they are.

    >>> _virtuoso_filters('SELECT * { ?s ?p ?o FILTER(?p = rdf:type) FILTER(?o = "FILTER(?x = a:b)") }')
    'SELECT * { ?s ?p ?o FILTER(sameTerm(?p, rdf:type)) FILTER(?o = "FILTER(?x = a:b)") }'
    """
    def swap(m: re.Match) -> str:
        return m.group(0) if m.group(1) else f"FILTER(sameTerm({m.group(2)}, {m.group(3)}))"

    return _FILTER_EQ.sub(swap, query)


def _query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first keyword past the prologue (comments,
    strings and IRIs skipped)."""
    for m in re.finditer(r"#[^\n]*|<[^<>\s]*>|\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|([A-Za-z]+)", query):
        word = (m.group(1) or "").upper()
        if word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return word
    return "SELECT"


def _error_detail(data: bytes) -> str:
    """The first line of an error body: the text of an HTML page's heading or title, else its
    first line (at most 300 characters)."""
    text = data.decode("utf-8", "replace").strip()
    if text[:200].lstrip().lower().startswith(("<!doctype", "<html")):
        m = re.search(r"<(h1|title)[^>]*>(.*?)</\1>", text, re.IGNORECASE | re.DOTALL)
        text = re.sub(r"<[^>]+>|\s+", " ", m.group(2)).strip() if m else ""
    lines = text.splitlines()
    return lines[0][:300] if lines else ""


def _parse_challenge(header: str) -> dict[str, str] | None:
    """The scheme (``digest`` preferred, else ``basic``) and parameters of a WWW-Authenticate header."""
    if not header:
        return None
    found: dict[str, dict[str, str]] = {}
    for m in re.finditer(r"(?:^|,)\s*(Digest|Basic)\b((?:\s*,?\s*[\w-]+=(?:\"(?:[^\"\\]|\\.)*\"|[^,\s]*))*)",
                         header, re.IGNORECASE):
        params = {k.lower(): v[1:-1].replace('\\"', '"') if v.startswith('"') else v
                  for k, v in re.findall(r"([\w-]+)=(\"(?:[^\"\\]|\\.)*\"|[^,\s]*)", m.group(2))}
        found.setdefault(m.group(1).lower(), params)
    for scheme in ("digest", "basic"):
        if scheme in found:
            return {"scheme": scheme, **found[scheme]}
    return None


def _digest(challenge: dict[str, str], user: str, password: str, method: str, uri: str, count: int) -> str:
    """HTTP digest authentication (RFC 7616: MD5 or SHA-256, ``qop=auth`` or none)."""
    algorithm = challenge.get("algorithm", "MD5")
    name = algorithm.upper().removesuffix("-SESS")
    if name not in ("MD5", "SHA-256"):
        raise StoreError(f"the SPARQL server asks for digest authentication with {algorithm}, "
                         "which actorgraph does not speak")
    h = (lambda text: hashlib.new(name.replace("-", "").lower(), text.encode("utf-8")).hexdigest())
    realm, nonce = challenge.get("realm", ""), challenge.get("nonce", "")
    cnonce = secrets.token_hex(8)
    ha1 = h(f"{user}:{realm}:{password}")
    if algorithm.upper().endswith("-SESS"):
        ha1 = h(f"{ha1}:{nonce}:{cnonce}")
    ha2 = h(f"{method}:{uri}")
    qops = [q.strip() for q in challenge.get("qop", "").split(",") if q.strip()]
    fields = {"username": user, "realm": realm, "nonce": nonce, "uri": uri}
    if "auth" in qops:
        nc = f"{count:08x}"
        fields["response"] = h(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}")
        extra = f", qop=auth, nc={nc}, cnonce=\"{cnonce}\""
    else:
        fields["response"] = h(f"{ha1}:{nonce}:{ha2}")
        extra = ""
    if "opaque" in challenge:
        fields["opaque"] = challenge["opaque"]
    quoted = ", ".join(f'{k}="{v.replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34))}"'
                       for k, v in fields.items())
    return f"Digest {quoted}, algorithm={algorithm}{extra}"


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


# -- push -----------------------------------------------------------------------------------------


@dataclass
class PushReport:
    sent: list[str] = field(default_factory=list)  # graph IRIs written to the server
    present: list[str] = field(default_factory=list)  # already there, unchanged
    replaced: list[str] = field(default_factory=list)  # older versions removed from the server
    pruned: list[str] = field(default_factory=list)  # server documents not in the local store


def push(local: ox.Store, remote: RemoteStore, *, everything: bool = False, prune: bool = False,
         progress: Callable[[str], None] | None = None) -> PushReport:
    """Copy the local store's document graphs to a server, one graph per request.

    A document graph already on the server is left alone (its name is its content hash)
    unless ``everything``; other graphs are always sent; an older version of the same source on the server is removed once
    the new one is there; with ``prune``, server documents absent from the local store are
    removed too.
    """
    from actorgraph.graph.digest import visible
    from actorgraph.graph.store import ENTITY_GRAPH
    from actorgraph.ontology.namespace import AG, DOC_BASE

    source_path = ox.NamedNode(AG.sourcePath)
    report = PushReport()
    local_graphs = sorted((g for g in local.named_graphs() if isinstance(g, ox.NamedNode)), key=lambda g: g.value)
    for graph in local_graphs:
        # a document graph is named by its content hash: if the server has it, it has it whole;
        # any other graph (curations...) may have changed under the same name and is sent again
        if not everything and graph.value.startswith(DOC_BASE) and remote.contains_named_graph(graph):
            report.present.append(graph.value)
            continue
        if graph.value == ENTITY_GRAPH:
            # the shared entity descriptions are added to, never replaced: the server's may
            # describe entities of documents this store does not have
            remote.extend(visible(local.quads_for_pattern(None, None, None, graph)))
            continue
        # the relation digests stay local: a server is asked by SPARQL (actorgraph.graph.digest)
        remote.put_graph(graph, (q.triple for q in visible(local.quads_for_pattern(None, None, None, graph))))
        if graph.value.startswith(DOC_BASE):
            report.sent.append(graph.value)
        for q in local.quads_for_pattern(graph, source_path, None, graph):
            for old in remote.quads_for_pattern(None, source_path, q.object, None):
                if old.graph_name != graph and old.graph_name.value.startswith(DOC_BASE):
                    remote.remove_graph(old.graph_name)
                    report.replaced.append(old.graph_name.value)
        if progress:
            progress(f"pushed {graph.value}")
    if prune:
        keep = {g.value for g in local_graphs}
        for graph in list(remote.named_graphs()):
            if graph.value.startswith(DOC_BASE) and graph.value not in keep and graph.value not in report.replaced:
                remote.remove_graph(graph)
                report.pruned.append(graph.value)
    return report


"""A team's SPARQL server as the store: the part of pyoxigraph's ``Store`` that actorgraph uses,
spoken over the SPARQL 1.1 Protocol (query, update) and the Graph Store Protocol (named graphs).

``--store http://host:7878`` makes every command work against the server: the query commands
run their SPARQL there, ``build`` writes each document's named graph with one Graph Store
Protocol ``PUT`` (the server stores the whole graph or none of it), ``remove`` drops graphs,
and :func:`push` copies a local store to the server.

Endpoints. A server root (``http://host:7878``) is taken for Oxigraph's layout: ``/query``,
``/update`` and ``/store``. Any other URL is the query endpoint itself, and the update and graph
store endpoints default to its siblings ``update`` and ``store``; set
``ACTORGRAPH_UPDATE_URL`` and ``ACTORGRAPH_GRAPH_STORE_URL`` for servers laid out otherwise
(Fuseki: ``/ds/query``, ``/ds/update``, ``/ds/data``; Virtuoso: ``/sparql``, ``/sparql``,
``/sparql-graph-crud``; GraphDB: ``/repositories/R``, ``/repositories/R/statements``,
``/repositories/R/rdf-graphs/service``). A user name and password in the URL
(``http://user:secret@host/...``) are sent as HTTP basic authentication.

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
import http.client
import os
import re
import socket
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import quote, urlencode, urljoin, urlsplit, urlunsplit

import pyoxigraph as ox

from actorgraph.errors import StoreError
from actorgraph.graph.store import is_url

__all__ = ["RemoteStore", "PushReport", "is_url", "push", "bind_values"]

UPDATE_ENV = "ACTORGRAPH_UPDATE_URL"
GRAPH_STORE_ENV = "ACTORGRAPH_GRAPH_STORE_URL"

_RESULTS_JSON = "application/sparql-results+json"
_N_TRIPLES = "application/n-triples"
_TIMEOUT = 300.0


@dataclass(frozen=True)
class Endpoints:
    query: str
    update: str
    graph_store: str

    @classmethod
    def for_url(cls, url: str) -> "Endpoints":
        """The three endpoints of a server, from its root or its query endpoint.

        >>> Endpoints.for_url("http://127.0.0.1:7878")
        Endpoints(query='http://127.0.0.1:7878/query', update='http://127.0.0.1:7878/update', graph_store='http://127.0.0.1:7878/store')
        """
        parts = urlsplit(url)
        if parts.path in ("", "/"):
            base = urlunsplit((parts.scheme, parts.netloc, "/", "", ""))
            query = urljoin(base, "query")
        else:
            base, query = url, url
        return cls(
            query=query,
            update=os.environ.get(UPDATE_ENV) or urljoin(base if base.endswith("/") else query, "update"),
            graph_store=os.environ.get(GRAPH_STORE_ENV) or urljoin(base if base.endswith("/") else query, "store"),
        )


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

    def __init__(self, url: str, *, read_only: bool = False, timeout: float = _TIMEOUT):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise StoreError(f"{url} is not an http(s) URL of a SPARQL endpoint")
        self.url = urlunsplit((parts.scheme, parts.hostname + (f":{parts.port}" if parts.port else ""),
                               parts.path, parts.query, ""))
        self.read_only = read_only
        self.timeout = timeout
        self.endpoints = Endpoints.for_url(self.url)
        self._auth = None
        if parts.username is not None:
            token = f"{parts.username}:{parts.password or ''}".encode()
            self._auth = "Basic " + base64.b64encode(token).decode("ascii")
        self._connections: dict[tuple[str, str], http.client.HTTPConnection] = {}
        self._union_checked = False

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    # -- HTTP ----------------------------------------------------------------------------------

    def _request(self, method: str, url: str, body: bytes | None = None, headers: dict | None = None,
                 ok: tuple[int, ...] = (200, 201, 204)) -> tuple[int, str, bytes]:
        parts = urlsplit(url)
        key = (parts.scheme, parts.netloc)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        hdrs = dict(headers or {})
        if self._auth:
            hdrs["Authorization"] = self._auth
        for attempt in (1, 2):  # a kept-alive connection the server closed is opened again once
            conn = self._connections.get(key)
            if conn is None:
                cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
                conn = self._connections[key] = cls(parts.hostname, parts.port, timeout=self.timeout)
            try:
                conn.request(method, path, body=body, headers=hdrs)
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
        if response.status not in ok:
            text = data.decode("utf-8", "replace").strip().splitlines()
            detail = text[0][:300] if text else response.reason
            if response.status in (401, 403):
                raise StoreError(f"the SPARQL server {self.url} refused {method} {parts.path} "
                                 f"({response.status}: {detail}); give a user and password in the URL")
            raise StoreError(f"the SPARQL server {self.url} answered {response.status} to {method} "
                             f"{parts.path}: {detail}")
        return response.status, response.getheader("Content-Type", ""), data

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
        prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in (prefixes or {}).items())
        if base_iri:
            prologue = f"BASE <{base_iri}>\n" + prologue
        params = []
        for g in _as_list(default_graph):
            params.append(("default-graph-uri", g.value))
        for g in _as_list(named_graphs):
            params.append(("named-graph-uri", g.value))
        url = self.endpoints.query + (("&" if "?" in self.endpoints.query else "?") + urlencode(params) if params else "")
        _, ctype, data = self._request(
            "POST", url, (prologue + text).encode("utf-8"),
            {"Content-Type": "application/sparql-query; charset=utf-8",
             "Accept": f"{_RESULTS_JSON}, {_N_TRIPLES};q=0.9, text/turtle;q=0.8"},
        )
        ctype = ctype.split(";")[0].strip().lower()
        if ctype in (_RESULTS_JSON, "application/json"):
            try:
                return ox.parse_query_results(data, ox.QueryResultsFormat.JSON)
            except SyntaxError as exc:
                raise StoreError(f"the SPARQL server {self.url} sent results that cannot be read: {exc}") from None
        if ctype in (_N_TRIPLES, "text/turtle", "text/plain"):
            fmt = ox.RdfFormat.TURTLE if ctype == "text/turtle" else ox.RdfFormat.N_TRIPLES
            return [q.triple for q in ox.parse(data, fmt)]
        raise StoreError(f"the SPARQL server {self.url} answered in {ctype or 'an unknown format'}, "
                         "not SPARQL results")

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
        self._request("POST", self.endpoints.update, (prologue + update).encode("utf-8"),
                      {"Content-Type": "application/sparql-update; charset=utf-8"})

    # -- named graphs --------------------------------------------------------------------------

    def named_graphs(self) -> Iterator[ox.NamedNode]:
        for row in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"):
            yield row["g"]

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
        """The quads of the named graphs that match (None matches anything)."""
        subs = {ox.Variable(n): t for n, t in (("s", subject), ("p", predicate), ("o", object), ("g", graph_name))
                if t is not None}
        for row in self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", substitutions=subs):
            yield ox.Quad(row["s"], row["p"], row["o"], row["g"])

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
            remote.extend(local.quads_for_pattern(None, None, None, graph))
            continue
        remote.put_graph(graph, (q.triple for q in local.quads_for_pattern(None, None, None, graph)))
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


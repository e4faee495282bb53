"""Running a SPARQL query written by a user against the store, read-only unless asked.

A query runs over the union of the document graphs (``GRAPH ?g`` still names one document's
graph) with the usual prefixes predeclared (:data:`PREFIXES`): ``ag:``, ``id:``, ``doc:``,
``rdf:``, ``rdfs:``, ``skos:``, ``dcterms:``, ``xsd:``, ``prov:``. An update (``INSERT``,
``DELETE``, ``LOAD``, ``CLEAR``, ``DROP``...) is refused unless the caller allows it.

Results are written in the W3C SPARQL results formats (``csv``, ``tsv``, ``json``, ``xml``,
serialised by pyoxigraph), as a ``table`` for reading, and for ``CONSTRUCT``/``DESCRIBE``
queries in an RDF format (``turtle``, ``nt``, ``xml`` = RDF/XML, ``json`` = JSON-LD).

Examples
--------
>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> result = run_query(store, "ASK { ?s ?p ?o }")
>>> write_result(result, "json")
b'{"head":{},"boolean":false}'
>>> is_update("PREFIX ag: <https://w3id.org/actorgraph/ontology#> DELETE WHERE { ?s ag:label ?o }")
'DELETE'
"""

from __future__ import annotations

__all__ = [
    "PREFIXES",
    "RESULT_FORMATS",
    "QuerySyntaxError",
    "ServiceRefused",
    "UpdateRefused",
    "check_service",
    "is_update",
    "read_query_text",
    "result_rows",
    "run_query",
    "run_update",
    "uses_service",
    "write_result",
]

import re
import sys
from pathlib import Path

import pyoxigraph as ox

from actorgraph.errors import ActorGraphError, UnknownFormat
# The prefixes every query may use without declaring them: those of the exports.
from actorgraph.exports.rdf import PREFIXES  # noqa: E402

_SOLUTION_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}
_GRAPH_FORMATS = {
    "table": ox.RdfFormat.TURTLE,
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "xml": ox.RdfFormat.RDF_XML,
    "json": ox.RdfFormat.JSON_LD,
}
#: Every ``--format`` of ``actorgraph sparql`` and ``actorgraph query``.
RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle", "nt")

_UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "ADD", "MOVE", "COPY", "WITH"}
_PROLOGUE = re.compile(r"""(?ix)
    \s+ | \#[^\n]* |                              # blanks and comments
    PREFIX \s+ [^\s:]* : \s* <[^>]*> |            # PREFIX ag: <...>
    BASE \s* <[^>]*>                              # BASE <...>
""")
_POSITION = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.DOTALL)


class QuerySyntaxError(ActorGraphError):
    """A query that SPARQL cannot parse; the message gives the line and column."""


class UpdateRefused(ActorGraphError):
    """An update sent where only queries are allowed."""


class ServiceRefused(ActorGraphError):
    """A federated query (``SERVICE``) sent without the caller allowing network requests."""


# ``SERVICE <iri>``, ``SERVICE SILENT ?var``, ``SERVICE ex:name`` (and ``SERVICE<iri>``: no
# space is needed before an IRI or a variable): the keyword, not a variable or a prefixed name
# that happens to be spelt so (``?service``, ``ex:service``, ``service:x``).
_SERVICE = re.compile(r"(?i)(?<![\w:?$])SERVICE(?:\s*(?:SILENT)?\s*[<?$]|\s+(?:SILENT\s+)?(?:[^\W\d][\w.-]*)?:)")
# What may hold the word without it being the keyword: IRIs, strings (long and short) and
# comments, scanned left to right so that a '#' inside an IRI or a string starts no comment.
_NOT_KEYWORDS = re.compile(
    r'<[^<>"{}|^`\\\s]*>'
    r'|"""(?:[^\\]|\\.)*?"""'
    r"|'''(?:[^\\]|\\.)*?'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|#[^\n]*",
    re.DOTALL,
)


def uses_service(text: str) -> bool:
    """Does this query or update hold a ``SERVICE`` clause (a federated query, which makes
    an HTTP request to the IRI it names)? The word inside a string, an IRI or a comment does
    not count.

    >>> uses_service('SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }')
    True
    >>> uses_service('SELECT * { ?s rdfs:label "SERVICE <x>" } # SERVICE <y>')
    False
    """
    bare = _NOT_KEYWORDS.sub(lambda m: "<>" if m.group(0).startswith("<") else " ", text)
    return bool(_SERVICE.search(bare))


def check_service(text: str, allow_service: bool = False) -> None:
    """Raise :class:`ServiceRefused` when ``text`` is federated and that is not allowed."""
    if not allow_service and uses_service(text):
        raise ServiceRefused("this query has a SERVICE clause, which would send a request over the "
                             "network; add --allow-service if you mean it")


def is_update(text: str) -> str | None:
    """The keyword that makes ``text`` a SPARQL update (``"INSERT"``, ``"DROP"``...), or None
    for a query. Only the prologue (``PREFIX``/``BASE`` and comments) is skipped, so the
    answer does not depend on what the strings of the query contain."""
    pos = 0
    while True:
        m = _PROLOGUE.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    word = re.match(r"[A-Za-z]+", text[pos:])
    keyword = word.group(0).upper() if word else ""
    return keyword if keyword in _UPDATE_KEYWORDS else None


def syntax_error(exc: SyntaxError, what: str = "SPARQL") -> QuerySyntaxError:
    """pyoxigraph's ``error at 3:17: expected ...`` as a one-line message with the position."""
    text = " ".join(str(exc).split())
    m = _POSITION.match(text)
    if m:
        return QuerySyntaxError(f"{what} syntax error at line {m.group(1)}, column {m.group(2)}: "
                                f"{_expected(m.group(3))}")
    return QuerySyntaxError(f"{what} syntax error: {text}")


def _expected(message: str, most: int = 8) -> str:
    """``expected one of "$", ":", ['A' ..= 'Z' | ...], ...`` without the character classes,
    and no more than ``most`` of the rest."""
    head, sep, rest = message.partition("expected one of ")
    if not sep:
        return message
    rest = re.sub(r"\[(?:'(?:[^'\\]|\\.)*'|[^\]'])*\]", "", rest)
    items = [i.strip() for i in rest.split(",") if i.strip()]
    if not items:
        return head + "unexpected text here"
    more = ", ..." if len(items) > most else ""
    return f"{head}expected one of {', '.join(items[:most])}{more}"


def run_query(store: ox.Store, text: str, substitutions: dict | None = None, *,
              allow_service: bool = False):
    """Run a query (never an update) over the union of the document graphs.

    Returns pyoxigraph's ``QuerySolutions``, ``QueryBoolean`` or ``QueryTriples``.

    Raises
    ------
    UpdateRefused
        When ``text`` is an update.
    ServiceRefused
        When ``text`` holds a ``SERVICE`` clause and ``allow_service`` is false.
    QuerySyntaxError
        When ``text`` is not valid SPARQL (the message says where).
    """
    keyword = is_update(text)
    if keyword:
        raise UpdateRefused(f"this is an update ({keyword}) and the store is opened read-only; "
                            "add --update to change the store")
    check_service(text, allow_service)
    try:
        return store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True,
                           substitutions=substitutions or None)
    except SyntaxError as exc:
        raise syntax_error(exc) from None


def run_update(store: ox.Store, text: str, *, allow_service: bool = False) -> None:
    """Run a SPARQL update on a store opened for writing (a ``SERVICE`` in its ``WHERE``
    refused unless ``allow_service``), then derive the relation digests again
    (:mod:`actorgraph.graph.digest`)."""
    from actorgraph.graph import digest

    check_service(text, allow_service)
    # an update may change any statement: the relation digests are not current until derived
    # again from the statements (queries meanwhile read the statements themselves)
    current = digest.is_current(store)
    digest.invalidate(store)
    try:
        store.update(text, prefixes=PREFIXES)
    except SyntaxError as exc:
        if current:
            digest.mark_current(store)  # nothing was written: current as before
        raise syntax_error(exc, "SPARQL update") from None
    if digest.applies(store):
        digest.refresh(store)


def read_query_text(query: str) -> str:
    """The text of QUERY as the CLI takes it: ``-`` is stdin, an existing file or a name
    ending in ``.rq``/``.sparql`` is read, anything else is the query itself."""
    if query == "-":
        return sys.stdin.read()
    path = Path(query)
    if query.endswith((".rq", ".sparql")) or ("\n" not in query and len(query) < 4096 and path.is_file()):
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ActorGraphError(f"cannot read the query file {query}: {exc.strerror or exc}") from None
    return query


# -- output -----------------------------------------------------------------------------------

def _short(term) -> str:
    """A term as a table cell: IRIs shortened with the known prefixes, literals as their text."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        iri = term.value
        for prefix, base in PREFIXES.items():
            if iri.startswith(base) and re.fullmatch(r"[\w.\-/]*", iri[len(base):]):
                return f"{prefix}:{iri[len(base):]}"
        return f"<{iri}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def result_rows(result) -> tuple[list[str], list[dict]]:
    """Columns and rows (cells as short text) of a SELECT result, for the table."""
    columns = [v.value for v in result.variables]
    rows = [{c: _short(s[c]) for c in columns} for s in result]
    return columns, rows


_WIDE = ("evidence", "sentence", "text", "description", "aliases")


class QueryFailed(ActorGraphError):
    """A query that parsed but failed while running (a SERVICE that cannot be reached...)."""


def write_result(result, fmt: str, hide: tuple[str, ...] | list[str] = ()) -> bytes:
    """Serialise a query result; see :func:`_write_result`. Raises :class:`QueryFailed`
    when the evaluation fails on the way (results are computed as they are written)."""
    try:
        return _write_result(result, fmt, hide)
    except (OSError, RuntimeError) as exc:
        raise QueryFailed(f"the query failed: {' '.join(str(exc).split())}") from None


def _write_result(result, fmt: str, hide: tuple[str, ...] | list[str] = ()) -> bytes:
    """Serialise a query result as ``fmt`` (one of :data:`RESULT_FORMATS`).

    ``hide`` names columns the ``table`` leaves out (a named query's bound parameters); the
    table also leaves out an IRI column ``x`` when the result has its label ``x_label``. The
    other formats keep every column.

    Raises
    ------
    UnknownFormat
        For a format that does not fit the kind of result (``csv`` for a graph, say).
    """
    if isinstance(result, (ox.QueryTriples, list)):  # a list: the triples of a remote store
        if fmt not in _GRAPH_FORMATS:
            raise UnknownFormat(f"a CONSTRUCT or DESCRIBE query gives a graph; use --format "
                                f"{', '.join(_GRAPH_FORMATS)} (not {fmt})")
        return ox.serialize(result, format=_GRAPH_FORMATS[fmt], prefixes=PREFIXES)
    if fmt == "table":
        if isinstance(result, ox.QueryBoolean):
            return (b"true\n" if bool(result) else b"false\n")
        from actorgraph.exports.rows import render_table

        columns, rows = result_rows(result)
        shown = [c for c in columns if c not in hide and f"{c}_label" not in columns] or columns
        return render_table(rows, shown, wide=[c for c in shown if c in _WIDE]).encode("utf-8")
    if fmt not in _SOLUTION_FORMATS:
        raise UnknownFormat(f"a SELECT or ASK query gives results; use --format table, "
                            f"{', '.join(_SOLUTION_FORMATS)} (not {fmt})")
    return result.serialize(format=_SOLUTION_FORMATS[fmt])

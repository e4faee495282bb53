"""Loading RDF that someone else wrote into the store: parsed, validated, then written into a
named graph of its own, never over another document's graph.

* Triple formats (Turtle, N-Triples, RDF/XML, and the default graph of the others) go into one
  new graph: ``--graph IRI``, or by default ``doc:import-HASH`` where HASH starts the SHA-256
  of the file's bytes, so that importing the same file twice does nothing the second time.
* Dataset formats (N-Quads, TriG, JSON-LD with named graphs) keep their named graphs, as an
  ``actorgraph export`` writes them (one per document).
* A graph the store already holds is never replaced nor added to: the import is refused,
  nothing written. The shared graph of entity descriptions (``ENTITY_GRAPH``, which ``build``
  writes and an export carries) is kept under its name in a store without one; in a store that
  has its own, the file's entity descriptions go into the import's own graph instead.
* The data is checked against the SHACL shapes first (with the classes and labels of the
  store's entities it refers to, and the ontology): invalid data is refused as a whole.
* A label the file gives to an entity the store already labels becomes an alias
  (``skos:altLabel``): the name actorgraph shows for an entity stays the one its own documents
  give, and the imported name still finds it.
* All of it goes in one transaction, with the digests of its statements (``ag:relationDigest``,
  derived from them: a digest in the file is not read).
"""

from __future__ import annotations

__all__ = ["IMPORT_FORMATS", "ImportReport", "import_file", "parse_file"]

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from actorgraph.errors import ActorGraphError, DocumentError, UnknownFormat
from actorgraph.graph.store import ENTITY_GRAPH
from actorgraph.ontology.namespace import DOC_BASE, RDF, RDFS, SKOS

#: Import format names (those of ``actorgraph export``) and their pyoxigraph formats.
IMPORT_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


class ImportRefused(ActorGraphError):
    """The import would replace a graph the store already holds."""


@dataclass
class ImportReport:
    source: str
    graphs: dict[str, int] = field(default_factory=dict)  # graph IRI -> number of quads
    skipped: bool = False  # the same file was imported before
    relabelled: int = 0  # labels of entities the store already named, kept as aliases

    @property
    def quads(self) -> int:
        return sum(self.graphs.values())


def _format(path: Path, name: str | None):
    if name:
        from actorgraph.exports.registry import get_format

        fmt = get_format(name).name
        if fmt not in IMPORT_FORMATS:
            raise UnknownFormat(f"'{name}' is not an RDF format; import one of {', '.join(IMPORT_FORMATS)}")
        return IMPORT_FORMATS[fmt]
    suffix = path.suffix.lower().lstrip(".")
    fmt = ox.RdfFormat.from_extension(suffix) if suffix else None
    if fmt is None or fmt not in IMPORT_FORMATS.values():
        raise UnknownFormat(f"cannot tell the RDF format of '{path.name}' from its extension; give --format "
                            f"({', '.join(IMPORT_FORMATS)}) or use .ttl, .nt, .nq, .trig, .jsonld, .rdf")
    return fmt


def parse_file(path: Path, data: bytes, fmt) -> list[ox.Quad]:
    """The quads of an RDF file (triples come in the default graph).

    Raises
    ------
    DocumentError
        When the file is not valid in that format (with the position pyoxigraph gives).
    """
    if fmt == ox.RdfFormat.JSON_LD:
        return _parse_jsonld(path, data)
    try:
        return list(ox.parse(data, format=fmt, base_iri=path.resolve().as_uri()))
    except SyntaxError as exc:
        raise DocumentError(f"{path}: not valid {fmt.name}: {' '.join(str(exc).split())}") from None


def _parse_jsonld(path: Path, data: bytes) -> list[ox.Quad]:
    """JSON-LD through rdflib, with our published context read from the shipped file."""
    from rdflib import BNode, Dataset, Literal, URIRef

    from actorgraph.exports.jsonld import with_inline_context

    try:
        document = with_inline_context(json.loads(data.decode("utf-8")))
        dataset = Dataset()
        dataset.parse(data=json.dumps(document), format="json-ld", base=path.resolve().as_uri())
    except (ValueError, UnicodeDecodeError) as exc:
        raise DocumentError(f"{path}: not valid JSON-LD: {' '.join(str(exc).split())[:200]}") from None

    def term(t):
        if isinstance(t, URIRef):
            return ox.NamedNode(str(t))
        if isinstance(t, BNode):
            return ox.BlankNode(str(t))
        if isinstance(t, Literal):
            if t.language:
                return ox.Literal(str(t), language=t.language)
            if t.datatype is not None:
                return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
            return ox.Literal(str(t))
        raise DocumentError(f"{path}: cannot import the term {t!r}")

    quads = []
    for s, p, o, g in dataset.quads((None, None, None, None)):
        gid = getattr(g, "identifier", g)
        graph = ox.DefaultGraph() if gid is None or str(gid) == str(dataset.default_graph.identifier) else term(gid)
        quads.append(ox.Quad(term(s), term(p), term(o), graph))
    return quads


def _context_from_store(store: ox.Store, quads: list[ox.Quad]) -> list[ox.Triple]:
    """The classes and labels, from the store, of the IRIs the new data refers to without
    describing them: validation needs to know that ``id:organisation/europol`` is an
    Organisation even when the file only points at it, or only adds to its description."""
    referred = {t for q in quads for t in (q.subject, q.object) if isinstance(t, ox.NamedNode)}
    wanted = (ox.NamedNode(RDF + "type"), ox.NamedNode(RDFS + "label"))
    out = []
    for iri in referred:
        for p in wanted:
            out.extend(q.triple for q in store.quads_for_pattern(iri, p, None, None))
    return out


def import_file(store_path: Path, path: Path | str, format: str | None = None, graph: str | None = None,
                validate: bool = True) -> ImportReport:
    """Import the RDF file ``path`` into the store at ``store_path``.

    Raises
    ------
    DocumentError
        The file cannot be read or parsed.
    UnknownFormat
        Its format cannot be told or is not RDF.
    ImportRefused
        A graph it would write is already in the store.
    InvalidData
        It does not conform to the shapes (``.violations`` lists how).
    """
    from actorgraph.graph.digest import applies, digest_quads, visible
    from actorgraph.graph.store import open_store

    path = Path(path)
    fmt = _format(path, format)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"cannot read {path}: {exc.strerror or exc}") from None
    digest = hashlib.sha256(data).hexdigest()
    default_graph = graph or f"{DOC_BASE}import-{digest[:16]}"
    try:
        target = ox.NamedNode(default_graph)
    except ValueError:
        raise ActorGraphError(f"--graph '{graph}' is not an absolute IRI; give one such as "
                              f"{DOC_BASE}my-import") from None
    # Everything is checked on a read-only view; the store is opened for writing only to write,
    # so that a refused import never leaves a writer open (and its lock held) behind it.
    reader = _reader(store_path)
    shared = ox.NamedNode(ENTITY_GRAPH)
    own_entities = reader is not None and reader.contains_named_graph(shared)
    quads = [q if not (isinstance(q.graph_name, ox.DefaultGraph) or (own_entities and q.graph_name == shared))
             else ox.Quad(q.subject, q.predicate, q.object, target)
             for q in visible(parse_file(path, data, fmt))]  # digests are derived here, never taken as given
    report = ImportReport(str(path))
    if not quads:
        raise DocumentError(f"{path}: no triples to import")
    quads, report.relabelled = _labels_as_aliases(reader, quads)
    for q in quads:
        key = q.graph_name.value
        report.graphs[key] = report.graphs.get(key, 0) + 1
    existing = [g for g in report.graphs if reader is not None and reader.contains_named_graph(ox.NamedNode(g))]
    if existing and graph is None and existing == [default_graph] and len(report.graphs) == 1:
        report.skipped = True  # this very file was imported before
        return report
    if existing:
        raise ImportRefused(
            f"the store already holds the graph(s) {', '.join(existing)}; an import never replaces a "
            "graph: import into another store, or give --graph IRI for a file without named graphs")
    if validate:
        _validate(reader, quads, path)
    del reader
    store = open_store(store_path)
    try:
        if any(store.contains_named_graph(ox.NamedNode(g)) for g in report.graphs):
            raise ImportRefused("another process wrote one of these graphs meanwhile; nothing was imported")
        store.extend(quads + (digest_quads(quads) if applies(store) else []))  # one transaction, with the digests
        store.flush()
    finally:
        del store
    return report


def _labels_as_aliases(store, quads: list[ox.Quad]) -> tuple[list[ox.Quad], int]:
    """The quads with every ``rdfs:label`` of an entity the store already labels turned into a
    ``skos:altLabel`` (an entity shows one name: the one its documents give), and how many."""
    if store is None:
        return quads, 0
    from actorgraph.names import normalise
    from actorgraph.ontology.namespace import AG

    label, alt, key = ox.NamedNode(RDFS + "label"), ox.NamedNode(SKOS + "altLabel"), ox.NamedNode(AG.matchKey)
    labelled: dict = {}
    out, changed = [], 0
    for q in quads:
        if q.predicate == label and isinstance(q.subject, ox.NamedNode):
            if q.subject not in labelled:
                labelled[q.subject] = next(iter(store.quads_for_pattern(q.subject, label, None, None)), None)
            known = labelled[q.subject]
            if known is not None and known.object != q.object:
                q = ox.Quad(q.subject, alt, q.object, q.graph_name)
                if normalise(q.object.value):  # so that the imported name finds the entity
                    out.append(ox.Quad(q.subject, key, ox.Literal(normalise(q.object.value)), q.graph_name))
                changed += 1
        out.append(q)
    return out, changed


def _reader(store_path):
    """The store opened read-only, or None when there is no store there yet."""
    from actorgraph.graph.store import is_url, open_store, store_exists

    if not is_url(store_path) and not store_exists(Path(store_path)):
        return None
    return open_store(store_path, read_only=True)


def _validate(store: ox.Store | None, quads: list[ox.Quad], path: Path) -> None:
    from actorgraph.exports.rdflib_bridge import to_rdflib_graph, to_rdflib_term
    from actorgraph.graph.validate import InvalidData, validate_graph

    data = to_rdflib_graph(None, quads)
    convert = to_rdflib_term
    for t in _context_from_store(store, quads) if store is not None else ():
        data.add((convert(t.subject), convert(t.predicate), convert(t.object)))
    report = validate_graph(data)
    if not report.conforms:
        raise InvalidData(f"{path} does not conform to the actorgraph shapes ({len(report.violations)} "
                          "violation(s)); nothing was imported", report.violations)

"""From documents to the store: load, extract, resolve, write one named graph per document.

The RDF written for a document (all in the named graph ``<doc/ID>``):

* the document: ``ag:Document`` with its title, hash, source path, format and cleaned text;
* each entity it mentions: its classes (specific and core), ``rdfs:label``, ``skos:altLabel``
  (every surface form), ``skos:hiddenLabel`` (vocabulary names), ``ag:matchKey`` (the
  normalised forms names are looked up by), ``ag:wikidata``;
* each evidence sentence: ``ag:Sentence`` with its text and offsets;
* each mention: ``ag:Mention`` -> entity, surface text, offsets, sentence, rule;
* each relation: the direct triple ``<s> ag:rel <o>`` (both ways for symmetric relations) and
  an ``ag:Statement`` carrying the evidence (subject, predicate, object, sentence, offsets,
  rule, modality, role).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import pyoxigraph as ox

from actorgraph.errors import DocumentError
from actorgraph.graph.resolve import Resolution, Resolver
from actorgraph.graph.store import open_store
from actorgraph.loaders import bundled_document, iter_paths, load_path
from actorgraph.loaders.document import Document
from actorgraph.loaders.extract import Extraction, extract
from actorgraph.loaders.extract.tokens import normalise
from actorgraph.loaders.extract.vocabulary import default_vocabulary
from actorgraph.ontology.namespace import AG, BASE, DCTERMS, DOC_BASE, RDF, RDFS, RELATIONS, SKOS, XSD

_TYPE = ox.NamedNode(RDF + "type")
_INT = ox.NamedNode(XSD + "integer")


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _lit(value: str) -> ox.Literal:
    return ox.Literal(value)


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_INT)


def document_iri(doc: Document) -> str:
    return f"{DOC_BASE}{doc.id}"


def document_quads(doc: Document, extraction: Extraction, resolution: Resolution) -> list[ox.Quad]:
    """Every quad a document contributes, in its own named graph."""
    d_iri = document_iri(doc)
    g = _n(d_iri)
    d = _n(d_iri)
    quads: list[ox.Quad] = []

    def add(s, p: str, o) -> None:
        quads.append(ox.Quad(s, _n(p), o, g))

    add(d, RDF + "type", _n(AG.Document))
    add(d, DCTERMS + "title", _lit(doc.title or Path(doc.source).stem))
    add(d, AG.sha256, _lit(doc.sha256))
    add(d, AG.sourcePath, _lit(doc.source))
    add(d, AG.format, _lit(doc.format))
    add(d, AG.encoding, _lit(doc.encoding))
    add(d, AG.text, _lit(doc.text))
    if doc.date:
        add(d, DCTERMS + "date", _lit(doc.date))

    for e in resolution.entities.values():
        node = _n(e.iri)
        add(node, RDF + "type", _n(AG[e.type]))
        if e.type != e.core:
            add(node, RDF + "type", _n(AG[e.core]))
        add(node, RDFS + "label", _lit(e.label))
        for a in sorted(e.aliases):
            add(node, SKOS + "altLabel", _lit(a))
        for a in sorted(e.hidden - e.aliases - {e.label}):
            add(node, SKOS + "hiddenLabel", _lit(a))
        for key in sorted({normalise(x) for x in (e.label, *e.aliases, *e.hidden)} - {""}):
            add(node, AG.matchKey, _lit(key))
        if e.wikidata:
            add(node, AG.wikidata, _lit(e.wikidata))

    # Evidence sentences are named by their offsets, so a list line or a heading that is
    # evidence gets its node like any sentence.
    spans: dict[tuple[int, int], ox.NamedNode] = {}

    def sentence_node(start: int, end: int) -> ox.NamedNode:
        node = spans.get((start, end))
        if node is None:
            node = spans[(start, end)] = _n(f"{d_iri}/s/{start}-{end}")
        return node

    for i, m in enumerate(extraction.mentions):
        node = _n(f"{d_iri}/m/{i}")
        add(node, RDF + "type", _n(AG.Mention))
        add(node, AG.mentionOf, _n(resolution.mention_entity[i]))
        add(node, AG.surface, _lit(m.text))
        add(node, AG.start, _int(m.start))
        add(node, AG.end, _int(m.end))
        add(node, AG.rule, _lit(m.rule))
        add(node, AG.inDocument, d)
        if 0 <= m.sentence < len(doc.sentences):
            span = doc.sentences[m.sentence]
            add(node, AG.sentence, sentence_node(span.start, span.end))

    for i, r in enumerate(resolution.relations):
        s, o, p = _n(r.subject), _n(r.object), AG[r.predicate]
        add(s, p, o)
        if RELATIONS[r.predicate].get("symmetric"):
            add(o, p, s)
        node = _n(f"{d_iri}/r/{i}")
        add(node, RDF + "type", _n(AG.Statement))
        add(node, RDF + "subject", s)
        add(node, RDF + "predicate", _n(p))
        add(node, RDF + "object", o)
        add(node, AG.rule, _lit(r.rule))
        add(node, AG.start, _int(r.start))
        add(node, AG.end, _int(r.end))
        add(node, AG.inDocument, d)
        add(node, AG.sentence, sentence_node(r.start, r.end))
        if r.modality:
            add(node, AG.modality, _lit(r.modality))
        if r.role:
            add(node, AG.role, _lit(r.role))

    for (start, end), node in spans.items():
        add(node, RDF + "type", _n(AG.Sentence))
        add(node, AG.text, _lit(doc.text[start:end]))
        add(node, AG.start, _int(start))
        add(node, AG.end, _int(end))
        add(node, AG.inDocument, d)
    return quads


# -- the build --------------------------------------------------------------------------------------


@dataclass
class BuildReport:
    loaded: list[tuple[str, int, int]] = field(default_factory=list)  # source, entities, relations
    skipped: list[str] = field(default_factory=list)  # unchanged documents
    failed: list[tuple[str, str]] = field(default_factory=list)  # source, reason

    @property
    def ok(self) -> bool:
        return not self.failed


_LOOKUP = """
SELECT ?e ?key ?core WHERE { ?e ag:matchKey ?key ; a ?core . } LIMIT 1
"""


def _store_lookup(store: ox.Store) -> Callable[[str, list[str]], str | None]:
    """Cross-document resolution: an entity already in the store with one of these names."""

    def lookup(core: str, names: list[str]) -> str | None:
        for name in names:
            rows = store.query(
                _LOOKUP,
                prefixes={"ag": BASE},
                use_default_graph_as_union=True,
                substitutions={ox.Variable("key"): ox.Literal(name), ox.Variable("core"): ox.NamedNode(AG[core])},
            )
            for row in rows:
                return row["e"].value
        return None

    return lookup


def process(doc: Document, lookup=None) -> tuple[list[ox.Quad], Extraction, Resolution]:
    """Extract and resolve one document into its quads (no store involved)."""
    extraction = extract(doc)
    resolution = Resolver(default_vocabulary(), lookup).resolve(extraction)
    return document_quads(doc, extraction, resolution), extraction, resolution


def load_documents(store: ox.Store, documents: Iterable[Document | tuple[str, DocumentError]],
                   report: BuildReport, progress: Callable[[str], None] | None = None) -> None:
    for item in documents:
        if isinstance(item, tuple):
            report.failed.append(item)
            continue
        doc = item
        graph = ox.NamedNode(document_iri(doc))
        if store.contains_named_graph(graph):
            report.skipped.append(doc.source)
            continue
        # a changed document replaces the graph it had
        for old in _graphs_of_source(store, doc.source):
            store.remove_graph(old)
        quads, _, resolution = process(doc, _store_lookup(store))
        store.extend(quads)  # one transaction: the document is loaded whole or not at all
        report.loaded.append((doc.source, len(resolution.entities), len(resolution.relations)))
        if progress:
            progress(f"loaded {doc.source}: {len(resolution.entities)} entities, {len(resolution.relations)} relations")


def _graphs_of_source(store: ox.Store, source: str) -> list[ox.NamedNode]:
    quads = store.quads_for_pattern(None, ox.NamedNode(AG.sourcePath), ox.Literal(source), None)
    return [q.graph_name for q in quads if isinstance(q.graph_name, ox.NamedNode)]


def _documents(paths: list[str]) -> Iterable[Document | tuple[str, DocumentError]]:
    """Each document of each path, or the reason it cannot be read: one bad path or file
    does not stop the others."""
    for given in paths:
        try:
            found = list(iter_paths([given]))
        except DocumentError as exc:
            yield (str(given), exc)
            continue
        if not found:
            from actorgraph.loaders import known_extensions

            yield (str(given), DocumentError(
                f"{given}: no documents found (looked for {', '.join(sorted(known_extensions()))} files)"))
        for path in found:
            try:
                yield load_path(path)
            except DocumentError as exc:
                yield (str(path), exc)


def build(paths: list[str] | None, store_path: Path, progress: Callable[[str], None] | None = None) -> BuildReport:
    """Load documents (default: the bundled report) into the store at ``store_path``."""
    report = BuildReport()
    documents: Iterable = [bundled_document()] if not paths else _documents(paths)
    store = open_store(store_path)
    try:
        load_documents(store, documents, report, progress)
        store.flush()
    finally:
        del store
    return report

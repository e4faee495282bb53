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
  rule, modality, role);
* each entity's statements with their evidence, filed under it (``ag:relationDigest``,
  :mod:`actorgraph.graph.digest`), in the same transaction as the statements.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pyoxigraph as ox

from actorgraph.errors import DocumentError
from actorgraph.graph import digest
from actorgraph.graph.resolve import Resolution, Resolver
from actorgraph.graph.store import (
    ENTITY_GRAPH,
    incomplete_marker,
    is_url,
    open_store,
    remove_graphs,
    remove_incomplete,
)
from actorgraph.loaders import bundled_document, iter_paths, load_path
from actorgraph.loaders.document import Document
from actorgraph.loaders.extract import Extraction, extract
from actorgraph.loaders.extract.tokens import normalise
from actorgraph.loaders.extract.vocabulary import default_vocabulary
from actorgraph.ontology.namespace import AG, BASE, DCTERMS, DOC_BASE, PROV, RDF, RDFS, RELATIONS, SKOS, XSD

_TYPE = ox.NamedNode(RDF + "type")
_INT = ox.NamedNode(XSD + "integer")


_NODES: dict[str, ox.NamedNode] = {}


def _n(iri: str) -> ox.NamedNode:
    """The node of an IRI, made once: terms, classes and entities recur in every document."""
    node = _NODES.get(iri)
    if node is None:
        if len(_NODES) > 200_000:
            _NODES.clear()
        node = _NODES[iri] = ox.NamedNode(iri)
    return node


def _lit(value: str) -> ox.Literal:
    return ox.Literal(value)


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_INT)


def document_iri(doc: Document) -> str:
    return f"{DOC_BASE}{doc.id}"


def document_quads(doc: Document, extraction: Extraction, resolution: Resolution) -> list[ox.Quad]:
    """Every quad a document contributes (:func:`iter_document_quads`), as a list."""
    return list(iter_document_quads(doc, extraction, resolution))


def iter_document_quads(doc: Document, extraction: Extraction, resolution: Resolution) -> Iterator[ox.Quad]:
    """Every quad a document contributes: its evidence in its own named graph, and the
    description of the entities it names (classes, names, identifiers) in the one shared
    entity graph (:data:`~actorgraph.graph.store.ENTITY_GRAPH`), where an entity named by a
    thousand documents is described once.

    Made one at a time, the document's description and its entities first: a large document
    is written in parts, and its quads are never all in memory at once."""
    d_iri = document_iri(doc)
    g = _n(d_iri)
    d = _n(d_iri)
    entity_graph = _n(ENTITY_GRAPH)

    def quad(s, p: str, o, graph=g) -> ox.Quad:
        return ox.Quad(s, _n(p), o, graph)

    yield quad(d, RDF + "type", _n(AG.Document))
    yield quad(d, DCTERMS + "title", _lit(doc.title or Path(doc.source).stem))
    yield quad(d, AG.sha256, _lit(doc.sha256))
    yield quad(d, AG.sourcePath, _lit(doc.source))
    yield quad(d, AG.format, _lit(doc.format))
    yield quad(d, AG.encoding, _lit(doc.encoding))
    yield quad(d, AG.text, _lit(doc.text))
    if doc.date:
        yield quad(d, DCTERMS + "date", _lit(doc.date))

    for e in resolution.entities.values():
        node = _n(e.iri)

        def describe(p: str, o, node=node) -> ox.Quad:
            return quad(node, p, o, entity_graph)

        yield describe(RDF + "type", _n(AG[e.type]))
        if e.type != e.core:
            yield describe(RDF + "type", _n(AG[e.core]))
        yield describe(RDFS + "label", _lit(e.label))
        for a in sorted(e.aliases):
            # first in the document's graph, who gave the name: a document written in parts
            # and stopped half-way never leaves a name it did not record
            yield quad(node, AG.namedAs, _lit(a))
            yield describe(SKOS + "altLabel", _lit(a))
        for a in sorted(e.hidden - {e.label}):  # the vocabulary's names, whatever the documents
            yield describe(SKOS + "hiddenLabel", _lit(a))
        for key in sorted({normalise(x) for x in (e.label, *e.aliases, *e.hidden)} - {""}):
            yield describe(AG.matchKey, _lit(key))
        if e.wikidata:
            yield describe(AG.wikidata, _lit(e.wikidata))
        if e.text is not None:  # a recommendation: its full text, kind and rank
            yield describe(AG.text, _lit(e.text))
            if e.kind:
                yield describe(AG.recommendationKind, _lit(e.kind))
            if e.rank:
                yield describe(AG.rank, _int(e.rank))

    # Evidence sentences are named by their offsets, so a list line or a heading that is
    # evidence gets its node like any sentence.
    spans: dict[tuple[int, int], ox.NamedNode] = {}

    def sentence_node(start: int, end: int) -> ox.NamedNode:
        node = spans.get((start, end))
        if node is None:
            node = spans[(start, end)] = ox.NamedNode(f"{d_iri}/s/{start}-{end}")
        return node

    for i, m in enumerate(extraction.mentions):
        if i not in resolution.mention_entity:
            continue  # dropped during extraction
        node = ox.NamedNode(f"{d_iri}/m/{i}")
        yield quad(node, RDF + "type", _n(AG.Mention))
        yield quad(node, AG.mentionOf, _n(resolution.mention_entity[i]))
        yield quad(node, AG.surface, _lit(m.text))
        yield quad(node, AG.start, _int(m.start))
        yield quad(node, AG.end, _int(m.end))
        yield quad(node, AG.rule, _lit(m.rule))
        yield quad(node, AG.inDocument, d)
        if 0 <= m.sentence < len(doc.sentences):
            span = doc.sentences[m.sentence]
            yield quad(node, AG.sentence, sentence_node(span.start, span.end))

    for i, r in enumerate(resolution.relations):
        s, o, p = _n(r.subject), _n(r.object), AG[r.predicate]
        yield quad(s, p, o)
        if RELATIONS[r.predicate].get("symmetric"):
            yield quad(o, p, s)
        node = ox.NamedNode(f"{d_iri}/r/{i}")
        yield quad(node, RDF + "type", _n(AG.Statement))
        yield quad(node, RDF + "subject", s)
        yield quad(node, RDF + "predicate", _n(p))
        yield quad(node, RDF + "object", o)
        yield quad(node, AG.rule, _lit(r.rule))
        yield quad(node, AG.start, _int(r.start))
        yield quad(node, AG.end, _int(r.end))
        yield quad(node, AG.inDocument, d)
        yield quad(node, AG.sentence, sentence_node(r.start, r.end))
        if r.modality:
            yield quad(node, AG.modality, _lit(r.modality))
        if r.role:
            yield quad(node, AG.role, _lit(r.role))

    for (start, end), node in spans.items():
        yield quad(node, RDF + "type", _n(AG.Sentence))
        yield quad(node, AG.text, _lit(doc.text[start:end]))
        yield quad(node, AG.start, _int(start))
        yield quad(node, AG.end, _int(end))
        yield quad(node, AG.inDocument, d)


# -- the build --------------------------------------------------------------------------------------
#
# The pipeline: the paths are expanded (names only: the corpus is never held in memory); the
# main process hashes each file and skips one whose content is already loaded; the others are
# read and extracted, in this process or (``jobs`` > 1) in a pool of worker processes with at
# most two documents per worker in flight; the main process takes the results in input order,
# resolves the names against the store (so that a name means the same entity in every
# document) and writes each document in one transaction (one of more than CHUNK_QUADS quads in
# parts, marked incomplete until the last is in), flushing the store's write buffers every
# FLUSH_EVERY quads. A parallel build writes exactly what a serial one does.


@dataclass
class BuildReport:
    loaded: list[tuple[str, int, int]] = field(default_factory=list)  # source, entities, relations
    skipped: list[str] = field(default_factory=list)  # unchanged documents
    failed: list[tuple[str, str]] = field(default_factory=list)  # source, reason
    words: int = 0  # words of the documents loaded
    curation: object = None  # the ApplyReport of the analysts' decisions re-applied, if any

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass
class Step:
    """What happened to one document: ``status`` is loaded, skipped (unchanged) or failed."""

    source: str
    status: str
    entities: int = 0
    relations: int = 0
    reason: str = ""


_LOOKUP = """
SELECT ?e ?key ?core ?label WHERE { ?e ag:matchKey ?key ; a ?core ; rdfs:label ?label . } LIMIT 1
"""

# The same, for entities that some document other than the version being replaced mentions.
_LOOKUP_EXCEPT = """
SELECT ?e ?key ?core ?label WHERE {
  ?e ag:matchKey ?key ; a ?core ; rdfs:label ?label .
  FILTER EXISTS { GRAPH ?g { ?m ag:mentionOf ?e } FILTER(?g NOT IN (%s)) }
} LIMIT 1
"""


def _store_lookup(store, exclude: Iterable[ox.NamedNode] = ()) -> Callable[[str, list[str]], tuple[str, str] | None]:
    """Cross-document resolution: an entity already in the store with one of these names
    (outside the ``exclude`` graphs: the older version of the document being loaded), as
    ``(IRI, label)``: the new document reuses both."""
    exclude = list(exclude)
    query = _LOOKUP_EXCEPT % ", ".join(str(g) for g in exclude) if exclude else _LOOKUP

    def lookup(core: str, names: list[str]) -> tuple[str, str] | None:
        for name in names:
            rows = store.query(
                query,
                prefixes={"ag": BASE, "rdfs": RDFS},
                use_default_graph_as_union=True,
                substitutions={ox.Variable("key"): ox.Literal(name), ox.Variable("core"): ox.NamedNode(AG[core])},
            )
            for row in rows:
                return row["e"].value, row["label"].value
        return None

    return lookup


def process(doc: Document, lookup=None) -> tuple[list[ox.Quad], Extraction, Resolution]:
    """Extract and resolve one document into its quads (no store involved)."""
    extraction = extract(doc)
    resolution = Resolver(default_vocabulary(), lookup).resolve(extraction)
    return document_quads(doc, extraction, resolution), extraction, resolution


class _Writer:
    """The one writer: resolves each extracted document against the store and writes it."""

    def __init__(self, store, report: BuildReport, progress, on_step, max_bytes: int | None = None):
        self.store = store
        self.report = report
        self.progress = progress
        self.on_step = on_step
        self.max_bytes = max_bytes  # a larger file, or text, is refused (None: no limit)
        self.resolver = Resolver(default_vocabulary())
        self.unflushed = 0  # quads written since the store's buffers were last flushed
        self.written = 0  # quads written by this build
        # The entity descriptions this build has written: a later document that repeats one
        # (Europol's classes, names and keys, in every report) does not write it again. Its
        # own evidence and names (ag:namedAs) are always written. Forgotten whenever a removal
        # may have taken descriptions away.
        self.described: set[ox.Quad] = set()

    def step(self, step: Step) -> None:
        if step.status == "failed":
            self.report.failed.append((step.source, step.reason))
        elif step.status == "skipped":
            self.report.skipped.append(step.source)
        else:
            self.report.loaded.append((step.source, step.entities, step.relations))
            if self.progress:
                self.progress(f"loaded {step.source}: {step.entities} entities, {step.relations} relations")
        if self.on_step:
            self.on_step(step)

    def fail(self, source: str, error: Exception) -> None:
        reason = str(error)
        if source not in reason:  # a reader's message names no file
            reason = f"{source}: {reason}"
        self.step(Step(source, "failed", reason=reason))

    def is_loaded(self, sha256: str, source: str) -> bool:
        """Is this content already loaded? If so, older versions of the same source left by an
        interrupted replacement are removed now."""
        graph = ox.NamedNode(f"{DOC_BASE}{sha256[:16]}")
        if not self.store.contains_named_graph(graph):
            return False
        stale = [old for old in _graphs_of_source(self.store, source) if old != graph]
        self.remove(stale)
        self.step(Step(source, "skipped"))
        return True

    def write(self, doc: Document, extraction: Extraction) -> None:
        graph = ox.NamedNode(document_iri(doc))
        if self.is_loaded(doc.sha256, doc.source):
            return
        older = [g for g in _graphs_of_source(self.store, doc.source) if g != graph]
        self.resolver.lookup = _store_lookup(self.store, exclude=older)
        resolution = self.resolver.resolve(extraction)
        described: list[ox.Quad] = []
        quads = itertools.chain(self._not_yet_described(iter_document_quads(doc, extraction, resolution), described),
                                [ox.Quad(graph, _n(PROV + "generatedAtTime"), _now(), graph)])
        if digest.applies(self.store):  # each entity's statements, filed under it in the same transaction
            mentions = f"{graph.value}/m/"  # a mention is no statement: not held for the digest
            quads = digest.with_digests(quads, graph, skip=lambda q: q.subject.value.startswith(mentions))
        # The document is loaded whole or not at all: in one transaction, or (larger than
        # CHUNK_QUADS) in several, its graph marked incomplete from the first to the last, so
        # that a build stopped half-way leaves a graph the next opening removes. A changed
        # document's older version goes only once the new one is in: a crash in between
        # leaves both whole, and the next build removes the older (see is_loaded).
        self.write_quads(graph, quads)
        if len(self.described) > 1_000_000:  # about 200 MB: start again rather than grow
            self.described.clear()
        self.described.update(described)
        self.remove(older)
        self.report.words += sum(1 for _ in re.finditer(r"\S+", doc.text))
        self.step(Step(doc.source, "loaded", len(resolution.entities), len(resolution.relations)))

    def _not_yet_described(self, quads: Iterator[ox.Quad], described: list[ox.Quad]) -> Iterator[ox.Quad]:
        """The quads, without the entity descriptions this build wrote already; the new ones
        are added to ``described``."""
        entities = _n(ENTITY_GRAPH)
        for q in quads:
            if q.graph_name == entities:
                if q in self.described:
                    continue
                described.append(q)
            yield q

    def remove(self, graphs: list[ox.NamedNode]) -> None:
        """Remove document graphs and what only they gave (:func:`remove_graphs`)."""
        if graphs:
            remove_graphs(self.store, graphs)
            self.described.clear()  # descriptions of entities no longer named are gone

    def write_quads(self, graph: ox.NamedNode, quads: Iterator[ox.Quad]) -> None:
        """Write one document's quads: at most CHUNK_QUADS in memory at once."""
        first = list(itertools.islice(quads, CHUNK_QUADS + 1))
        if len(first) <= CHUNK_QUADS:  # most documents: one transaction, as ever
            self._extend(first)
            return
        marker = incomplete_marker(graph)
        quads = itertools.chain(first, quads)
        del first
        chunk = [marker, *itertools.islice(quads, CHUNK_QUADS)]
        while chunk:
            self._extend(chunk)
            chunk = list(itertools.islice(quads, CHUNK_QUADS))
        # every part is in: the document is complete once its marker goes (one small
        # transaction, the same for a SPARQL server)
        self.store.update(f"DELETE DATA {{ GRAPH {graph} {{ {marker.subject} {marker.predicate} {marker.object} }} }}")

    def _extend(self, quads: list[ox.Quad]) -> None:
        self.store.extend(quads)
        self.unflushed += len(quads)
        self.written += len(quads)
        if self.unflushed >= FLUSH_EVERY:
            self.store.flush()  # RocksDB's write buffers grow with every write until flushed
            self.unflushed = 0

    def too_large(self, source: str, size: int, what: str = "") -> DocumentError | None:
        """The refusal of a document over the size limit (``size`` in bytes, or characters of
        its text), or None."""
        if self.max_bytes is None or size <= self.max_bytes:
            return None
        return too_large(source, size, self.max_bytes, what)


def too_large(source: str, size: int, limit: int, what: str = "") -> DocumentError:
    mb, limit_mb = size / 2**20, limit / 2**20
    return DocumentError(
        f"{source}: {what}{mb:.1f} MB, over the limit of {limit_mb:g} MB per document (memory and time "
        f"grow with it); to load it, raise the limit with 'actorgraph build --max-size {math.ceil(mb)}', "
        "or split it into smaller documents")


#: Quads written between two flushes of the store's write buffers: keeps a build's memory
#: bounded (about 1 KB of buffer per quad written; measured in docs/performance.md).
FLUSH_EVERY = 150_000

#: The most quads a document writes in one transaction (a transaction holds its quads in memory
#: twice, ~2 KB each, and a Python quad ~0.5 KB): a larger document is written in parts, marked
#: incomplete until the last is in (see :func:`~actorgraph.graph.store.remove_incomplete`). A
#: report of 100 pages is about 40,000 quads; 1 MB of name-dense prose, about 150,000.
CHUNK_QUADS = 50_000

#: The default of ``build --max-size``: larger documents are refused (MB of the file, or of its
#: text once read). Memory is bounded by the chunked writes; the time is not (about 20 s per MB
#: of name-dense prose on 2 cores).
MAX_SIZE_MB = 20


#: Quads written by a build after which it compacts the store (Oxigraph's ``optimize``): a
#: corpus build, not the addition of a report or two.
OPTIMIZE_AFTER = 500_000


def _now() -> ox.Literal:
    stamp = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return ox.Literal(stamp, datatype=_n(XSD + "dateTime"))


def load_documents(store, documents: Iterable[Document | tuple[str, DocumentError]],
                   report: BuildReport, progress: Callable[[str], None] | None = None) -> None:
    """Write documents already read (no pool): each whole or not at all."""
    writer = _Writer(store, report, progress, None)
    for item in documents:
        if isinstance(item, tuple):
            writer.fail(*item)
        else:
            writer.write(item, extract(item))


def _graphs_of_source(store, source: str) -> list[ox.NamedNode]:
    quads = store.quads_for_pattern(None, ox.NamedNode(AG.sourcePath), ox.Literal(source), None)
    return [q.graph_name for q in quads if isinstance(q.graph_name, ox.NamedNode)]


def collect(paths: list[str]) -> list[Path | tuple[str, DocumentError]]:
    """The files to load, in order (names only), or why a given path yields none: one bad path
    does not stop the others."""
    found: list[Path | tuple[str, DocumentError]] = []
    for given in paths:
        try:
            files = list(iter_paths([given]))
        except DocumentError as exc:
            found.append((str(given), exc))
            continue
        if not files:
            from actorgraph.loaders import known_extensions

            found.append((str(given), DocumentError(
                f"{given}: no documents found (looked for {', '.join(sorted(known_extensions()))} files)")))
        found.extend(files)
    return found


def _documents(paths: list[str]) -> Iterable[Document | tuple[str, DocumentError]]:
    """Each document of each path, or the reason it cannot be read."""
    for item in collect(paths):
        if isinstance(item, tuple):
            yield item
            continue
        try:
            yield load_path(item)
        except DocumentError as exc:
            yield (str(item), exc)


def _read_and_extract(path: str, max_bytes: int | None = None) -> tuple[Document, Extraction] | tuple[str, DocumentError]:
    """The worker's task: read one file and extract its mentions and relations (a text of more
    than ``max_bytes`` characters is refused before extraction: a PDF's text may be larger
    than its file)."""
    try:
        doc = load_path(path)
    except DocumentError as exc:
        return (path, exc)
    if max_bytes is not None and len(doc.text) > max_bytes:
        return (path, too_large(path, len(doc.text), max_bytes, "its text is "))
    return doc, extract(doc)


def _file_size(path: Path) -> int:
    """The size of a regular file; 0 for anything else (the loader says what is wrong)."""
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _sha256_of(path: Path) -> str | None:
    """The content hash of a regular file; None for anything else (a named pipe would block
    here: the loader refuses it with its reason) or a file that cannot be read."""
    import stat

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest() if hasattr(hashlib, "file_digest") \
                else hashlib.sha256(f.read()).hexdigest()
    except OSError:
        return None  # the worker reports why


def default_jobs(documents: int = 1) -> int:
    """Extraction processes: ``$ACTORGRAPH_JOBS`` if set (0: one per core), else 1 -- extraction
    in this process, beside the writer.

    Measured on 2 cores (docs/performance.md): once the store's buffers are flushed regularly,
    writing a report costs more than extracting it, so extra processes only take the writer's
    core (100 reports: 6.4 and 11.9 s in process, 10.9 and 12.3 s with two extraction
    processes). ``--jobs`` pays where extraction is the larger part: PDFs, more cores."""
    env = os.environ.get("ACTORGRAPH_JOBS", "")
    if env.strip().isdigit():
        return int(env) or (os.cpu_count() or 1)
    return 1


def extraction_pool(jobs: int):
    """A pool of ``jobs`` extraction processes, started now: call it before the store is opened,
    so that the processes are forked from a parent that holds the vocabulary (shared with them
    copy-on-write) and no store threads. None for ``jobs`` <= 1."""
    if jobs <= 1:
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    default_vocabulary()
    methods = multiprocessing.get_all_start_methods()
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(
        "fork" if "fork" in methods else None), initializer=_worker_start, initargs=(os.getpid(),))
    pool.submit(os.getpid).result()  # with fork, every worker starts at the first task
    return pool


def _worker_start(parent: int) -> None:
    """An extraction process ends with the build that started it, even one killed with
    ``kill -9`` (whose workers would otherwise wait for ever on their task pipe)."""
    import sys
    import threading
    import time

    if sys.platform.startswith("linux"):
        try:  # PR_SET_PDEATHSIG: SIGKILL when the parent dies
            import ctypes
            import signal

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=watch, daemon=True).start()


def run_pipeline(items: Iterable[Path | Document | tuple[str, DocumentError]], writer: _Writer,
                 pool=None, in_flight: int = 4) -> None:
    """Feed the items through extraction (in ``pool`` if given, else in this process) to the
    writer, in order, with at most ``in_flight`` documents read ahead."""
    from collections import deque

    pending: deque = deque()

    def finish(result) -> None:
        if isinstance(result[0], str):
            writer.fail(*result)
        else:
            writer.write(*result)  # which skips it if the same content was loaded meanwhile

    def drain(limit: int) -> None:
        while len(pending) > limit:
            value = pending.popleft()
            if isinstance(value, Document):
                writer.write(value, extract(value))
            else:
                finish(value.result())

    try:
        for item in items:
            if isinstance(item, tuple):
                writer.fail(*item)
                continue
            if isinstance(item, Document):
                pending.append(item)
            else:
                refusal = writer.too_large(str(item), _file_size(item))
                if refusal:  # refused before it is read
                    writer.fail(str(item), refusal)
                    continue
                sha = _sha256_of(item)
                if sha and writer.is_loaded(sha, str(item)):
                    continue
                if pool is None:
                    finish(_read_and_extract(str(item), writer.max_bytes))
                    continue
                pending.append(pool.submit(_read_and_extract, str(item), writer.max_bytes))
            drain(in_flight if pool is not None else 0)
        drain(0)
    except BaseException:
        for value in pending:
            if not isinstance(value, Document):
                value.cancel()
        raise


def build(paths: list[str] | None, store_path, progress: Callable[[str], None] | None = None, *,
          jobs: int | None = None, on_start: Callable[[int], None] | None = None,
          on_step: Callable[[Step], None] | None = None, curation=None,
          max_size_mb: float | None = MAX_SIZE_MB) -> BuildReport:
    """Load documents (default: the bundled report) into the store at ``store_path`` (a
    directory or a SPARQL server URL).

    A file of more than ``max_size_mb`` MB, or whose text is larger, is refused (a failed
    document, with the reason and how to raise the limit); None or 0: no limit.

    ``progress`` gets one line per loaded document; ``on_start`` the number of documents
    found, then ``on_step`` a :class:`Step` per document. ``jobs`` worker processes extract
    (default :func:`default_jobs`); the store is written by this process alone. The analysts'
    decisions in the curation file (``curation``, default: the one beside the store) are then
    re-applied, so that every correction survives every rebuild.
    """
    report = BuildReport()
    items: list = [bundled_document()] if not paths else collect(paths)
    if on_start:
        on_start(len(items))
    jobs = default_jobs(len(items)) if jobs is None else jobs
    pool = extraction_pool(jobs)
    try:
        store = open_store(store_path)  # (a directory: half-written documents removed)
        try:
            if is_url(store_path):
                remove_incomplete(store)
            max_bytes = int(max_size_mb * 2**20) if max_size_mb else None
            writer = _Writer(store, report, progress, on_step, max_bytes)
            run_pipeline(items, writer, pool, in_flight=2 * jobs)
            from actorgraph.curation import apply_curation

            report.curation = apply_curation(store, curation, store_location=store_path)
            store.flush()
            if writer.written >= OPTIMIZE_AFTER and not is_url(store_path):
                # compact what a corpus build wrote: queries then read far fewer files (2 to 3.5
                # times faster at 1,000 reports, for 3 s of compaction; docs/performance.md)
                store.optimize()
        finally:
            # pyoxigraph closes the database with its last reference: drop them now, so that a
            # reader opened next in this process sees the finished files
            writer = store = None
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return report

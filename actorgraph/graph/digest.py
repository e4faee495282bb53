"""The relation digest: each graph's statements with their evidence, filed under every entity they
name, so that an entity's relations are read in one look-up.

A statement is reified (``rdf:subject``, ``rdf:predicate``, ``rdf:object``, its sentence, offsets,
document and modality): reading one row of "who cooperates with X, with the sentence" takes a
dozen index look-ups, about 0.1 ms on disk, and a SPARQL query adds 0.4 ms of parsing and
planning before it reads anything (docs/performance.md). The digest keeps, in each graph, one
literal per entity the graph's statements name::

    <entity> ag:relationDigest "[[0, relation, partner, statement, ...], ...]" <graph>

with one record per statement (:class:`Record`). It is derived data, like ``ag:matchKey``: a
function of the graph's own statement quads and nothing else (not the entities' labels or
classes, which are read when a digest is), so it is exact whenever it is written in the same
transaction as the statements it sums up. Every writer of actorgraph does that:

* a build computes each document's digests from the quads it writes, in the same transaction
  (:func:`with_digests`);
* a curation edit adds the digest changes of the graphs it touches to its own update
  (:func:`changes`);
* an import computes its graphs' digests from the file's quads (:func:`digest_quads`);
* removing a document removes its graph, digests included.

A write actorgraph cannot follow (``actorgraph sparql --update``), or a store written before
digests existed, has no *current* mark (:func:`is_current`): queries then read the statements
themselves, by SPARQL, and the next writer re-derives every digest before it writes
(:func:`ensure_current`). Only a local Oxigraph store keeps digests: a SPARQL server is asked
by SPARQL, and ``push`` and ``export`` leave the digests out (:func:`visible`).
"""

from __future__ import annotations

__all__ = ["DIGEST", "MARK", "Record", "Collector", "applies", "is_current", "records", "all_records",
           "Names", "with_digests", "digest_quads", "derive", "changes", "refresh", "ensure_current",
           "invalidate", "mark_current", "stale_graphs", "visible", "term", "key"]

import itertools
import json
from collections import defaultdict
from typing import Callable, Iterable, Iterator, NamedTuple

import pyoxigraph as ox

from actorgraph.ontology.namespace import AG, CORE_CLASSES, DCTERMS, RDF, RDFS

#: ``<entity> ag:relationDigest "JSON" <graph>``
DIGEST = ox.NamedNode(AG.relationDigest)

#: The mark that every graph's digests are current: one quad in the default graph, which no
#: document graph, export or push carries. Its object names the digest format: a change of
#: :class:`Record` changes it, and stores written before re-derive their digests.
MARK = ox.Quad(ox.NamedNode("https://w3id.org/actorgraph/digests"), ox.NamedNode(DCTERMS + "conformsTo"),
               ox.NamedNode("https://w3id.org/actorgraph/digests/format/1"), ox.DefaultGraph())

_SUBJECT, _PREDICATE, _OBJECT = (ox.NamedNode(RDF + p) for p in ("subject", "predicate", "object"))
_TYPE, _STATEMENT = ox.NamedNode(RDF + "type"), ox.NamedNode(AG.Statement)
_RULE, _START, _END = ox.NamedNode(AG.rule), ox.NamedNode(AG.start), ox.NamedNode(AG.end)
_IN_DOCUMENT, _SENTENCE, _TEXT = ox.NamedNode(AG.inDocument), ox.NamedNode(AG.sentence), ox.NamedNode(AG.text)
_MODALITY, _ROLE = ox.NamedNode(AG.modality), ox.NamedNode(AG.role)
_SOURCE_PATH, _TITLE = ox.NamedNode(AG.sourcePath), ox.NamedNode(DCTERMS + "title")
_LABEL = ox.NamedNode(RDFS + "label")
_CORES = frozenset(ox.NamedNode(AG[c]) for c in CORE_CLASSES)

# what a statement node says that a record keeps
_OF_STATEMENT = frozenset({_SUBJECT, _PREDICATE, _OBJECT, _TYPE, _RULE, _START, _END, _IN_DOCUMENT,
                           _SENTENCE, _MODALITY, _ROLE})
# what a record reads of the sentence and the document a statement points to
_OF_SENTENCE = (_TEXT,)
_OF_DOCUMENT = (_SOURCE_PATH, _TITLE)


class Record(NamedTuple):
    """One statement as filed under one of the entities it names.

    ``as_object`` says whether the entity is the statement's object (else its subject);
    ``partner`` is the other end. Nodes are given by :func:`key`. A field the statement does not
    state is ``None`` (the SPARQL queries require most of them: :mod:`actorgraph.graph.queries`
    skips such records as they skip such statements)."""

    as_object: int
    predicate: str  # IRI
    partner: str
    statement: str
    typed: int  # the node is an ag:Statement
    rule: str | None
    start: int | str | None
    end: int | str | None
    document: str | None  # IRI of the ag:inDocument node
    source: str | None  # that document's ag:sourcePath
    title: str | None
    sentence: str | None  # the text of the ag:sentence node
    modality: str | None
    role: str | None


def key(node) -> str | None:
    """The digest's name of a node: an IRI as itself, a blank node as ``_:id`` (no IRI starts
    so); None for a literal, which no relation of actorgraph's can name."""
    if isinstance(node, ox.NamedNode):
        return node.value
    if isinstance(node, ox.BlankNode):
        return "_:" + node.value
    return None


def term(name: str):
    """The node :func:`key` named."""
    return ox.BlankNode(name[2:]) if name.startswith("_:") else ox.NamedNode(name)


def _value(node):
    return None if node is None else node.value


def _values(props: dict, p) -> list:
    return props.get(p) or [None]


def _number(node):
    if node is None:
        return None
    try:
        return int(node.value)
    except ValueError:  # not an integer: kept as written (the SPARQL path would fail on it too)
        return node.value


def applies(store) -> bool:
    """Does this store keep digests? A local Oxigraph store does (or anything used like one);
    a SPARQL server (``keeps_digests = False``) does not."""
    return getattr(store, "keeps_digests", True)


def is_current(store) -> bool:
    """Are the store's digests current (every graph's written with its statements)?"""
    return applies(store) and _marked(store)


def _marked(store) -> bool:
    found = store.quads_for_pattern(MARK.subject, MARK.predicate, MARK.object, MARK.graph_name)
    return next(iter(found), None) is not None


# -- deriving -------------------------------------------------------------------------------------


class Collector:
    """The quads of one graph a digest reads, given in any order: :meth:`add` them, then
    :meth:`quads` makes the digest quads."""

    def __init__(self):
        self._of: dict = defaultdict(lambda: defaultdict(list))  # node -> predicate -> objects

    def add(self, q: ox.Quad) -> None:
        p = q.predicate
        if p in _OF_STATEMENT or p in _OF_SENTENCE or p in _OF_DOCUMENT:
            self._of[q.subject][p].append(q.object)

    def records(self) -> dict[str, list[Record]]:
        """Entity (by :func:`key`) -> its records, sorted."""
        filed: dict[str, set] = defaultdict(set)
        for node, props in list(self._of.items()):
            if _SUBJECT not in props:
                continue
            st, typed = key(node), int(_STATEMENT in props.get(_TYPE, ()))
            # every combination of the values, as a SPARQL join gives them (one of each, in practice)
            details = list(itertools.product(
                _values(props, _RULE), _values(props, _START), _values(props, _END),
                [(key(d), s, t) for d in props.get(_IN_DOCUMENT, ())
                 for s in self._of_node(d, _SOURCE_PATH) for t in self._of_node(d, _TITLE)] or [(None, None, None)],
                [t for n in props.get(_SENTENCE, ()) for t in self._of_node(n, _TEXT)] or [None],
                _values(props, _MODALITY), _values(props, _ROLE)))
            for s, p, o in itertools.product(props[_SUBJECT], props.get(_PREDICATE, ()), props.get(_OBJECT, ())):
                s_key, o_key = key(s), key(o)
                if s_key is None or o_key is None or not isinstance(p, ox.NamedNode):
                    continue  # a literal end: no label, no row of any query
                for rule, start, end, (doc, source, title), text, modality, role in details:
                    rest = (st, typed, _value(rule), _number(start), _number(end), doc, _value(source),
                            _value(title), _value(text), _value(modality), _value(role))
                    filed[s_key].add(Record(0, p.value, o_key, *rest))
                    filed[o_key].add(Record(1, p.value, s_key, *rest))
        return {e: sorted(rs, key=_order) for e, rs in filed.items()}

    def _of_node(self, node, p) -> list:
        props = self._of.get(node)
        return (props.get(p) if props else None) or [None]

    def quads(self, graph) -> list[ox.Quad]:
        """The digest quads of ``graph``."""
        return [ox.Quad(term(e), DIGEST, ox.Literal(json.dumps(rs, ensure_ascii=False, separators=(",", ":"))), graph)
                for e, rs in sorted(self.records().items())]


def _order(r: Record) -> tuple:
    return tuple("" if v is None else str(v) for v in r)


def with_digests(quads: Iterable[ox.Quad], graph: ox.NamedNode, skip: Callable[[ox.Quad], bool] | None = None
                 ) -> Iterator[ox.Quad]:
    """The quads, then the digest quads of ``graph`` made from them (a build writes both in
    one transaction, or the digests in a document's last part). ``skip`` leaves quads the
    digest need not read out of memory (a document's mentions)."""
    collector = Collector()
    for q in quads:
        if q.graph_name == graph and not (skip and skip(q)):
            collector.add(q)
        yield q
    yield from collector.quads(graph)


def digest_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """The digest quads of every named graph of ``quads`` (an import, say)."""
    by_graph: dict = defaultdict(Collector)
    for q in quads:
        if isinstance(q.graph_name, ox.NamedNode) and q.predicate != DIGEST:
            by_graph[q.graph_name].add(q)
    return [d for g, c in by_graph.items() for d in c.quads(g)]


def derive(store, graph, removed: Iterable[ox.Quad] = (), added: Iterable[ox.Quad] = ()) -> set[ox.Quad]:
    """The digest quads ``graph`` should have, read from the store as it will be once the
    ``removed`` quads are removed and the ``added`` added (the graph's own quads only)."""
    removed = {q for q in removed if q.graph_name == graph}
    by_subject: dict = defaultdict(list)
    for q in added:
        if q.graph_name == graph:
            by_subject[q.subject].append(q)

    def state(node, p=None):
        found = [q for q in store.quads_for_pattern(node, p, None, graph) if q not in removed]
        return found + [q for q in by_subject.get(node, ()) if p is None or q.predicate == p]

    nodes = {q.subject for q in store.quads_for_pattern(None, _SUBJECT, None, graph)}
    nodes |= {s for s, qs in by_subject.items() if any(q.predicate == _SUBJECT for q in qs)}
    collector = Collector()
    pointed = set()
    for node in nodes:
        for q in state(node):
            collector.add(q)
            if q.predicate in (_SENTENCE, _IN_DOCUMENT):
                pointed.add((q.predicate, q.object))
    for p, node in pointed:
        if isinstance(node, ox.Literal):
            continue
        for prop in (_OF_SENTENCE if p == _SENTENCE else _OF_DOCUMENT):
            for q in state(node, prop):
                collector.add(q)
    return set(collector.quads(graph))


def _stored(store, graph) -> set[ox.Quad]:
    return set(store.quads_for_pattern(None, DIGEST, None, graph))


def changes(store, removed: set[ox.Quad], added: set[ox.Quad]) -> tuple[set[ox.Quad], set[ox.Quad]]:
    """An edit's quads with its digest changes: the digests of every graph it touches, as they
    must be after it (digest quads the edit itself moves, as a merge that rewrites every quad of
    an entity does, are replaced by the derived ones)."""
    removed = {q for q in removed if q.predicate != DIGEST}
    added = {q for q in added if q.predicate != DIGEST}
    graphs = {q.graph_name for q in removed | added if isinstance(q.graph_name, ox.NamedNode)}
    for graph in graphs:
        old, new = _stored(store, graph), derive(store, graph, removed, added)
        removed |= old - new
        added |= new - old
    return removed, added


def stale_graphs(store) -> list[str]:
    """The named graphs whose stored digests are not those their statements give (none, when
    every writer kept them: the tests' check)."""
    return sorted(g.value for g in store.named_graphs()
                  if isinstance(g, ox.NamedNode) and _stored(store, g) != derive(store, g))


def invalidate(store) -> None:
    """The digests may no longer be current: queries read the statements until :func:`refresh`."""
    if applies(store):
        store.remove(MARK)


def mark_current(store) -> None:
    """Say that every graph's digests are current (what :func:`refresh` of every graph ends with)."""
    store.add(MARK)


def refresh(store, graphs: Iterable | None = None, progress: Callable[[int, int], None] | None = None) -> int:
    """Re-derive the digests of ``graphs`` (every named graph when None), write what changed
    and mark the digests current; return the number of graphs whose digests changed."""
    every = graphs is None
    graphs = [g for g in (store.named_graphs() if every else graphs) if isinstance(g, ox.NamedNode)]
    changed = 0
    batch: list[ox.Quad] = []
    for i, graph in enumerate(graphs, 1):
        old, new = _stored(store, graph), derive(store, graph)
        if old != new:
            changed += 1
            for q in old - new:
                store.remove(q)
            batch.extend(new - old)
            if len(batch) > 50_000:
                store.extend(batch)
                batch = []
        if progress:
            progress(i, len(graphs))
    if batch:
        store.extend(batch)
    if every:
        mark_current(store)
    return changed


def ensure_current(store, say: Callable[[str], None] | None = None) -> None:
    """Before a write: if the digests are not current (a store written before them, or changed
    by ``sparql --update``), re-derive them all, so that the writes that follow keep them."""
    if not applies(store) or _marked(store):
        return
    if next(iter(store.named_graphs()), None) is not None:
        if say:
            say("actorgraph: deriving the relation digests of every graph (once)")
        refresh(store)
    else:
        mark_current(store)


def visible(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """The quads without the digests and their mark: what exports and pushes carry."""
    for q in quads:
        if q.predicate != DIGEST and q != MARK:
            yield q


# -- reading --------------------------------------------------------------------------------------


def records(store, entity: str) -> Iterator[Record]:
    """Every record filed under the entity (an IRI), in every graph."""
    for q in store.quads_for_pattern(ox.NamedNode(entity), DIGEST, None):
        for r in json.loads(q.object.value):
            yield Record._make(r)


def all_records(store) -> Iterator[tuple[str, Record]]:
    """Every record of the store with the entity it is filed under (each statement twice: under
    its subject, ``as_object`` 0, and under its object)."""
    for q in store.quads_for_pattern(None, DIGEST, None):
        entity = key(q.subject)
        for r in json.loads(q.object.value):
            yield entity, Record._make(r)


class Names:
    """The labels and core classes of nodes, read from the store once each (in every graph, as
    the SPARQL queries read them): what a digest does not hold, so that a rename or a change of
    class never leaves one out of date."""

    def __init__(self, store):
        self.store = store
        self._labels: dict[str, list[str]] = {}
        self._cores: dict[str, list[str]] = {}

    def labels(self, name: str) -> list[str]:
        found = self._labels.get(name)
        if found is None:
            found = sorted({q.object.value for q in self.store.quads_for_pattern(term(name), _LABEL, None)})
            self._labels[name] = found
        return found

    def cores(self, name: str) -> list[str]:
        """IRIs of its core classes."""
        found = self._cores.get(name)
        if found is None:
            found = sorted({q.object.value for q in self.store.quads_for_pattern(term(name), _TYPE, None)
                            if q.object in _CORES})
            self._cores[name] = found
        return found

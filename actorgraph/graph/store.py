"""The persistent store: an Oxigraph (RocksDB) database, one named graph per document -- or a
team's SPARQL server given by its URL (:mod:`actorgraph.graph.remote`).

Writers take RocksDB's own lock (a second writer is refused with a clear message); readers open
the store read-only and may run while a build is writing. Only pyoxigraph is imported here, so
that query commands start fast.

The documents in a store are listed by :func:`documents` and removed by
:func:`select_documents` and :func:`remove_documents` (a document is its named graph: removing it removes its facts and
evidence, and the entities no other document names)."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox

from actorgraph.errors import StoreError

ENV_VAR = "ACTORGRAPH_STORE"


def default_store_path() -> Path | str:
    """Where the store lives unless ``--store`` or ``$ACTORGRAPH_STORE`` says otherwise:
    the per-user data directory (``~/.local/share/actorgraph/store`` on Linux)."""
    env = os.environ.get(ENV_VAR)
    if env:
        return env if is_url(env) else Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("actorgraph", appauthor=False)) / "store"


def store_exists(path: Path) -> bool:
    """True when ``path`` holds an Oxigraph store (it may still hold no document)."""
    return (path / "CURRENT").is_file()


def _check_usable(path: Path) -> None:
    if path.exists() and not path.is_dir():
        raise StoreError(f"store path {path} is a file, not a directory; give --store a directory")
    if path.is_dir() and any(path.iterdir()) and not store_exists(path):
        raise StoreError(
            f"{path} is not empty and is not an actorgraph store; give --store an empty or new directory"
        )


def is_url(location) -> bool:
    """Is this ``--store`` value a SPARQL server URL rather than a directory?"""
    return isinstance(location, str) and location.lower().startswith(("http://", "https://"))


def open_store(path: Path | str, *, read_only: bool = False):
    """Open (or, for writing, create) the store at ``path``; an ``http(s)://`` URL opens a
    SPARQL server as a :class:`~actorgraph.graph.remote.RemoteStore`.

    Raises
    ------
    StoreError
        When the path is not a store, or another process holds the write lock.
    """
    if is_url(path):
        from actorgraph.graph.remote import RemoteStore

        return RemoteStore(path, read_only=read_only)
    path = Path(path)
    _check_usable(path)
    try:
        if read_only:
            return _open_read_only(path)
        path.mkdir(parents=True, exist_ok=True)
        store = ox.Store(str(path))
        remove_incomplete(store)
        from actorgraph.graph import digest

        digest.ensure_current(store)  # the writes that follow keep the digests: they must be current
        return store
    except (OSError, RuntimeError) as exc:
        text = str(exc)
        if "lock" in text.lower():
            raise StoreError(
                f"the store {path} is being written by another actorgraph process; "
                "wait for it to finish and try again"
            ) from None
        raise StoreError(f"cannot open the store {path}: {text.splitlines()[0]}") from None


def _open_read_only(path: Path) -> ox.Store:
    """Open read-only. A build writing at the same moment may delete a file the reader was
    about to open (RocksDB compaction): that is not damage, and a second try succeeds."""
    import time

    for attempt in range(10):
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as exc:
            if "No such file" not in str(exc) or attempt == 9:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def document_graphs(store: ox.Store) -> list[str]:
    """IRIs of the named graphs of the loaded documents (one each; the entity graph and the
    curation graph are not documents)."""
    from actorgraph.ontology.namespace import DOC_BASE

    return sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode) and g.value.startswith(DOC_BASE))


def is_empty(store: ox.Store) -> bool:
    return next(iter(store.named_graphs()), None) is None


def open_for_reading(path: Path | str):
    """Open the store read-only, after removing what a build killed half-way left (a document
    written in parts whose last part never came), unless a build holds the store now: the
    document it is writing is then not done yet, and a reader sees what is in so far."""
    store = open_store(path, read_only=True)
    if is_url(path) or not incomplete_graphs(store):
        return store
    del store
    try:
        writer = open_store(path)  # removes them
        del writer
    except StoreError:
        pass
    return open_store(path, read_only=True)


def ensure_loaded(path: Path | str, say=lambda message: None) -> None:
    """Query commands on an empty store load the bundled report first (and say so).

    A SPARQL server is never written to by a query command: it is left as it is. The build
    modules are imported only when there is something to build."""
    if not is_url(path):
        open_loaded(path, say)  # and closed again at once


def open_loaded(path: Path | str, say=lambda message: None):
    """The store opened read-only for a query command, after loading the bundled report into
    it when it is empty (:func:`ensure_loaded`): opened once, not once to look and once to ask."""
    if is_url(path):
        return open_store(path, read_only=True)
    path = Path(path)
    _check_usable(path)  # a file, or a folder of something else: refused now, not after a build
    if store_exists(path):
        store = open_for_reading(path)
        if not is_empty(store):
            return store
        del store
    say(f"actorgraph: the store {path} is empty; loading the bundled EMN 2016 report first")
    from actorgraph.graph.build import build

    build(None, path)
    return open_store(path, read_only=True)


# -- the documents in a store ---------------------------------------------------------------------

_DOCUMENTS = """
SELECT ?doc ?title ?source ?date ?loaded ?sha WHERE {
  GRAPH ?doc { ?doc a ag:Document ; ag:sourcePath ?source ; ag:sha256 ?sha .
    OPTIONAL { ?doc dcterms:title ?title }
    OPTIONAL { ?doc dcterms:date ?date }
    OPTIONAL { ?doc prov:generatedAtTime ?loaded } }
}"""

_ENTITY_COUNTS = """
SELECT ?doc (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?doc { ?m ag:mentionOf ?e } } GROUP BY ?doc"""

_RELATION_COUNTS = """
SELECT ?doc (COUNT(?st) AS ?n) WHERE { GRAPH ?doc { ?st a ag:Statement } } GROUP BY ?doc"""


def _prefixes() -> dict[str, str]:
    from actorgraph.ontology.namespace import BASE, DCTERMS, PROV

    return {"ag": BASE, "dcterms": DCTERMS, "prov": PROV}


def documents(store, *, counts: bool = True) -> list[dict]:
    """The loaded documents, in source order: ``id`` (16 hex digits of the content hash),
    ``title``, ``source``, ``date`` (as the document states it), ``entities`` and
    ``relations`` (how many it names and states), ``loaded`` (when it was loaded, UTC) and
    ``graph`` (its named graph)."""
    from actorgraph.ontology.namespace import DOC_BASE

    rows: dict[str, dict] = {}
    for r in store.query(_DOCUMENTS, prefixes=_prefixes()):
        graph = r["doc"].value
        rows.setdefault(graph, {
            "id": graph[len(DOC_BASE):] if graph.startswith(DOC_BASE) else graph,
            "title": r["title"].value if r["title"] is not None else "",
            "source": r["source"].value,
            "date": r["date"].value if r["date"] is not None else "",
            "entities": 0,
            "relations": 0,
            "loaded": r["loaded"].value[:19].replace("T", " ") if r["loaded"] is not None else "",
            "sha256": r["sha"].value,
            "graph": graph,
        })
    if counts:
        for query, column in ((_ENTITY_COUNTS, "entities"), (_RELATION_COUNTS, "relations")):
            for r in store.query(query, prefixes=_prefixes()):
                row = rows.get(r["doc"].value)
                if row is not None:
                    row[column] = int(r["n"].value)
    return sorted(rows.values(), key=lambda d: (d["source"], d["loaded"]))


def find_documents(store, reference: str) -> list[dict]:
    """The documents a reference names: a source path (as given to ``build``, or the same file
    by another path), an id (or the start of one, 4 digits at least), or a title (any case), or a file name. An empty list when none matches."""
    docs = documents(store, counts=False)
    ref = reference.strip()
    resolved = str(Path(ref).resolve()) if ref and not is_url(ref) else None
    by_source = [d for d in docs if d["source"] == ref or (
        resolved and not d["source"].startswith("bundled:") and str(Path(d["source"]).resolve()) == resolved)]
    if by_source:
        return by_source
    low = ref.lower()
    if len(low) >= 4 and all(c in "0123456789abcdef" for c in low):
        by_id = [d for d in docs if d["id"].startswith(low) or d["sha256"].startswith(low)]
        if by_id:
            return by_id
    by_title = [d for d in docs if d["title"].lower() == low]
    if by_title:
        return by_title
    return [d for d in docs if Path(d["source"].split(":", 1)[-1]).name == ref]




def select_documents(store, reference: str, *, every: bool = False) -> list[dict]:
    """The document(s) a reference names (see :func:`find_documents`), to remove them.

    Raises
    ------
    UnknownEntity
        When no document, or (without ``every``) more than one, matches.
    """
    from actorgraph.errors import UnknownEntity

    found = find_documents(store, reference)
    if not found:
        known = documents(store, counts=False)
        hint = "; list them with 'actorgraph documents'" if known else "; the store holds no document"
        raise UnknownEntity(f"no document matches '{reference}' (a path, an id or a title){hint}")
    if len(found) > 1 and not every:
        names = "; ".join(f"{d['id']} {d['source']}" for d in found[:5])
        raise UnknownEntity(f"'{reference}' matches {len(found)} documents ({names}); give an id, "
                            "or --all to remove every one")
    return found


def remove_documents(store, selected: list[dict]) -> None:
    """Remove documents (rows of :func:`documents`), each its named graph in one step, then
    what only they gave the shared entity graph (:func:`remove_graphs`)."""
    remove_graphs(store, [ox.NamedNode(d["graph"]) for d in selected])
    store.flush()


def remove_graphs(store, graphs: list[ox.NamedNode]) -> None:
    """Remove document graphs, then what only they gave the shared entity graph: the
    entities no remaining document mentions (:func:`prune_entities`), and the names
    (``skos:altLabel`` and its ``ag:matchKey``) that no remaining document gives an entity
    others still mention (each document states its names in its own graph, ``ag:namedAs``)."""
    from actorgraph.ontology.namespace import AG

    if not graphs:
        return
    named_as = ox.NamedNode(AG.namedAs)
    given = {(q.subject, q.object) for g in graphs for q in store.quads_for_pattern(None, named_as, None, g)}
    for graph in graphs:
        store.remove_graph(graph)
    prune_entities(store)
    _forget_names(store, given)


def _forget_names(store, given: set) -> None:
    """Drop each ``(entity, name)`` of ``given`` that no document gives any more from the entity
    graph, with its match key unless another of the entity's names has the same key. Names
    from the vocabulary (hidden labels), the label and the curation graph's aliases stay."""
    from actorgraph.names import normalise
    from actorgraph.ontology.namespace import AG, RDFS, SKOS

    entities = ox.NamedNode(ENTITY_GRAPH)
    label, alt = ox.NamedNode(RDFS + "label"), ox.NamedNode(SKOS + "altLabel")
    hidden = ox.NamedNode(SKOS + "hiddenLabel")
    named_as, match_key = ox.NamedNode(AG.namedAs), ox.NamedNode(AG.matchKey)
    by_entity: dict = {}
    for entity, name in given:
        if next(iter(store.quads_for_pattern(entity, named_as, name, None)), None) is not None:
            continue  # another document gives it too
        if next(iter(store.quads_for_pattern(entity, None, None, entities)), None) is None:
            continue  # the entity itself went
        by_entity.setdefault(entity, set()).add(name)
    drop: list[ox.Quad] = []
    for entity, names in by_entity.items():
        shown = {q.object.value for q in store.quads_for_pattern(entity, label, None, None)}
        names = {n for n in names if n.value not in shown}
        keep = shown | {q.object.value for q in store.quads_for_pattern(entity, hidden, None, None)}
        keep |= {q.object.value for q in store.quads_for_pattern(entity, alt, None, None)
                 if q.graph_name != entities or q.object not in names}
        kept_keys = {normalise(n) for n in keep}
        for name in names:
            drop.append(ox.Quad(entity, alt, name, entities))
            key = normalise(name.value)
            if key and key not in kept_keys:
                drop.append(ox.Quad(entity, match_key, ox.Literal(key), entities))
    if drop:
        store.update("DELETE DATA { GRAPH %s { %s } }" % (
            entities, " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in drop)))


# -- documents written in parts -------------------------------------------------------------------
#
# A large document is written in several transactions (one would hold all its quads in memory,
# ~1.6 KB each): its graph gets this marker in the first and loses it in the last, after every
# part is in. A graph that still has it was left by a build that stopped half-way, and it is
# removed whenever the store is next opened for writing (and by a query command that finds it,
# when no build holds the store): the store is then as it was before that document.

#: The predicate of the marker: ``<doc/ID> INCOMPLETE "..." <doc/ID>`` while a document is
#: written in parts. Outside the ontology on purpose: no finished store holds it.
INCOMPLETE = "https://w3id.org/actorgraph/build#incomplete"


def incomplete_marker(graph: ox.NamedNode) -> ox.Quad:
    return ox.Quad(graph, ox.NamedNode(INCOMPLETE), ox.Literal("being written"), graph)


def incomplete_graphs(store) -> list[ox.NamedNode]:
    """The graphs of documents whose writing began and did not end."""
    found = store.quads_for_pattern(None, ox.NamedNode(INCOMPLETE), None, None)
    return sorted({q.graph_name for q in found if isinstance(q.graph_name, ox.NamedNode)}, key=str)


def remove_incomplete(store) -> list[ox.NamedNode]:
    """Remove the graphs of documents left half-written (and the entities only they named);
    return them."""
    graphs = incomplete_graphs(store)
    if graphs:
        remove_graphs(store, graphs)
        store.flush()
    return graphs


#: The graph that describes every entity once (classes, names, identifiers); each document's
#: own graph holds its evidence (mentions, sentences, statements).
ENTITY_GRAPH = "https://w3id.org/actorgraph/entities"

_PRUNE = """
DELETE { GRAPH <%s> { ?e ?p ?o } }
WHERE {
  GRAPH <%s> { ?e ?p ?o }
  FILTER NOT EXISTS { GRAPH ?g { ?m <https://w3id.org/actorgraph/ontology#mentionOf> ?e } }
}""" % (ENTITY_GRAPH, ENTITY_GRAPH)


def prune_entities(store) -> None:
    """Forget the entities that no loaded document mentions any more."""
    store.update(_PRUNE)

"""What changed between two documents (two years of a report, two versions of a plan): the
actors and initiatives that appear or disappear, and the cooperation that appears, disappears
or changes modality (proposed in one, actual in the other).

An entity is *in* a document when the document names it (a mention); a pair cooperates *in*
a document when the document states it (a ``cooperatesWith`` statement, actual or proposed).
Since names are resolved across documents, the same actor is the same entity in both.

Each change comes with a sentence: from the second document for what appears or changes, from
the first for what disappears.
"""

from __future__ import annotations

__all__ = ["KINDS", "CHANGES", "DocumentFacts", "DocumentDiff", "document_facts", "compare", "diff_documents"]

from dataclasses import dataclass, field

from actorgraph.analysis.network import find_document
from actorgraph.errors import ActorGraphError

#: What is compared, and the core classes of each kind of entity.
KINDS = {"actor": ("Person", "Organisation"), "initiative": ("Initiative", "Route")}
#: The kinds of change, in the order they are listed.
CHANGES = ("appears", "disappears", "modality")

_PREFIXES = {
    "ag": "https://w3id.org/actorgraph/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}

_MENTIONS = """
SELECT ?doc ?e ?label ?core ?start ?text WHERE {
  GRAPH ?doc {
    ?m ag:mentionOf ?e ; ag:start ?start .
    OPTIONAL { ?m ag:sentence/ag:text ?text }
  }
  ?e rdfs:label ?label ; a ?core .
  FILTER(?core IN (ag:Person, ag:Organisation, ag:Initiative, ag:Route))
}"""

_COOPERATION = """
SELECT ?doc ?st ?s ?sl ?o ?ol ?modality ?start ?text WHERE {
  GRAPH ?doc {
    ?st rdf:predicate ag:cooperatesWith ; rdf:subject ?s ; rdf:object ?o ; ag:start ?start .
    ?st ag:sentence ?sentence . ?sentence ag:text ?text .
    OPTIONAL { ?st ag:modality ?modality }
  }
  ?s rdfs:label ?sl . ?o rdfs:label ?ol .
}"""


@dataclass
class DocumentFacts:
    """What one document says: ``entities`` id -> ``{label, type, mentions, start, sentence}``
    (the first mention's sentence), ``cooperation`` (pair of ids, sorted) -> modality ->
    ``(start, sentence)`` of its first statement, ``labels`` of the cooperating entities."""

    entities: dict[str, dict] = field(default_factory=dict)
    cooperation: dict[tuple[str, str], dict[str, tuple[int, str]]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)


@dataclass
class DocumentDiff:
    """The two documents (as :func:`actorgraph.graph.store.documents` lists them), the changes
    (rows) and how many of each kind are the same in both."""

    a: dict
    b: dict
    changes: list[dict]
    same: dict[str, int]


def document_facts(store, graph: str) -> DocumentFacts:
    """The actors, initiatives and cooperation one document (its graph IRI) states."""
    import pyoxigraph as ox

    doc = {ox.Variable("doc"): ox.NamedNode(graph)}
    facts = DocumentFacts()
    for r in store.query(_MENTIONS, prefixes=_PREFIXES, substitutions=doc, use_default_graph_as_union=True):
        e, start = r["e"].value, int(r["start"].value)
        sentence = r["text"].value if r["text"] is not None else ""
        info = facts.entities.get(e)
        if info is None:
            core = r["core"].value.rsplit("#", 1)[-1]
            info = facts.entities[e] = {"label": r["label"].value, "type": core, "mentions": set(),
                                        "start": start, "sentence": sentence}
        info["mentions"].add(start)
        if start < info["start"]:
            info.update(start=start, sentence=sentence)
    for info in facts.entities.values():
        info["mentions"] = len(info["mentions"])
    for r in store.query(_COOPERATION, prefixes=_PREFIXES, substitutions=doc, use_default_graph_as_union=True):
        s, o = r["s"].value, r["o"].value
        if s == o:
            continue
        facts.labels.update({s: r["sl"].value, o: r["ol"].value})
        pair = (s, o) if s < o else (o, s)
        modality = r["modality"].value if r["modality"] is not None else "actual"
        start = int(r["start"].value)
        seen = facts.cooperation.setdefault(pair, {})
        if modality not in seen or start < seen[modality][0]:
            seen[modality] = (start, r["text"].value if r["text"] is not None else "")
    return facts


def _modalities(found: dict | None) -> str:
    return ", ".join(sorted(found)) if found else ""


def _first(found: dict) -> str:
    return min(found.values())[1]


def compare(a: DocumentFacts, b: DocumentFacts, labels: dict[str, str] | None = None) -> tuple[list[dict], dict[str, int]]:
    """The changes from ``a`` to ``b``, and how many of each kind are the same in both.

    Rows: ``change`` (appears, disappears, modality), ``kind`` (actor, initiative,
    cooperation), ``name``, ``type``, ``id``, ``a`` and ``b`` (mentions, or the modalities of
    the cooperation, in each document), ``evidence``.

    Examples
    --------
    >>> a = DocumentFacts({"e": {"label": "Europol", "type": "Organisation", "mentions": 2, "sentence": "..."}},
    ...                   {("e", "f"): {"proposed": (0, "Europol should work with Frontex.")}})
    >>> b = DocumentFacts({"e": {"label": "Europol", "type": "Organisation", "mentions": 1, "sentence": "..."}},
    ...                   {("e", "f"): {"actual": (0, "Europol worked with Frontex.")}})
    >>> changes, same = compare(a, b, {"e": "Europol", "f": "Frontex"})
    >>> [(c["change"], c["name"], c["a"], c["b"]) for c in changes], same
    ([('modality', 'Europol — Frontex', 'proposed', 'actual')], {'cooperation': 0, 'actor': 1, 'initiative': 0})
    """
    names = dict(labels or {})
    for facts in (a, b):
        names.update(facts.labels)
        names.update({k: v["label"] for k, v in facts.entities.items()})
    changes: list[dict] = []
    same = {"cooperation": 0, "actor": 0, "initiative": 0}
    for pair in sorted(set(a.cooperation) | set(b.cooperation)):
        in_a, in_b = a.cooperation.get(pair), b.cooperation.get(pair)
        ma, mb = _modalities(in_a), _modalities(in_b)
        if ma == mb:
            same["cooperation"] += 1
            continue
        change = "appears" if not in_a else "disappears" if not in_b else "modality"
        changes.append({"change": change, "kind": "cooperation",
                        "name": " \u2014 ".join(names.get(x, x) for x in pair), "type": "",
                        "id": " ".join(pair), "a": ma, "b": mb,
                        "evidence": _first(in_b) if in_b else _first(in_a)})
    for kind, classes in KINDS.items():
        ids = {k for f in (a, b) for k, v in f.entities.items() if v["type"] in classes}
        for e in ids:
            in_a, in_b = a.entities.get(e), b.entities.get(e)
            if in_a and in_b:
                same[kind] += 1
                continue
            info = in_b or in_a
            changes.append({"change": "appears" if in_b else "disappears", "kind": kind, "name": info["label"],
                            "type": info["type"], "id": e,
                            "a": f"{in_a['mentions']} mention(s)" if in_a else "",
                            "b": f"{in_b['mentions']} mention(s)" if in_b else "",
                            "evidence": info["sentence"]})
    kinds = ("cooperation", *KINDS)
    changes.sort(key=lambda c: (kinds.index(c["kind"]), CHANGES.index(c["change"]), c["name"].lower(), c["id"]))
    return changes, same


def diff_documents(store, a: str, b: str) -> DocumentDiff:
    """Compare two documents of the store, each named by its path, file name, id or title.

    Raises
    ------
    UnknownEntity
        When a reference names no document, or several.
    ActorGraphError
        When both name the same document.
    """
    doc_a, doc_b = find_document(store, a), find_document(store, b)
    if doc_a["graph"] == doc_b["graph"]:
        raise ActorGraphError(f"'{a}' and '{b}' name the same document; give two different ones")
    changes, same = compare(document_facts(store, doc_a["graph"]), document_facts(store, doc_b["graph"]))
    return DocumentDiff(doc_a, doc_b, changes, same)

"""The questions the CLI asks of the store, as SPARQL with bound parameters.

Every query runs over the union of the document graphs. Names and other user input are never
pasted into query text: they are passed as ``substitutions`` (bound variables). Undirected
questions ("who cooperates with X") carry the bound term in each UNION branch, which lets
Oxigraph start every branch from the index on X."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath

import pyoxigraph as ox

from actorgraph.errors import UnknownEntity
from actorgraph.names import normalise
from actorgraph.ontology.namespace import BASE, CORE_CLASSES, DCTERMS, FOAF, PROV, RDF, RDFS, SKOS

PREFIXES = {"ag": BASE, "rdf": RDF, "rdfs": RDFS, "skos": SKOS, "dcterms": DCTERMS, "prov": PROV,
            "foaf": FOAF}
# FILTER IN, not VALUES: Oxigraph joins a VALUES block over classes before the bound
# pattern (200 ms instead of 0.7 ms for one actor's partners on the development corpus)
_CORE_VALUES = ", ".join(f"ag:{c}" for c in CORE_CLASSES)


def _run(store: ox.Store, query: str, **bindings):
    subs = {ox.Variable(k): v for k, v in bindings.items() if v is not None}
    return store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=subs or None)


def _value(term) -> str | None:
    return None if term is None else term.value


@lru_cache(maxsize=1024)  # a few classes and predicates, asked for by every row
def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@lru_cache(maxsize=65536)  # one per document, asked for by every row of it
def document_name(source: str | None) -> str:
    """How a document is named in listings: its file name (the bundled report's included)."""
    if not source:
        return ""
    return PurePath(source.removeprefix("bundled:")).name


# -- what analysts changed by hand (docs/curation.md) --------------------------------------------

#: How a query treats curated statements: ``include`` them with the extracted ones (the
#: default), ``exclude`` them (only what the extractor found, as it found it), or ``only`` them.
#: A statement is *curated* when a decision of the curation file asserted it by hand
#: (``prov:wasGeneratedBy`` the decision) or changed it where it was extracted (``ag:curatedBy``
#: the decision: a changed modality).
CURATED_CHOICES = ("include", "exclude", "only")

# Each goes inside every UNION branch, after the required joins: ?st is bound there.
_CURATED_FILTERS = {
    "include": "",
    "exclude": "FILTER NOT EXISTS { ?st prov:wasGeneratedBy ?byhand } FILTER NOT EXISTS { ?st ag:curatedBy ?byhand }",
    "only": "FILTER EXISTS { ?st prov:wasGeneratedBy|ag:curatedBy ?byhand }",
}


def curated_filter(curated: str) -> str:
    """The SPARQL FILTER that keeps the statements ``?st`` that ``curated`` asks for.

    Raises
    ------
    ValueError
        For a value not in :data:`CURATED_CHOICES`.
    """
    try:
        return _CURATED_FILTERS[curated]
    except KeyError:
        raise ValueError(f"curated must be one of {', '.join(CURATED_CHOICES)}, not {curated!r}") from None


@dataclass(frozen=True)
class Curation:
    """How a statement was curated: ``how`` is ``"asserted"`` (asserted by hand) or
    ``"modality"`` (its modality changed by hand); ``decision`` is the decision's id in the
    curation file, with its analyst, time (``at``), note and, for an assertion, the source."""

    decision: int
    how: str
    by: str
    at: str
    note: str = ""
    source: str = ""

    def describe(self) -> str:
        """``#9 asserted by hand (jdoe, 2026-11-28)``: the ``curated`` field of a row."""
        what = "asserted by hand" if self.how == "asserted" else "modality changed by hand"
        return f"#{self.decision} {what} ({self.by}, {self.at[:10]})"


_MARK_DETAILS = """?d prov:endedAtTime ?at ; prov:wasAssociatedWith ?agent . ?agent foaf:name ?name .
      OPTIONAL { ?d rdfs:comment ?note }"""
# the curation graph only: it is small, and rebuilt from the curation file on every application
_MARKS = """
SELECT ?st ?how ?d ?name ?at ?note ?source WHERE {
  GRAPH <https://w3id.org/actorgraph/curation> {
    { ?st prov:wasGeneratedBy ?d . %s
      OPTIONAL { ?st dcterms:source ?source } BIND("asserted" AS ?how) }
    UNION
    { ?st ag:curatedBy ?d . %s
      BIND("modality" AS ?how) }
  }
}""" % (_MARK_DETAILS, _MARK_DETAILS)


def curation_marks(store: ox.Store) -> dict[str, Curation]:
    """Statement IRI -> its :class:`Curation`, for every curated statement (one small query
    over the curation graph)."""
    out = {}
    for r in store.query(_MARKS, prefixes=PREFIXES):
        out[r["st"].value] = Curation(
            decision=int(r["d"].value.rsplit("/", 1)[-1]), how=r["how"].value, by=r["name"].value,
            at=r["at"].value, note=_value(r["note"]) or "", source=_value(r["source"]) or "")
    return out


def _curated(marks: dict[str, Curation], statement) -> str:
    if not marks:
        return ""  # nothing curated: the statement's IRI need not be read
    mark = marks.get(statement.value)
    return mark.describe() if mark else ""


# -- finding an entity by name ------------------------------------------------------------------

_BY_KEY = """
SELECT DISTINCT ?e ?label ?core ?key WHERE {
  ?e ag:matchKey ?key ; rdfs:label ?label ; a ?core .
  FILTER(?core IN (%s))
}""" % _CORE_VALUES

_ALL_NAMES = """
SELECT DISTINCT ?e ?label ?name WHERE {
  ?e ag:matchKey ?name ; rdfs:label ?label .
}"""


def find_entity(store: ox.Store, name: str) -> dict:
    """The entity a name (label or alias) denotes, matched case- and accent-insensitively.

    Raises
    ------
    UnknownEntity
        When no entity has that name (with the closest names), or several have it.
    """
    key = normalise(name)
    rows = list(_run(store, _BY_KEY, key=ox.Literal(key)))
    found = {}
    for r in rows:
        found.setdefault(r["e"].value, {"id": r["e"].value, "label": r["label"].value, "type": _local(r["core"].value)})
    if len(found) == 1:
        return next(iter(found.values()))
    if len(found) > 1:
        # the same label for two entities: prefer the one whose label is exactly the name
        exact = [f for f in found.values() if normalise(f["label"]) == key]
        if len(exact) == 1:
            return exact[0]
        options = "; ".join(f"{f['label']} ({f['type']})" for f in sorted(found.values(), key=lambda f: f["label"]))
        raise UnknownEntity(f"'{name}' is ambiguous: it names {options}; use the full name")
    names: dict[str, str] = {}
    for r in _run(store, _ALL_NAMES):
        names.setdefault(r["name"].value, r["label"].value)
    close = difflib.get_close_matches(key, list(names), n=5, cutoff=0.6)
    close += [n for n in names if key and key in n and n not in close][:5]
    labels = list(dict.fromkeys(names[c] for c in close))[:5]
    hint = f"; closest: {', '.join(labels)}" if labels else "; try 'actorgraph entities' to list them"
    raise UnknownEntity(f"no entity named '{name}'{hint}")


# -- listings -------------------------------------------------------------------------------------

_ENTITIES = """
SELECT ?e ?label ?core (GROUP_CONCAT(DISTINCT ?alias; separator="|") AS ?aliases) WHERE {
  ?e a ?core ; rdfs:label ?label .
  FILTER(?core IN (%s))
  OPTIONAL { ?e skos:altLabel ?alias }
} GROUP BY ?e ?label ?core ORDER BY ?core LCASE(?label)""" % _CORE_VALUES


def entities(store: ox.Store, types: list[str] | None = None) -> list[dict]:
    """Every entity: ``id, label, type`` (a core class) and ``aliases`` (joined by ``|``)."""
    wanted = {t.lower() for t in types} if types else None
    out = []
    for r in _run(store, _ENTITIES):
        core = _local(r["core"].value)
        if wanted and core.lower() not in wanted:
            continue
        aliases = sorted(set(filter(None, (_value(r["aliases"]) or "").split("|"))) - {r["label"].value})
        out.append({"id": r["e"].value, "label": r["label"].value, "type": core, "aliases": "|".join(aliases)})
    return out


_STATEMENTS = """
SELECT DISTINCT ?st ?s ?sl ?p ?o ?ol ?modality ?role ?text ?source ?rule ?start ?end WHERE {
  ?st a ag:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      ag:inDocument ?doc ; ag:rule ?rule ; ag:start ?start ; ag:end ?end .
  ?s rdfs:label ?sl . ?o rdfs:label ?ol . ?doc ag:sourcePath ?source .
  ?st ag:sentence ?sentence . ?sentence ag:text ?text .
  %s
  OPTIONAL { ?st ag:modality ?modality }
  OPTIONAL { ?st ag:role ?role }
} ORDER BY ?p LCASE(?sl) LCASE(?ol) ?source ?start"""


def _statement_row(r, marks: dict[str, Curation]) -> dict:
    return {
        "source": r["s"].value,
        "source_label": r["sl"].value,
        "relation": _local(r["p"].value),
        "target": r["o"].value,
        "target_label": r["ol"].value,
        "modality": _value(r["modality"]) or "",
        "role": _value(r["role"]) or "",
        "evidence": _value(r["text"]) or "",
        "document": document_name(r["source"].value),
        "start": int(r["start"].value),
        "end": int(r["end"].value),
        "rule": r["rule"].value,
        "curated": _curated(marks, r["st"]),
    }


def relations(store: ox.Store, relation: str | None = None, curated: str = "include") -> list[dict]:
    """Every stated relation with its evidence (one row per statement), ``curated`` telling
    whether an analyst asserted or changed it by hand (empty for an extracted one).

    ``curated``: ``include`` (default), ``exclude`` or ``only`` curated statements
    (:data:`CURATED_CHOICES`)."""
    p = ox.NamedNode(BASE + relation) if relation else None
    query = _STATEMENTS % curated_filter(curated)
    marks = curation_marks(store)
    return [_statement_row(r, marks) for r in _run(store, query, p=p)]


# -- one entity -----------------------------------------------------------------------------------

_BRANCH = """
    ?st %s ?x ; rdf:predicate ?relation ; %s ?partner ;
        ag:inDocument ?doc ; ag:start ?start ; ag:end ?end .
    FILTER(?relation = ag:cooperatesWith)
    ?doc ag:sourcePath ?source .
    ?partner rdfs:label ?plabel ; a ?pcore . FILTER(?pcore IN (%s))
    ?st ag:sentence ?sentence . ?sentence ag:text ?text .
    %%(curated)s
    OPTIONAL { ?st ag:modality ?modality }"""
# Every pattern sits inside both UNION branches: Oxigraph evaluates a join placed after a UNION
# as a scan (1 s instead of 14 ms for 249 statements over 100 reports; docs/performance.md).
# The relation is checked by a FILTER, not a constant: Oxigraph's planner does not see the
# bound ?x and, given `rdf:predicate ag:cooperatesWith`, starts from every cooperation
# statement of the store (313 ms instead of 2 ms for an entity of 11 statements at 1,000 reports).
# Each pattern costs a lookup per row (about 10 us on disk), so the query asks for nothing the
# rows do not show, and the rows are sorted in Python (:func:`cooperates`), not by ORDER BY.
_COOPERATION = """
SELECT DISTINCT ?x ?st ?partner ?plabel ?pcore ?modality ?text ?source ?start ?end ?doc WHERE {
  { %s
  } UNION { %s
  }
}""" % (
    _BRANCH % ("rdf:subject", "rdf:object", _CORE_VALUES),
    _BRANCH % ("rdf:object", "rdf:subject", _CORE_VALUES),
)


def cooperates(store: ox.Store, entity_iri: str, modality: str | None = None, curated: str = "include",
               document: str | None = None) -> list[dict]:
    """Who cooperates with the entity: partner, modality, the sentence, the document, and
    ``curated`` (how an analyst asserted or changed the statement by hand; empty when extracted).

    ``curated``: ``include`` (default), ``exclude`` or ``only`` curated statements
    (:data:`CURATED_CHOICES`). ``document``: only the statements of this document (its IRI,
    the ``graph`` of :func:`actorgraph.graph.store.find_documents`)."""
    keyed = []
    query = _COOPERATION % {"curated": curated_filter(curated)}
    marks = curation_marks(store)
    doc = ox.NamedNode(document) if document else None
    # the columns by position, in the order of the SELECT (three times faster than by name), and
    # only those shown: reading a term can cost a lookup in the store (?x and ?doc are there to be bound)
    for r in _run(store, query, x=ox.NamedNode(entity_iri), doc=doc):
        partner, plabel, pcore, mod, text, source, start, end = r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]
        m = "" if mod is None else mod.value
        if modality and m != modality:
            continue
        label, path, begin = plabel.value, source.value, int(start.value)
        keyed.append(((label.lower(), path, begin), {
            "partner": label,
            "partner_id": partner.value,
            "type": _local(pcore.value),
            "modality": m,
            "evidence": "" if text is None else text.value,
            "document": document_name(path),
            "start": begin,
            "end": int(end.value),
            "curated": _curated(marks, r[1]) if marks else "",
        }))
    keyed.sort(key=lambda pair: pair[0])
    return [row for _, row in keyed]


_DETAILS = """
SELECT DISTINCT ?x ?label ?type ?alias ?wikidata WHERE {
  ?x rdfs:label ?label ; a ?type .
  OPTIONAL { ?x skos:altLabel ?alias }
  OPTIONAL { ?x ag:wikidata ?wikidata }
}"""

_INVOLVING = """
SELECT DISTINCT ?x ?st ?s ?sl ?p ?o ?ol ?modality ?role ?text ?source ?rule ?start ?end WHERE {
  {
    ?st rdf:subject ?x ; rdf:predicate ?p ; rdf:object ?o ; ag:inDocument ?doc ;
        ag:rule ?rule ; ag:start ?start ; ag:end ?end .
    ?x rdfs:label ?sl . ?o rdfs:label ?ol . ?doc ag:sourcePath ?source .
    ?st ag:sentence ?sentence . ?sentence ag:text ?text .
    %(curated)s
    OPTIONAL { ?st ag:modality ?modality } OPTIONAL { ?st ag:role ?role }
    BIND(?x AS ?s)
  } UNION {
    ?st rdf:object ?x ; rdf:predicate ?p ; rdf:subject ?s ; ag:inDocument ?doc ;
        ag:rule ?rule ; ag:start ?start ; ag:end ?end .
    ?s rdfs:label ?sl . ?x rdfs:label ?ol . ?doc ag:sourcePath ?source .
    ?st ag:sentence ?sentence . ?sentence ag:text ?text .
    %(curated)s
    OPTIONAL { ?st ag:modality ?modality } OPTIONAL { ?st ag:role ?role }
    BIND(?x AS ?o)
  }
} ORDER BY ?p LCASE(?sl) LCASE(?ol) ?source ?start"""

_MENTION_COUNTS = """
SELECT ?x ?source (COUNT(DISTINCT ?m) AS ?n) WHERE {
  ?m ag:mentionOf ?x ; ag:inDocument ?doc . ?doc ag:sourcePath ?source .
} GROUP BY ?x ?source ORDER BY ?source"""


def show(store: ox.Store, entity_iri: str, curated: str = "include") -> dict:
    """An entity: its label, classes, aliases, identifiers, mentions per document, and every
    relation it takes part in, with evidence and ``curated`` (see :func:`relations`; ``curated``
    chooses the relations listed the same way)."""
    x = ox.NamedNode(entity_iri)
    label, types, aliases, wikidata = "", set(), set(), None
    for r in _run(store, _DETAILS, x=x):
        label = r["label"].value
        if r["type"].value.startswith(BASE):
            types.add(_local(r["type"].value))
        if r["alias"] is not None:
            aliases.add(r["alias"].value)
        wikidata = _value(r["wikidata"]) or wikidata
    core = next((c for c in CORE_CLASSES if c in types), "")
    specific = sorted(types - {core})
    marks = curation_marks(store)
    return {
        "id": entity_iri,
        "label": label,
        "type": core,
        "classes": specific,
        "aliases": sorted(aliases - {label}),
        "wikidata": wikidata,
        "mentions": {document_name(r["source"].value): int(r["n"].value) for r in _run(store, _MENTION_COUNTS, x=x)},
        "relations": [_statement_row(r, marks) for r in _run(store, _INVOLVING % {"curated": curated_filter(curated)}, x=x)],
    }

"""The questions the CLI asks of the store, as SPARQL with bound parameters.

Every query runs over the union of the document graphs. Names and other user input are never
pasted into query text: they are passed as ``substitutions`` (bound variables). Undirected
questions ("who cooperates with X") carry the bound term in each UNION branch, which lets
Oxigraph start every branch from the index on X.

On a local store whose relation digests are current (:mod:`actorgraph.graph.digest`) the
questions about relations -- :func:`cooperates`, the relations of :func:`show`, :func:`relations`
-- are answered from the digests instead: one look-up per entity and graph, and one per
partner for its label and class, rather than a dozen per statement. Both paths give the same
rows (``tests/test_digest.py`` compares them); ``use_digests=False`` asks by SPARQL."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath
from typing import Iterator

import pyoxigraph as ox

from actorgraph.errors import UnknownEntity
from actorgraph.graph import digest
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


_BY_HAND = (ox.NamedNode(PROV + "wasGeneratedBy"), ox.NamedNode(BASE + "curatedBy"))


def curated_keeps(store, curated: str):
    """What :func:`curated_filter` does in a query, as a test of a statement (its IRI) for the
    rows read from the relation digests: None for ``include`` (every statement)."""
    curated_filter(curated)  # the same refusal of an unknown value
    if curated == "include":
        return None

    def by_hand(statement: str) -> bool:
        node = digest.term(statement)
        return any(next(iter(store.quads_for_pattern(node, p, None)), None) is not None for p in _BY_HAND)

    if curated == "exclude":
        return lambda statement: not by_hand(statement)
    return by_hand


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


_CURATION_GRAPH = ox.NamedNode("https://w3id.org/actorgraph/curation")


def curation_marks(store: ox.Store) -> dict[str, Curation]:
    """Statement IRI -> its :class:`Curation`, for every curated statement (one small query
    over the curation graph, none when a local store has no curation graph)."""
    out = {}
    if digest.applies(store) and not store.contains_named_graph(_CURATION_GRAPH):
        return out
    for r in store.query(_MARKS, prefixes=PREFIXES):
        out[r["st"].value] = Curation(
            decision=int(r["d"].value.rsplit("/", 1)[-1]), how=r["how"].value, by=r["name"].value,
            at=r["at"].value, note=_value(r["note"]) or "", source=_value(r["source"]) or "")
    return out


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
}"""

# the columns of _STATEMENTS and _INVOLVING a statement row is made of, in this order
_STATEMENT_COLUMNS = ("st", "s", "sl", "p", "o", "ol", "modality", "role", "text", "source", "rule", "start", "end")


def _statement_row(values: tuple, marks: dict[str, Curation]) -> dict:
    """A row of :func:`relations` or :func:`show` from the values of _STATEMENT_COLUMNS."""
    st, s, sl, p, o, ol, modality, role, text, source, rule, start, end = values
    return {
        "source": s,
        "source_label": sl,
        "relation": _local(p),
        "target": o,
        "target_label": ol,
        "modality": modality or "",
        "role": role or "",
        "evidence": text or "",
        "document": document_name(source),
        "start": int(start),
        "end": int(end),
        "rule": rule,
        "curated": marks[st].describe() if st in marks else "",
    }


def _statement_rows(found, marks: dict[str, Curation]) -> list[dict]:
    """The rows of distinct statement values, ordered by relation, subject and object labels
    (any case), document and offsets."""
    ordered = sorted(set(found), key=lambda v: (v[3], v[2].lower(), v[5].lower(), v[9], int(v[11]), int(v[12]),
                                                tuple("" if x is None else str(x) for x in v)))
    return [_statement_row(v, marks) for v in ordered]


def _sparql_statements(rows) -> Iterator[tuple]:
    for r in rows:
        yield tuple(_value(r[c]) for c in _STATEMENT_COLUMNS)


def _digest_statements(store, found, keep, names: digest.Names | None = None) -> Iterator[tuple]:
    """The values of _STATEMENT_COLUMNS from ``(entity, record)`` pairs of the digests, as the
    SPARQL of _STATEMENTS and _INVOLVING gives them (a statement needs its rule, offsets,
    document and sentence; its ends, their labels)."""
    names = names or digest.Names(store)
    for entity, r in found:
        if r.rule is None or r.start is None or r.end is None or r.source is None or r.sentence is None:
            continue
        if keep is not None and not keep(r.statement):
            continue
        s, o = (r.partner, entity) if r.as_object else (entity, r.partner)
        for sl in names.labels(s):
            for ol in names.labels(o):
                yield (r.statement, s, sl, r.predicate, o, ol, r.modality, r.role, r.sentence, r.source, r.rule,
                       r.start, r.end)


def relations(store: ox.Store, relation: str | None = None, curated: str = "include",
              use_digests: bool = True) -> list[dict]:
    """Every stated relation with its evidence (one row per statement), ``curated`` telling
    whether an analyst asserted or changed it by hand (empty for an extracted one).

    ``curated``: ``include`` (default), ``exclude`` or ``only`` curated statements
    (:data:`CURATED_CHOICES`). ``use_digests``: answer from the relation digests when they are
    current (the same rows, faster), else by SPARQL."""
    query = _STATEMENTS % curated_filter(curated)
    marks = curation_marks(store)
    if use_digests and digest.is_current(store):
        wanted = BASE + relation if relation else None
        keep = curated_keeps(store, curated)
        found = ((e, r) for e, r in digest.all_records(store)
                 if not r.as_object and r.typed and (wanted is None or r.predicate == wanted))
        return _statement_rows(_digest_statements(store, found, keep), marks)
    p = ox.NamedNode(BASE + relation) if relation else None
    return _statement_rows(_sparql_statements(_run(store, query, p=p)), marks)


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
               document: str | None = None, use_digests: bool = True) -> list[dict]:
    """Who cooperates with the entity: partner, modality, the sentence, the document, and
    ``curated`` (how an analyst asserted or changed the statement by hand; empty when extracted).

    ``curated``: ``include`` (default), ``exclude`` or ``only`` curated statements
    (:data:`CURATED_CHOICES`). ``document``: only the statements of this document (its IRI,
    the ``graph`` of :func:`actorgraph.graph.store.find_documents`). ``use_digests``: answer
    from the relation digests when they are current (the same rows, faster), else by SPARQL."""
    query = _COOPERATION % {"curated": curated_filter(curated)}
    marks = curation_marks(store)
    if use_digests and digest.is_current(store):
        found = _digest_cooperation(store, entity_iri, curated_keeps(store, curated), document)
    else:
        found = _sparql_cooperation(_run(store, query, x=ox.NamedNode(entity_iri),
                                         doc=ox.NamedNode(document) if document else None))
    rows = []
    for values in sorted(set(found), key=lambda v: (v[2].lower(), v[6], int(v[7]), int(v[8]),
                                                    tuple("" if x is None else str(x) for x in v))):
        statement, partner, label, core, m, text, source, begin, end, _doc = values
        m = m or ""
        if modality and m != modality:
            continue
        rows.append({
            "partner": label,
            "partner_id": partner,
            "type": _local(core),
            "modality": m,
            "evidence": text or "",
            "document": document_name(source),
            "start": int(begin),
            "end": int(end),
            "curated": marks[statement].describe() if statement in marks else "",
        })
    return rows


_COOPERATES_WITH = BASE + "cooperatesWith"


def _sparql_cooperation(rows) -> Iterator[tuple]:
    """The values of a row of _COOPERATION: statement, partner, its label and core class,
    modality, sentence, document source, start, end, document."""
    # the columns by position, in the order of the SELECT (three times faster than by name)
    for r in rows:
        yield (r[1].value, r[2].value, r[3].value, r[4].value, _value(r[5]), _value(r[6]), r[7].value, r[8].value,
               r[9].value, r[10].value)


def _digest_cooperation(store, entity_iri: str, keep, document: str | None) -> Iterator[tuple]:
    """The same values from the entity's digests (a statement needs its offsets, document and
    sentence; a partner, a label and a core class)."""
    names = digest.Names(store)
    for r in digest.records(store, entity_iri):
        if r.predicate != _COOPERATES_WITH or None in (r.start, r.end, r.source, r.sentence):
            continue
        if (document is not None and r.document != document) or (keep is not None and not keep(r.statement)):
            continue
        for label in names.labels(r.partner):
            for core in names.cores(r.partner):
                yield (r.statement, r.partner, label, core, r.modality, r.sentence, r.source, r.start, r.end,
                       r.document)


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
}"""

_MENTION_COUNTS = """
SELECT ?x ?source (COUNT(DISTINCT ?m) AS ?n) WHERE {
  ?m ag:mentionOf ?x ; ag:inDocument ?doc . ?doc ag:sourcePath ?source .
} GROUP BY ?x ?source ORDER BY ?source"""


def show(store: ox.Store, entity_iri: str, curated: str = "include", use_digests: bool = True) -> dict:
    """An entity: its label, classes, aliases, identifiers, mentions per document, and every
    relation it takes part in, with evidence and ``curated`` (see :func:`relations`; ``curated``
    and ``use_digests`` choose the relations listed the same way)."""
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
        "relations": _involving(store, entity_iri, curated, marks, use_digests),
    }


def _involving(store, entity_iri: str, curated: str, marks: dict[str, Curation], use_digests: bool) -> list[dict]:
    query = _INVOLVING % {"curated": curated_filter(curated)}
    if use_digests and digest.is_current(store):
        found = ((entity_iri, r) for r in digest.records(store, entity_iri))
        return _statement_rows(_digest_statements(store, found, curated_keeps(store, curated)), marks)
    return _statement_rows(_sparql_statements(_run(store, query, x=ox.NamedNode(entity_iri))), marks)

"""Applying decisions to the store, in order, so that the graph is the extracted graph plus every
decision -- after each command, and again after every build.

Where the changes go:

* what an analyst *changes or removes* is changed where it was extracted, in the document
  graphs: a merge rewrites the merged entity's IRI everywhere (its names become aliases); a
  split moves an alias's mentions, and the statements only they support, to a new entity; a
  rename, a change of class or of modality edits the triples; a rejection removes the entity
  (its description, mentions and statements) or the statements of a relation. Queries need no
  filter: what was rejected is gone.
* what an analyst *adds* (an alias, a Wikidata id, a relation asserted by hand) and the record
  of every decision go in the curation graph, ``<https://w3id.org/actorgraph/curation>``, which
  is rebuilt from the file on each application. A decision is a ``prov:Activity`` (an
  ``ag:Decision``) with its analyst (``prov:wasAssociatedWith``), time (``prov:endedAtTime``),
  note and the entities it used; a hand-asserted relation is an ``ag:Statement``
  ``prov:wasGeneratedBy`` its decision, whose evidence is a line of the curation "document" (so
  ``cooperates``, ``relations`` and ``show`` list it with the source and note as evidence). An
  extracted statement whose modality a decision set gets ``ag:curatedBy`` the decision, in the
  curation graph too: queries tell both kinds apart from the extracted ones
  (``--curated include|exclude|only``).

Applying is idempotent: a second application changes nothing. A decision whose entity is not in
the graph (no longer extracted after a rebuild, say) has no effect; it is reported, and marked in
the store with ``ag:problem``.
"""

from __future__ import annotations

__all__ = ["Outcome", "ApplyReport", "apply_decisions", "check_decision"]

import hashlib
import shlex
from dataclasses import dataclass, field
from urllib.parse import quote

import pyoxigraph as ox

from actorgraph.curation.graph import (
    ALT, CURATION, CURATION_BASE, END, HIDDEN, IN_DOCUMENT, LABEL, MATCH_KEY, MENTION_OF, MODALITY,
    OBJECT, PREDICATE, SENTENCE, START, STATEMENT, SUBJECT, SURFACE, TEXT, TYPE, WIKIDATA, Edit, StatementRef,
    entity, integer, lit, matches_evidence, n, quads, statements,
)
from actorgraph.curation.model import CurationError, Decision
from actorgraph.names import normalise
from actorgraph.ontology.namespace import AG, BASE, DCTERMS, FOAF, PROV, RDFS, RELATIONS, XSD, core_class

CURATION_DOCUMENT = CURATION_BASE + "document"
#: An extracted statement changed in place by a decision (its modality): ``st ag:curatedBy d``.
CURATED_BY = n(AG.curatedBy)


@dataclass
class Outcome:
    decision: Decision
    problem: str | None = None

    def message(self) -> str:
        return f"decision {self.decision.id} ({self.decision.describe()}) has no effect: {self.problem}"


@dataclass
class ApplyReport:
    """What applying a curation file did: one :class:`Outcome` per decision."""

    outcomes: list[Outcome] = field(default_factory=list)
    source: str = ""

    @property
    def problems(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.problem]

    def messages(self) -> list[str]:
        """One line per decision that had no effect, for stderr."""
        return [f"actorgraph: curation: {o.message()}" for o in self.problems]


class _Run:
    """One application of the decisions: the store, and the curation document being written."""

    def __init__(self, store, source: str):
        self.store = store
        self.source = source
        self.lines: list[str] = []
        self.length = 0

    def evidence_line(self, text: str) -> tuple[int, int]:
        start = self.length
        self.lines.append(text)
        self.length += len(text) + 1
        return start, start + len(text)


def apply_decisions(store, decisions: list[Decision], *, source: str = "curation.yaml") -> ApplyReport:
    """Apply the decisions to the store, in order; rebuild the curation graph.

    Parameters
    ----------
    store : pyoxigraph.Store or RemoteStore
        Opened for writing.
    decisions : list of Decision
        The curation file's decisions, oldest first.
    source : str
        The curation file's path, recorded as the source of hand-asserted statements.
    """
    store.remove_graph(CURATION)
    run = _Run(store, source)
    report = ApplyReport(source=source)
    for d in decisions:
        edit = Edit()
        problem = _ACTIONS[d.action](run, d, edit)
        if problem:  # nothing of it is written but its record
            edit = Edit()
        _record(d, problem, edit)
        edit.commit(store)
        report.outcomes.append(Outcome(d, problem))
    if run.lines:
        _curation_document(run)
    return report


def check_decision(store, d: Decision) -> None:
    """Would the decision take effect on the store as it is? Raises :class:`CurationError`
    saying why not (nothing is written)."""
    problem = _ACTIONS[d.action](_Run(store, ""), d, Edit())
    if problem:
        raise CurationError(problem)


# -- entities -------------------------------------------------------------------------------------


def _a(word: str) -> str:
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def _gone(target) -> str:
    return f"there is no entity {target} ({target.id}) in the graph any more"


def _merge(run: _Run, d: Decision, edit: Edit) -> str | None:
    store = run.store
    keep, other = entity(store, d["entity"].id), entity(store, d["other"].id)
    if not keep.exists:
        return _gone(d["entity"])
    if not other.exists:
        return None  # merged already (or no longer extracted: the graph is as the analyst wants)
    if keep.kind != other.kind:
        return (f"{d['other']} is {_a(other.kind)} and {d['entity']} {_a(keep.kind)}; give them the same "
                "class first (actorgraph retype)")
    K, O = n(keep.iri), n(other.iri)
    keep_types = [n(AG[c]) for c in sorted(keep.classes)]
    keep_has_qid = bool(quads(store, K, WIKIDATA))
    loops = {(st.node, st.graph) for st in statements(store, other.iri)
             if {st.subject, st.object} <= {keep.iri, other.iri}}
    for node, graph in loops:  # a relation between the two would be a relation with itself
        edit.drop_all(quads(store, node, None, None, graph))
        edit.drop_all(quads(store, node, CURATED_BY, None, CURATION))
    label_graphs = set()
    for q in quads(store, O):
        edit.drop(q)
        p, o, g = q.predicate, q.object, q.graph_name
        if p == TYPE and o.value.startswith(BASE):
            for t in keep_types:
                edit.put(K, TYPE, t, g)
        elif p == LABEL:
            label_graphs.add(g)
            edit.put(K, ALT, o, g)
        elif p == WIKIDATA and keep_has_qid:
            continue  # the kept entity's identifier wins
        elif o not in (K, O):
            edit.put(K, p, o, g)
    for q in quads(store, None, None, O):
        if q.subject == O:
            continue
        edit.drop(q)
        if q.subject == K or (q.subject, q.graph_name) in loops:
            continue
        edit.put(q.subject, q.predicate, K, q.graph_name)
    for g in label_graphs:
        if not quads(store, K, LABEL, None, g):
            edit.put(K, LABEL, lit(keep.label), g)
    return None


def _split(run: _Run, d: Decision, edit: Edit) -> str | None:
    store = run.store
    e, new = entity(store, d["entity"].id), entity(store, d["new"].id)
    alias, key = d["alias"], normalise(d["alias"])
    if not e.exists:
        return None if new.exists else _gone(d["entity"])
    if any(normalise(label) == key for label in e.labels):
        return f"{alias!r} is the name of {d['entity']} itself; rename it first, or split off another alias"
    E, N = n(e.iri), n(new.iri)
    mentions = []  # (node, graph, start, end, moved)
    for q in quads(store, None, MENTION_OF, E):
        values = {m.predicate: m.object for m in quads(store, q.subject, None, None, q.graph_name)}
        surface = values.get(SURFACE)
        moved = surface is not None and normalise(surface.value) == key
        start, end = values.get(START), values.get(END)
        mentions.append((q.subject, q.graph_name, int(start.value) if start else -1,
                         int(end.value) if end else -1, moved, surface.value if surface else alias))
    names = [q for q in quads(store, E) if q.predicate in (ALT, HIDDEN) and normalise(q.object.value) == key]
    if not names and not any(m[4] for m in mentions):
        return None if new.exists else f"{d['entity']} has no alias {alias!r} any more"
    edit.drop_all(names)
    edit.drop_all(q for q in quads(store, E, MATCH_KEY) if q.object.value == key)
    graphs: dict = {q.graph_name: set() for q in names}
    for node, graph, _, _, moved, surface in mentions:
        if moved:
            edit.drop(ox.Quad(node, MENTION_OF, E, graph))
            edit.put(node, MENTION_OF, N, graph)
            graphs.setdefault(graph, set()).add(surface)
    for graph, surfaces in graphs.items():
        edit.put(N, LABEL, lit(alias), graph)
        edit.put(N, MATCH_KEY, lit(key), graph)
        for c in sorted(e.classes):
            edit.put(N, TYPE, n(AG[c]), graph)
        for s in surfaces:
            edit.put(N, ALT, lit(s), graph)
    # a statement goes with the alias when its sentence names the entity only by that alias
    every = statements(store, e.iri)
    moving = []
    for st in every:
        _, start, end = st.sentence(store)
        inside = [m for m in mentions if m[1] == st.graph and start is not None and start <= m[2] and m[3] <= end]
        if inside and all(m[4] for m in inside):
            moving.append(st)
    _move_statements(store, edit, every, moving, e.iri, new.iri)
    return None


def _move_statements(store, edit: Edit, every: list[StatementRef], moving: list[StatementRef],
                     old: str, new: str) -> None:
    """Point statements at another entity, and keep the direct triples in step."""
    O, N = n(old), n(new)
    staying = [st for st in every if st not in moving]
    for st in moving:
        for role in (SUBJECT, OBJECT):
            if (st.subject if role == SUBJECT else st.object) == old:
                edit.drop(ox.Quad(st.node, role, O, st.graph))
                edit.put(st.node, role, N, st.graph)
        s = new if st.subject == old else st.subject
        o = new if st.object == old else st.object
        _direct(edit.put, s, st.predicate, o, st.graph)
        if not any(_same_relation(x, st) for x in staying):
            _direct(lambda *q: edit.drop(ox.Quad(*q)), st.subject, st.predicate, st.object, st.graph)


def _same_relation(a: StatementRef, b: StatementRef) -> bool:
    if a.graph != b.graph or a.predicate != b.predicate:
        return False
    if RELATIONS[a.predicate].get("symmetric"):
        return {a.subject, a.object} == {b.subject, b.object}
    return (a.subject, a.object) == (b.subject, b.object)


def _direct(write, s: str, predicate: str, o: str, graph) -> None:
    """The direct triple of a relation (both ways for a symmetric one)."""
    p = n(AG[predicate])
    write(n(s), p, n(o), graph)
    if RELATIONS[predicate].get("symmetric"):
        write(n(o), p, n(s), graph)


def _rename(run: _Run, d: Decision, edit: Edit) -> str | None:
    store, new = run.store, d["label"]
    e = entity(store, d["entity"].id)
    if not e.exists:
        return _gone(d["entity"])
    E = n(e.iri)
    for q in quads(store, E, LABEL):
        if q.object.value != new:
            edit.drop(q)
            edit.put(E, LABEL, lit(new), q.graph_name)
            edit.put(E, ALT, q.object, q.graph_name)
            edit.put(E, MATCH_KEY, lit(normalise(new)), q.graph_name)
    return None


def _retype(run: _Run, d: Decision, edit: Edit) -> str | None:
    store, cls = run.store, d["class"]
    e = entity(store, d["entity"].id)
    if not e.exists:
        return _gone(d["entity"])
    if e.kind not in RELATIONS["cooperatesWith"]["domain"] + ("Route", "Place", "Event"):
        return f"{d['entity']} is {_a(e.kind)}; only actors, initiatives, routes, places and events change class"
    core = core_class(cls)
    conflict = _class_conflict(store, e.iri, core)
    if conflict:
        return conflict
    wanted = {cls, core}
    E = n(e.iri)
    graphs = set()
    for q in quads(store, E, TYPE):
        if q.object.value.startswith(BASE):
            graphs.add(q.graph_name)
            if q.object.value[len(BASE):] not in wanted:
                edit.drop(q)
    for g in graphs:
        for c in sorted(wanted):
            edit.put(E, TYPE, n(AG[c]), g)
    return None


def _class_conflict(store, iri: str, core: str) -> str | None:
    """A relation of the entity that an entity of class ``core`` cannot have, in words."""
    this = entity(store, iri)
    for outgoing in (True, False):
        for q in quads(store, n(iri) if outgoing else None, None, None if outgoing else n(iri)):
            name = q.predicate.value[len(BASE):] if q.predicate.value.startswith(BASE) else ""
            if name not in RELATIONS:
                continue
            rel = RELATIONS[name]
            allowed = rel["domain"] if outgoing else rel["range"]
            other = entity(store, (q.object if outgoing else q.subject).value)
            if core not in allowed or (rel.get("same_kind") and other.kind and other.kind != core):
                what = "subject" if outgoing else "object"
                s, o = (this.label, other.label) if outgoing else (other.label, this.label)
                return (f"{this.label!r} is the {what} of {name} with {other.label!r}, which {_a(core)} "
                        f"cannot be; reject that relation first: actorgraph reject --relation "
                        f"{shlex.quote(s)} {name} {shlex.quote(o)}")
    return None


def _alias(run: _Run, d: Decision, edit: Edit) -> str | None:
    e = entity(run.store, d["entity"].id)
    if not e.exists:
        return _gone(d["entity"])
    E = n(e.iri)
    edit.put(E, ALT, lit(d["alias"]), CURATION)
    edit.put(E, MATCH_KEY, lit(normalise(d["alias"])), CURATION)
    edit.put(E, TYPE, n(AG[e.kind]), CURATION)  # so that a later build finds the entity by it
    return None


def _identify(run: _Run, d: Decision, edit: Edit) -> str | None:
    e = entity(run.store, d["entity"].id)
    if not e.exists:
        return _gone(d["entity"])
    E = n(e.iri)
    edit.drop_all(q for q in quads(run.store, E, WIKIDATA) if q.object.value != d["wikidata"])
    edit.put(E, WIKIDATA, lit(d["wikidata"]), CURATION)
    return None


def _reject(run: _Run, d: Decision, edit: Edit) -> str | None:
    store = run.store
    E = n(d["entity"].id)
    edit.drop_all(quads(store, E))
    for q in quads(store, None, None, E):
        if q.predicate in (MENTION_OF, SUBJECT, OBJECT):
            edit.drop_all(quads(store, q.subject, None, None, q.graph_name))
            edit.drop_all(quads(store, q.subject, CURATED_BY, None, CURATION))
        elif not (q.graph_name == CURATION and q.predicate.value.startswith(PROV)):
            edit.drop(q)
    return None  # an entity no longer extracted is rejected already


# -- relations ------------------------------------------------------------------------------------


def _relation_statements(store, subject: str, predicate: str, obj: str) -> list[StatementRef]:
    symmetric = RELATIONS[predicate].get("symmetric")
    return [st for st in statements(store, subject)
            if st.predicate == predicate and ((st.subject, st.object) == (subject, obj)
                                              or symmetric and (st.subject, st.object) == (obj, subject))]


def _reject_relation(run: _Run, d: Decision, edit: Edit) -> str | None:
    store = run.store
    s, o, p = d["subject"].id, d["object"].id, d["relation"]
    every = _relation_statements(store, s, p, o)
    chosen = [st for st in every if matches_evidence(store, st, d["document"], d["sentence"])]
    for st in chosen:
        edit.drop_all(quads(store, st.node, None, None, st.graph))
        edit.drop_all(quads(store, st.node, CURATED_BY, None, CURATION))
    staying = [st for st in every if st not in chosen]
    for st in chosen:
        if not any(_same_relation(x, st) for x in staying):
            _direct(lambda *q: edit.drop(ox.Quad(*q)), st.subject, st.predicate, st.object, st.graph)
    if not d["document"] and not d["sentence"]:  # the relation itself, even without a statement
        _direct(lambda *q: edit.drop_all(quads(store, *q[:3])), s, p, o, None)
    return None  # a relation no longer extracted is rejected already


def _modality(run: _Run, d: Decision, edit: Edit) -> str | None:
    store = run.store
    every = _relation_statements(store, d["subject"].id, "cooperatesWith", d["object"].id)
    chosen = [st for st in every if matches_evidence(store, st, d["document"], d["sentence"])]
    if not chosen:
        where = " with that evidence" if d["document"] or d["sentence"] else ""
        return f"there is no statement that {d['subject']} cooperates with {d['object']}{where}"
    for st in chosen:
        edit.drop_all(quads(store, st.node, MODALITY, None, st.graph))
        edit.put(st.node, MODALITY, lit(d["modality"]), st.graph)
        # the mark that the statement was changed by hand (in the curation graph, so that it
        # lasts as long as the decision is in the file)
        edit.put(st.node, CURATED_BY, _decision_node(d), CURATION)
    return None


def _assert(run: _Run, d: Decision, edit: Edit) -> str | None:
    store, p = run.store, d["relation"]
    s, o = entity(store, d["subject"].id), entity(store, d["object"].id)
    for target, found in ((d["subject"], s), (d["object"], o)):
        if not found.exists:
            return _gone(target)
    rel = RELATIONS[p]
    if s.kind not in rel["domain"] or o.kind not in rel["range"] or (rel.get("same_kind") and s.kind != o.kind):
        return (f"{p} goes from {' or '.join(rel['domain'])} to {' or '.join(rel['range'])}"
                f"{' of the same kind' if rel.get('same_kind') else ''}; {s.label!r} is {_a(s.kind)} "
                f"and {o.label!r} {_a(o.kind)}")
    _direct(lambda *q: edit.put(*q), s.iri, p, o.iri, CURATION)
    node, sentence, doc = n(f"{CURATION_BASE}statement/{d.id}"), n(f"{CURATION_BASE}statement/{d.id}/evidence"), n(CURATION_DOCUMENT)
    text = (f"Asserted by {d.by or 'an analyst'} on {d.at[:10]}: {s.label} {rel['label']} {o.label}"
            f"{' (' + d['modality'] + ')' if d['modality'] else ''}. Source: {d['source']}."
            f"{' Note: ' + d.note if d.note else ''}")
    start, end = run.evidence_line(text)
    put = edit.put
    put(node, TYPE, STATEMENT, CURATION)
    put(node, SUBJECT, n(s.iri), CURATION)
    put(node, PREDICATE, n(AG[p]), CURATION)
    put(node, OBJECT, n(o.iri), CURATION)
    put(node, n(AG.rule), lit("curation"), CURATION)
    put(node, START, integer(start), CURATION)
    put(node, END, integer(end), CURATION)
    put(node, IN_DOCUMENT, doc, CURATION)
    put(node, SENTENCE, sentence, CURATION)
    if p == "cooperatesWith":
        put(node, MODALITY, lit(d["modality"] or "actual"), CURATION)
    put(node, n(PROV + "wasGeneratedBy"), _decision_node(d), CURATION)
    put(node, n(DCTERMS + "source"), lit(d["source"]), CURATION)
    put(sentence, TYPE, n(AG.Sentence), CURATION)
    put(sentence, TEXT, lit(text), CURATION)
    put(sentence, START, integer(start), CURATION)
    put(sentence, END, integer(end), CURATION)
    put(sentence, IN_DOCUMENT, doc, CURATION)
    return None


def _distinct(run: _Run, d: Decision, edit: Edit) -> str | None:
    return None  # only read by `actorgraph suggest`


_ACTIONS = {
    "merge": _merge, "split": _split, "rename": _rename, "retype": _retype, "alias": _alias,
    "identify": _identify, "reject": _reject, "reject-relation": _reject_relation,
    "assert": _assert, "modality": _modality, "distinct": _distinct,
}


# -- the record of each decision ------------------------------------------------------------------


def _decision_node(d: Decision) -> ox.NamedNode:
    return n(f"{CURATION_BASE}decision/{d.id}")


def analyst_node(name: str) -> ox.NamedNode:
    return n(f"{CURATION_BASE}analyst/{quote(name or 'unknown', safe='')}")


def _record(d: Decision, problem: str | None, edit: Edit) -> None:
    D, A = _decision_node(d), analyst_node(d.by)
    put = edit.put
    put(D, TYPE, n(AG.Decision), CURATION)
    put(D, TYPE, n(PROV + "Activity"), CURATION)
    put(D, n(AG.action), lit(d.action), CURATION)
    put(D, n(DCTERMS + "description"), lit(d.describe()), CURATION)
    put(D, n(PROV + "wasAssociatedWith"), A, CURATION)
    put(D, n(PROV + "endedAtTime"), ox.Literal(d.at, datatype=n(XSD + "dateTime")), CURATION)
    if d.note:
        put(D, n(RDFS + "comment"), lit(d.note), CURATION)
    for target in d.targets():
        put(D, n(PROV + "used"), n(target.id), CURATION)
    if d.action == "reject" and not problem:
        put(D, n(PROV + "invalidated"), n(d["entity"].id), CURATION)
    if problem:
        put(D, n(AG.problem), lit(problem), CURATION)
    put(A, TYPE, n(AG.Analyst), CURATION)
    put(A, TYPE, n(PROV + "Agent"), CURATION)
    put(A, n(FOAF + "name"), lit(d.by or "unknown"), CURATION)


def _curation_document(run: _Run) -> None:
    """The "document" hand-asserted statements cite: one line per assertion."""
    text = "\n".join(run.lines)
    doc = n(CURATION_DOCUMENT)
    edit = Edit()
    edit.put(doc, TYPE, n(AG.Document), CURATION)
    edit.put(doc, n(DCTERMS + "title"), lit("Curation decisions"), CURATION)
    edit.put(doc, n(AG.sourcePath), lit(run.source), CURATION)
    edit.put(doc, n(AG.format), lit("curation"), CURATION)
    edit.put(doc, n(AG.encoding), lit("utf-8"), CURATION)
    edit.put(doc, TEXT, lit(text), CURATION)
    edit.put(doc, n(AG.sha256), lit(hashlib.sha256(text.encode("utf-8")).hexdigest()), CURATION)
    edit.commit(run.store)

"""The curation commands as library calls: make a decision (check it, add it to the curation file,
apply the file to the store), list the decisions, undo one, re-apply the file.

Every call that writes opens the store for writing first: RocksDB's lock then makes curation
commands and builds take turns, so two of them never read and rewrite the file at once.
"""

from __future__ import annotations

__all__ = ["Recorded", "resolve_entity", "record", "apply_curation", "reapply", "list_decisions", "undo"]

import gc
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from actorgraph.curation.apply import ApplyReport, apply_decisions, check_decision
from actorgraph.curation.file import (
    curation_path, current_user, load_decisions, next_id, now, save_decisions,
)
from actorgraph.curation.graph import entity
from actorgraph.curation.model import ACTIONS, ADDITIVE, CurationError, Decision, Target


@dataclass
class Recorded:
    decision: Decision
    path: Path
    report: ApplyReport


def resolve_entity(store, name: str) -> Target:
    """The entity a name denotes (a label or alias, see
    :func:`actorgraph.graph.queries.find_entity`), or an entity IRI given as is."""
    from actorgraph.graph.queries import find_entity

    if name.startswith(("http://", "https://")):
        found = entity(store, name)
        if found.exists:
            return Target(name, found.label)
    e = find_entity(store, name)
    return Target(e["id"], e["label"])


def _location(location):
    """A store directory as a Path; a SPARQL server URL as it is."""
    from actorgraph.graph.store import is_url

    return location if is_url(location) else Path(location)


def _open(location, say: Callable[[str], None] | None):
    from actorgraph.graph.store import ensure_loaded, open_store

    location = _location(location)
    ensure_loaded(location, say=say or (lambda message: None))
    return open_store(location)


def _with_store(location, say, work):
    """Run ``work(store)`` on the store opened for writing, and close the store whatever
    happens: a user error leaves no reference to it behind (in a traceback), so the next
    command in the same process can open it."""
    from actorgraph.errors import ActorGraphError

    store = _open(location, say)
    error = None
    try:
        result = work(store)
        store.flush()
    except ActorGraphError as exc:
        error = exc.with_traceback(None)
        result = None
    store = None
    gc.collect()  # pyoxigraph closes the database when the last reference goes
    if error is not None:
        raise error
    return result


def record(location, action: str, *, curation=None, note: str | None = None,
           say: Callable[[str], None] | None = None, **values) -> Recorded:
    """Make a decision: resolve the names, check it would take effect, append it to the curation
    file and apply the file to the store.

    ``values`` are the action's fields (see :data:`~actorgraph.curation.model.ACTIONS`): names
    (or IRIs) for entities, text otherwise.

    Raises
    ------
    CurationError, UnknownEntity
        When a name is unknown or the decision would change nothing; nothing is written then.
    """
    path = curation_path(location, curation)

    def work(store):
        decisions = load_decisions(path)
        fields = {}
        for key, kind in ACTIONS[action].items():
            name = key.rstrip("?")
            value = values.get(name)
            if value is None or value == "":
                continue
            fields[name] = resolve_entity(store, value) if kind == "target" else value
        decision = Decision(next_id(decisions), action, fields, current_user(), now(), note or None)
        _prepare(store, decision)
        decision.check()
        check_decision(store, decision)
        decisions.append(decision)
        save_decisions(path, decisions)
        return decision, apply_decisions(store, decisions, source=str(path))

    decision, report = _with_store(location, say, work)
    return Recorded(decision, path, report)


def _prepare(store, d: Decision) -> None:
    """Checks and derived values that only make sense when a decision is made."""
    from actorgraph.errors import UnknownEntity
    from actorgraph.graph.queries import find_entity
    from actorgraph.names import normalise, slug
    from actorgraph.ontology import ID_BASE

    if d.action == "split":
        e = entity(store, d["entity"].id)
        base = f"{ID_BASE}{e.kind.lower()}/{slug(d['alias'])}"
        iri, i = base, 1
        while entity(store, iri).exists:
            i += 1
            iri = f"{base}-{i}"
        d.fields["new"] = Target(iri, d["alias"])
        return
    if d.action == "alias":
        key = normalise(d["alias"])
        e = entity(store, d["entity"].id)
        if any(normalise(name) == key for name in e.names):
            raise CurationError(f"{d['alias']!r} is already a name of {d['entity']}")
        try:
            other = find_entity(store, d["alias"])
        except UnknownEntity:
            return
        if other["id"] != d["entity"].id:
            raise CurationError(f"{d['alias']!r} already names {other['label']!r}; if they are one entity, "
                                f"merge them: actorgraph merge {_quote(d['entity'].label)} {_quote(other['label'])}")
    elif d.action == "rename":
        if entity(store, d["entity"].id).label == d["label"]:
            raise CurationError(f"{d['entity']} is already called {d['label']!r}")
    elif d.action == "identify":
        from actorgraph.curation.graph import WIKIDATA, lit, quads

        for q in quads(store, None, WIKIDATA, lit(d["wikidata"])):
            if q.subject.value != d["entity"].id:
                raise CurationError(f"{d['wikidata']} is already the Wikidata id of {entity(store, q.subject.value).label!r}; "
                                    "if they are one entity, merge them (actorgraph merge)")
    elif d.action == "reject-relation":
        from actorgraph.curation.apply import _relation_statements
        from actorgraph.curation.graph import matches_evidence

        every = _relation_statements(store, d["subject"].id, d["relation"], d["object"].id)
        if not any(matches_evidence(store, st, d["document"], d["sentence"]) for st in every):
            where = " with that evidence" if d["document"] or d["sentence"] else ""
            raise CurationError(f"no statement that {d['subject']} {d['relation']} {d['object']}{where}; "
                                f"see them with: actorgraph show {_quote(d['subject'].label)}")
    elif d.action == "reject" and not entity(store, d["entity"].id).exists:
        raise CurationError(f"there is no entity {d['entity']}")


def _quote(name: str) -> str:
    import shlex

    return shlex.quote(name)


def apply_curation(store, curation_file=None, *, store_location=None) -> ApplyReport | None:
    """Apply a curation file to a store: the call to make at the end of a build.

    Parameters
    ----------
    store : pyoxigraph.Store, RemoteStore, str or Path
        The store opened for writing, or its location (a directory or a SPARQL server URL).
    curation_file : str or Path, optional
        The curation file; by default :func:`~actorgraph.curation.file.curation_path` of
        ``store_location`` (or of ``store`` when it is a location).

    Returns
    -------
    ApplyReport or None
        None when there is no curation file (the store is left as it is).
    """
    location = store_location if store_location is not None else (
        store if isinstance(store, (str, Path)) else None)
    if curation_file is None and location is None:
        return None
    path = curation_path(location, curation_file)
    if not path.exists():
        return None
    decisions = load_decisions(path)
    if isinstance(store, (str, Path)):
        return _with_store(store, None, lambda opened: apply_decisions(opened, decisions, source=str(path)))
    return apply_decisions(store, decisions, source=str(path))


def reapply(location, curation=None, say=None) -> ApplyReport:
    """Apply the curation file to the store again (after editing the file by hand, or pulling
    someone else's decisions)."""
    path = curation_path(location, curation)
    if not path.exists():
        raise CurationError(f"there is no curation file at {path}; decisions are made with actorgraph merge, "
                            "rename, reject...")
    return _with_store(location, say, lambda store: apply_decisions(store, load_decisions(path), source=str(path)))


def list_decisions(location, curation=None) -> tuple[Path, list[dict]]:
    """The decisions of the curation file with their status in the store: ``applied``,
    ``no effect: WHY`` or ``not applied yet``."""
    from actorgraph.curation.records import recorded_outcomes
    from actorgraph.graph.store import is_url, open_store, store_exists

    path = curation_path(location, curation)
    decisions = load_decisions(path)
    outcomes = {}
    if decisions and (is_url(location) or store_exists(_location(location))):
        store = open_store(location, read_only=True)
        outcomes = recorded_outcomes(store)
        del store
    rows = []
    for d in decisions:
        if d.id not in outcomes:
            status = "not applied yet (actorgraph curation --apply)"
        else:
            status = f"no effect: {outcomes[d.id]}" if outcomes[d.id] else "applied"
        rows.append({"id": d.id, "action": d.action, "decision": d.describe(), "by": d.by, "at": d.at,
                     "note": d.note or "", "status": status})
    return path, rows


def undo(location, decision_id: int, curation=None, say=None) -> tuple[Decision, ApplyReport]:
    """Take a decision back: remove it from the curation file and bring the store to what the
    remaining decisions make of the documents.

    An alias, an asserted relation or a ``distinct`` lives only in the curation graph, which is
    rebuilt from the file. Any other decision changed extracted facts: the store's documents
    are read again from their sources and extracted afresh (see
    :func:`actorgraph.curation.rebuild.rebuild`), then the remaining decisions are applied.
    """
    path = curation_path(location, curation)
    decisions = load_decisions(path)
    chosen = next((d for d in decisions if d.id == decision_id), None)
    if chosen is None:
        known = ", ".join(str(d.id) for d in decisions) or "none"
        raise CurationError(f"no decision {decision_id} in {path} (decisions: {known}); list them with "
                            "actorgraph curation")
    remaining = [d for d in decisions if d.id != decision_id]
    if chosen.action in ADDITIVE:
        def work(store):
            save_decisions(path, remaining)
            return apply_decisions(store, remaining, source=str(path))

        return chosen, _with_store(location, say, work)
    from actorgraph.curation.rebuild import rebuild

    report = rebuild(location, remaining, source=str(path),
                     before_write=lambda: save_decisions(path, remaining), say=say)
    return chosen, report

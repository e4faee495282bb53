"""A curation decision as plain data: what an analyst decided, about which entities, who and when.

Each action names its fields once, in :data:`ACTIONS`: the file reader checks a decision against
it, the writer orders a decision's keys by it, and the docs list it. An entity is named by its
IRI (what the decision applies to) and by its label at the time (what a person reads).

Examples
--------
>>> d = Decision(1, "alias", {"entity": Target("https://w3id.org/actorgraph/id/organisation/europol", "Europol"),
...                           "alias": "EUROPOL"}, by="jdoe", at="2025-01-02T10:00:00Z")
>>> d.describe()
"add the alias 'EUROPOL' to 'Europol'"
>>> Decision.from_dict(d.to_dict()) == d
True
"""

from __future__ import annotations

__all__ = ["Target", "Decision", "ACTIONS", "ADDITIVE", "CurationError", "check_class",
           "check_wikidata", "MODALITIES"]

import re
from datetime import datetime
from dataclasses import dataclass, field

from actorgraph.errors import ActorGraphError

WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")
MODALITIES = ("actual", "proposed")


class CurationError(ActorGraphError):
    """A decision that cannot be made (an unknown class, a target that is gone...) or a
    curation file that cannot be read."""


@dataclass(frozen=True)
class Target:
    """An entity a decision names: its IRI, and its label when the decision was made."""

    id: str
    label: str = ""

    def __str__(self) -> str:
        return repr(self.label or self.id)


# The fields of each action, in the order they are written: "target" fields name an entity,
# "text" fields are strings; optional ones end with "?".
ACTIONS: dict[str, dict[str, str]] = {
    "merge": {"entity": "target", "other": "target"},
    "split": {"entity": "target", "alias": "text", "new": "target"},
    "rename": {"entity": "target", "label": "text"},
    "retype": {"entity": "target", "class": "text"},
    "alias": {"entity": "target", "alias": "text"},
    "identify": {"entity": "target", "wikidata": "text"},
    "reject": {"entity": "target"},
    "reject-relation": {"subject": "target", "relation": "text", "object": "target",
                        "document?": "text", "sentence?": "text"},
    "assert": {"subject": "target", "relation": "text", "object": "target", "source": "text",
               "modality?": "text"},
    "modality": {"subject": "target", "object": "target", "modality": "text",
                 "document?": "text", "sentence?": "text"},
    "distinct": {"entity": "target", "other": "target"},
}

#: Actions whose effect lives only in the curation graph: undoing one needs no rebuild.
ADDITIVE = frozenset({"alias", "assert", "distinct"})


@dataclass
class Decision:
    """One decision of the curation file.

    ``fields`` holds the action's own fields (see :data:`ACTIONS`): :class:`Target` values for
    entities, strings otherwise. ``by`` is the analyst's user name, ``at`` a UTC timestamp
    (``2025-01-02T10:00:00Z``), ``note`` why, in the analyst's words.
    """

    id: int
    action: str
    fields: dict = field(default_factory=dict)
    by: str = ""
    at: str = ""
    note: str | None = None

    def __getitem__(self, name: str):
        return self.fields.get(name)

    def targets(self) -> list[Target]:
        """The entities the decision names, in field order."""
        return [v for v in self.fields.values() if isinstance(v, Target)]

    def to_dict(self) -> dict:
        """The decision as the curation file holds it, keys in a fixed order."""
        out: dict = {"id": self.id, "action": self.action}
        for key in ACTIONS[self.action]:
            name = key.rstrip("?")
            value = self.fields.get(name)
            if value is None:
                continue
            out[name] = {"id": value.id, "label": value.label} if isinstance(value, Target) else value
        if self.note:
            out["note"] = self.note
        out["by"] = self.by
        out["at"] = self.at
        return out

    @classmethod
    def from_dict(cls, data, where: str = "decision") -> "Decision":
        """Read one decision, checking it against :data:`ACTIONS`.

        Raises
        ------
        CurationError
            When a key is missing, unknown or of the wrong kind; the message says which.
        """
        if not isinstance(data, dict):
            raise CurationError(f"{where}: expected a mapping (id: ..., action: ...), found {type(data).__name__}")
        action = data.get("action")
        if action not in ACTIONS:
            raise CurationError(f"{where}: unknown action {action!r}; known: {', '.join(ACTIONS)}")
        ident = data.get("id")
        if isinstance(ident, bool) or not isinstance(ident, int) or ident < 1:
            raise CurationError(f"{where}: 'id' must be a positive whole number, found {ident!r}")
        spec = ACTIONS[action]
        names = {k.rstrip("?") for k in spec}
        unknown = set(data) - names - {"id", "action", "by", "at", "note"}
        if unknown:
            raise CurationError(f"{where} ({action}): unknown key(s) {', '.join(sorted(unknown))}; "
                                f"a {action} takes {', '.join(sorted(names))}")
        fields = {}
        for key, kind in spec.items():
            name, optional = key.rstrip("?"), key.endswith("?")
            value = data.get(name)
            if value is None or value == "":
                if optional:
                    continue
                raise CurationError(f"{where} ({action}): '{name}' is missing")
            if kind == "target":
                fields[name] = _target(value, f"{where} ({action}) {name}")
            else:
                fields[name] = str(value)
        decision = cls(ident, action, fields, str(data.get("by") or ""), _timestamp(data.get("at")),
                       str(data["note"]) if data.get("note") else None)
        if not decision.at:
            raise CurationError(f"{where}: 'at' is missing: the time of the decision, like 2025-01-02T10:00:00Z")
        try:
            datetime.fromisoformat(decision.at.replace("Z", "+00:00"))
            if "T" not in decision.at:
                raise ValueError
        except ValueError:
            raise CurationError(f"{where}: 'at' is {decision.at!r}; write a date and time, like "
                                "2025-01-02T10:00:00Z") from None
        decision.check(where)
        return decision

    def check(self, where: str = "") -> None:
        """The values make sense on their own (a QID's form, a known class and relation)."""
        from actorgraph.ontology import RELATIONS

        if self.action == "identify":
            check_wikidata(self["wikidata"], where)
        elif self.action == "retype":
            self.fields["class"] = check_class(self["class"], where)
        elif self.action in ("reject-relation", "assert") and self["relation"] not in RELATIONS:
            raise CurationError(f"{_at(where)}unknown relation {self['relation']!r}; "
                                f"known: {', '.join(sorted(RELATIONS))}")
        if self["modality"] is not None and self["modality"] not in MODALITIES:
            raise CurationError(f"{_at(where)}modality must be actual or proposed, not {self['modality']!r}")
        if self.action == "assert" and self["modality"] and self["relation"] != "cooperatesWith":
            raise CurationError(f"{_at(where)}only cooperatesWith has a modality")
        if self.action in ("merge", "distinct") and self["entity"].id == self["other"].id:
            raise CurationError(f"{_at(where)}{self['entity']} and {self['other']} are the same entity")

    def describe(self) -> str:
        """The decision in words, as ``actorgraph curation`` and ``show`` print it."""
        a, f = self.action, self.fields
        where = "".join(f" in {f[k]}" if k == "document" else f" (sentence '{f[k]}')"
                        for k in ("document", "sentence") if f.get(k))
        if a == "merge":
            return f"merge {f['other']} into {f['entity']}"
        if a == "split":
            return f"split {f['alias']!r} off {f['entity']} as an entity of its own"
        if a == "rename":
            return f"rename {f['entity']} to {f['label']!r}"
        if a == "retype":
            return f"make {f['entity']} a {f['class']}"
        if a == "alias":
            return f"add the alias {f['alias']!r} to {f['entity']}"
        if a == "identify":
            return f"identify {f['entity']} as Wikidata {f['wikidata']}"
        if a == "reject":
            return f"reject {f['entity']} (not a real entity)"
        if a == "reject-relation":
            return f"reject {f['subject']} {f['relation']} {f['object']}{where}"
        if a == "assert":
            modality = f" ({f['modality']})" if f.get("modality") else ""
            return f"assert {f['subject']} {f['relation']} {f['object']}{modality}, source: {f['source']}"
        if a == "modality":
            return f"make the cooperation of {f['subject']} with {f['object']} {f['modality']}{where}"
        return f"{f['entity']} and {f['other']} are different entities"


def _target(value, where: str) -> Target:
    if isinstance(value, str):
        return Target(value)
    if not isinstance(value, dict) or not value.get("id"):
        raise CurationError(f"{_at(where)}expected an entity as 'id: IRI' and 'label: name'")
    return Target(str(value["id"]), str(value.get("label") or ""))


def _timestamp(value) -> str:
    """``at`` as text; YAML turns an unquoted timestamp into a datetime."""
    if value is None or value == "":
        return ""
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return text.replace("+00:00", "Z") if "+" in text or text.endswith("Z") else text + ("Z" if "T" in text else "")
    return str(value)


def check_wikidata(qid: str, where: str = "") -> str:
    """A Wikidata item id, such as ``Q208398``.

    >>> check_wikidata("Q208398")
    'Q208398'
    """
    if not WIKIDATA.match(qid or ""):
        raise CurationError(f"{_at(where)}{qid!r} is not a Wikidata item id (Q followed by digits, like Q208398)")
    return qid


def check_class(name: str, where: str = "") -> str:
    """An entity class of the ontology, in its own spelling; any case is accepted.

    >>> check_class("euagency")
    'EUAgency'
    """
    from actorgraph.ontology import CLASS_PARENT, core_class

    known = {}
    for cls in CLASS_PARENT:
        try:
            core_class(cls)
        except ValueError:
            continue  # not an entity class (Document, Decision...)
        known[cls.lower()] = cls
    found = known.get((name or "").lower())
    if found is None:
        import difflib

        close = difflib.get_close_matches((name or "").lower(), list(known), n=3, cutoff=0.6)
        hint = f" (did you mean {', '.join(known[c] for c in close)}?)" if close else ""
        order = sorted(known.values(), key=lambda c: (core_class(c), c != core_class(c), c))
        raise CurationError(f"{_at(where)}unknown class {name!r}{hint}; choose from {', '.join(order)}")
    return found


def _at(where: str) -> str:
    return f"{where}: " if where else ""

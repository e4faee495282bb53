"""Score the pipeline against a hand-made gold annotation (``tests/gold/*.yaml``).

Entities match one-to-one when their core class is the same and they share a name (label or
alias, compared case- and accent-insensitively). Relations match through the entity matching;
cooperation is compared as unordered pairs.

Run ``python tests/scoring.py`` to print the figures quoted in the README.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from actorgraph.loaders.extract.tokens import normalise  # noqa: E402

ROLE_RELATIONS = ("speaksAt", "chairs", "panellistAt")


@dataclass
class Scores:
    entity_precision: float
    entity_recall: float
    entity_f1: float
    affiliation_recall: float
    session_role_recall: float
    cooperation_precision: float
    cooperation_recall: float
    modality_accuracy: float
    missed_entities: list[str] = field(default_factory=list)
    spurious_entities: list[str] = field(default_factory=list)
    missed_relations: list[str] = field(default_factory=list)
    spurious_cooperation: list[str] = field(default_factory=list)
    wrong_modality: list[str] = field(default_factory=list)

    def table(self) -> str:
        rows = [
            ("entity precision", self.entity_precision), ("entity recall", self.entity_recall),
            ("entity F1", self.entity_f1), ("affiliation recall", self.affiliation_recall),
            ("session-role recall", self.session_role_recall),
            ("cooperation precision", self.cooperation_precision),
            ("cooperation recall", self.cooperation_recall), ("modality accuracy", self.modality_accuracy),
        ]
        return "\n".join(f"| {name} | {value:.3f} |" for name, value in rows)


def _form(name: str) -> str:
    """Names compare without case, accents, punctuation or "the"."""
    return " ".join(w for w in normalise(name).split() if w != "the")


def _names(label: str, aliases) -> set[str]:
    return {_form(x) for x in [label, *(aliases or [])] if x and _form(x)}


def match_entities(gold: list[dict], predicted: list[dict]) -> dict[int, int]:
    """Gold index -> predicted index, one-to-one, most shared names first."""
    pairs = []
    pred_names = [_names(p["label"], p.get("aliases")) for p in predicted]
    for gi, g in enumerate(gold):
        gn = _names(g["label"], g.get("aliases"))
        for pi, p in enumerate(predicted):
            if p["type"] != g["type"]:
                continue
            shared = gn & pred_names[pi]
            if shared:
                exact = _form(g["label"]) == _form(p["label"])
                pairs.append((-(len(shared) + 10 * exact), gi, pi))
    pairs.sort()
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in pairs:
        if gi in out or pi in used:
            continue
        out[gi] = pi
        used.add(pi)
    return out


def score(gold_doc: dict, predicted_entities: list[dict], predicted_relations: list[dict],
          include_low: bool = False) -> Scores:
    """``predicted_entities``: dicts with id, label, type (core class), aliases (list);
    ``predicted_relations``: dicts with source, relation, target (entity ids), modality."""
    gold_all = gold_doc["entities"]
    matching = match_entities(gold_all, predicted_entities)
    low = {i for i, g in enumerate(gold_all) if g.get("confidence") == "low" and not include_low}
    counted_gold = [i for i in range(len(gold_all)) if i not in low]
    matched_pred = {pi for gi, pi in matching.items()}
    low_pred = {matching[gi] for gi in low if gi in matching}
    tp = sum(1 for gi in counted_gold if gi in matching)
    n_pred = len(predicted_entities) - len(low_pred)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / len(counted_gold) if counted_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    gold_index = {g["label"]: i for i, g in enumerate(gold_all)}
    to_pred = {gi: predicted_entities[pi]["id"] for gi, pi in matching.items()}
    pred_rel = {(r["source"], r["relation"], r["target"]) for r in predicted_relations}
    pred_modalities: dict[frozenset, set[str]] = {}
    for r in predicted_relations:
        if r["relation"] == "cooperatesWith":
            pred_modalities.setdefault(frozenset((r["source"], r["target"])), set()).add(r.get("modality") or "")

    missed: list[str] = []

    def recalled(kinds) -> float:
        items = [r for r in gold_doc["relations"] if r["relation"] in kinds
                 and (include_low or r.get("confidence") != "low")]
        hit = 0
        for r in items:
            s, o = to_pred.get(gold_index[r["source"]]), to_pred.get(gold_index[r["target"]])
            if s and o and (s, r["relation"], o) in pred_rel:
                hit += 1
            else:
                missed.append(f"{r['source']} {r['relation']} {r['target']}")
        return hit / len(items) if items else 1.0

    affiliation = recalled(("affiliatedWith",))
    roles = recalled(ROLE_RELATIONS)

    gold_coop = {}
    for r in gold_doc["relations"]:
        if r["relation"] != "cooperatesWith" or (r.get("confidence") == "low" and not include_low):
            continue
        s, o = to_pred.get(gold_index[r["source"]]), to_pred.get(gold_index[r["target"]])
        key = frozenset((s or "gold:" + r["source"], o or "gold:" + r["target"]))
        gold_coop.setdefault(key, set()).add(r.get("modality"))
    low_coop = set()
    for r in gold_doc["relations"]:
        if r["relation"] == "cooperatesWith" and r.get("confidence") == "low" and not include_low:
            s, o = to_pred.get(gold_index[r["source"]]), to_pred.get(gold_index[r["target"]])
            if s and o:
                low_coop.add(frozenset((s, o)))
    predicted_pairs = set(pred_modalities) - (low_coop - set(gold_coop))
    hits = set(gold_coop) & predicted_pairs
    coop_p = len(hits) / len(predicted_pairs) if predicted_pairs else 0.0
    coop_r = len(hits) / len(gold_coop) if gold_coop else 1.0
    label_of = {p["id"]: p["label"] for p in predicted_entities}
    right = 0
    wrong = []
    for pair in hits:
        if gold_coop[pair] & pred_modalities[pair]:
            right += 1
        else:
            wrong.append(" / ".join(sorted(label_of.get(x, x) for x in pair)))
    modality = right / len(hits) if hits else 0.0
    for pair in set(gold_coop) - hits:
        missed.append("cooperation " + " / ".join(sorted(label_of.get(x, x) for x in pair)))
    return Scores(
        precision, recall, f1, affiliation, roles, coop_p, coop_r, modality,
        missed_entities=[gold_all[i]["label"] for i in counted_gold if i not in matching],
        spurious_entities=[p["label"] + " (" + p["type"] + ")" for pi, p in enumerate(predicted_entities) if pi not in matched_pred],
        missed_relations=missed,
        spurious_cooperation=[" / ".join(sorted(label_of.get(x, x) for x in pair)) for pair in predicted_pairs - hits],
        wrong_modality=wrong,
    )


def predict(document) -> tuple[list[dict], list[dict]]:
    """Run the pipeline on a document; entities and relations in the scorer's shape."""
    from actorgraph.graph.build import process

    _, _, resolution = process(document)
    from actorgraph.ontology import CORE_CLASSES

    # the gold annotates the six core classes (recommendations are scored by their own tests)
    ents = [{"id": e.iri, "label": e.label, "type": e.core, "aliases": sorted(e.aliases)}
            for e in resolution.entities.values() if e.core in CORE_CLASSES]
    rels = [{"source": r.subject, "relation": r.predicate, "target": r.object, "modality": r.modality}
            for r in resolution.relations]
    return ents, rels


def score_bundled(include_low: bool = False) -> Scores:
    from actorgraph.loaders import bundled_document

    gold = yaml.safe_load((HERE / "gold" / "emn_2016.yaml").read_text(encoding="utf-8"))
    ents, rels = predict(bundled_document())
    return score(gold, ents, rels, include_low=include_low)


if __name__ == "__main__":
    s = score_bundled(include_low="--low" in sys.argv)
    print(s.table())
    if "-v" in sys.argv:
        for title, items in [("missed entities", s.missed_entities), ("spurious entities", s.spurious_entities),
                             ("missed relations", s.missed_relations), ("spurious cooperation", s.spurious_cooperation),
                             ("wrong modality", s.wrong_modality)]:
            print(f"\n## {title} ({len(items)})")
            for x in items:
                print(" -", x)

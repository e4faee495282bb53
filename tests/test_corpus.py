"""Every development document builds, and yields what a reader verified in it (issue 2).

tests/gold/corpus_samples.yaml holds facts checked by hand in each of the other genres: agency
risk analyses (Windows-1252, one line), encyclopaedia articles (Markdown), news (scrape noise).
"""

from __future__ import annotations

import pytest
import yaml
from conftest import CORPUS
from scoring import HERE, match_entities

from actorgraph.graph.build import build, process
from actorgraph.loaders import load_path

SAMPLES = yaml.safe_load((HERE / "gold" / "corpus_samples.yaml").read_text(encoding="utf-8"))["documents"]


@pytest.fixture(scope="module")
def predictions():
    out = {}
    for sample in SAMPLES:
        _, _, res = process(load_path(CORPUS / sample["document"]))
        entities = [{"id": e.iri, "label": e.label, "type": e.core, "aliases": sorted(e.aliases)}
                    for e in res.entities.values()]
        relations = {(r.subject, r.predicate, r.object) for r in res.relations}
        relations |= {(r.object, r.predicate, r.subject) for r in res.relations if r.predicate == "cooperatesWith"}
        out[sample["document"]] = (entities, relations)
    return out


def test_every_corpus_document_builds_into_one_store(tmp_path):
    report = build([str(CORPUS)], tmp_path / "store")
    assert report.ok, report.failed
    assert len(report.loaded) == 6
    assert all(entities > 5 and relations > 0 for _, entities, relations in report.loaded)


@pytest.mark.parametrize("sample", SAMPLES, ids=[s["document"] for s in SAMPLES])
def test_sampled_entities_are_found(sample, predictions):
    entities, _ = predictions[sample["document"]]
    matched = match_entities(sample["entities"], entities)
    missed = [e["label"] for i, e in enumerate(sample["entities"]) if i not in matched]
    assert len(matched) >= 0.9 * len(sample["entities"]), missed


def test_sampled_relations_are_found(predictions):
    """Over all five documents, at least 80% of the hand-checked relations."""
    found, total, missed = 0, 0, []
    for sample in SAMPLES:
        entities, relations = predictions[sample["document"]]
        matched = match_entities(sample["entities"], entities)
        ids = {sample["entities"][g]["label"]: entities[p]["id"] for g, p in matched.items()}
        for r in sample["relations"]:
            total += 1
            if (ids.get(r["source"]), r["relation"], ids.get(r["target"])) in relations:
                found += 1
            else:
                missed.append(f"{sample['document']}: {r['source']} {r['relation']} {r['target']}")
    assert found >= 0.8 * total, missed


def test_cross_document_resolution_gives_one_node(tmp_path):
    """Frontex named in several documents is one entity with evidence from each."""
    from actorgraph.graph import queries
    from actorgraph.graph.store import open_store

    store_path = tmp_path / "store"
    build([str(CORPUS / "aljazeera_eu_ships_rescue_2015.md"), str(CORPUS / "frontex_risk_analysis_2018.txt")], store_path)
    store = open_store(store_path, read_only=True)
    frontex = queries.find_entity(store, "Frontex")
    shown = queries.show(store, frontex["id"])
    assert len(shown["mentions"]) == 2

"""Conclusions, recommendations and next steps as entities of their own (issue 6's data)."""

from __future__ import annotations

from collections import Counter

import pytest

from actorgraph.graph.build import process
from actorgraph.loaders import bundled_document, load_text


@pytest.fixture(scope="module")
def bundled():
    _, _, res = process(bundled_document())
    return res


def test_workshop_conclusions_are_extracted_with_their_counts(bundled):
    made_at = Counter(bundled.entities[r.object].label for r in bundled.relations
                      if r.predicate == "madeAt" and bundled.entities[r.object].label.startswith("Workshop"))
    assert [made_at[f"Workshop {n}"] for n in range(1, 7)] == [4, 5, 6, 6, 7, 6]


def test_recommendations_carry_text_kind_rank_and_addressees(bundled):
    recs = {e.iri: e for e in bundled.entities.values() if e.core == "Recommendation"}
    step = next(e for e in recs.values() if e.text and e.text.startswith("An increase of cooperation"))
    assert step.kind == "next step" and step.rank == 4
    addressed = {bundled.entities[r.object].label for r in bundled.relations
                 if r.predicate == "addresses" and r.subject == step.iri}
    assert addressed == {"Europol", "Frontex", "Eurojust"}
    conclusions = [e for e in recs.values() if e.kind == "conclusion"]
    assert all(e.label and e.text for e in conclusions)


def test_lists_that_are_not_recommendations_are_not_extracted():
    doc = load_text("The key findings of the study were:\n\n- Smuggling is a market;\n- Networks cluster.\n\n"
                    "The recommendations of the panel:\n\n1. Strengthen cooperation with Europol;\n"
                    "2. Share data with Frontex.\n", "x.txt")
    _, _, res = process(doc)
    recs = sorted((e.rank, e.kind, e.label) for e in res.entities.values() if e.core == "Recommendation")
    assert recs == [(1, "recommendation", "Strengthen cooperation with Europol"), (2, "recommendation", "Share data with Frontex")]

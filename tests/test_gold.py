"""The pipeline scored against the hand-made gold annotation of the bundled report (issue 2).

Targets: entity F1 >= 0.95, affiliation and session-role recall >= 0.95, cooperation recall
>= 0.85 at precision >= 0.8, modality right >= 90%. The gold was annotated from the text
alone (docs/annotation.md); the figures are quoted in the README.
"""

import pytest

from scoring import score_bundled


@pytest.fixture(scope="module")
def scores():
    return score_bundled()


def test_entities_f1(scores):
    assert scores.entity_f1 >= 0.95, (scores.missed_entities, scores.spurious_entities)


def test_affiliations_and_session_roles_recall(scores):
    assert scores.affiliation_recall >= 0.95, scores.missed_relations
    assert scores.session_role_recall >= 0.95, scores.missed_relations


def test_cooperation_recall_and_precision(scores):
    assert scores.cooperation_recall >= 0.85, scores.missed_relations
    assert scores.cooperation_precision >= 0.8, scores.spurious_cooperation


def test_modality(scores):
    assert scores.modality_accuracy >= 0.9, scores.wrong_modality


def test_scorer_penalises_a_wrong_prediction():
    """The scorer itself can fail: an empty or wrong prediction scores low."""
    import yaml
    from scoring import HERE, score

    gold = yaml.safe_load((HERE / "gold" / "emn_2016.yaml").read_text(encoding="utf-8"))
    nothing = score(gold, [], [])
    assert nothing.entity_f1 == 0 and nothing.cooperation_recall == 0
    wrong = score(gold, [{"id": "x", "label": "Europol", "type": "Person", "aliases": []}], [])
    assert wrong.entity_precision == 0

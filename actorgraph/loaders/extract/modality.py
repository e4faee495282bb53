"""Is a cooperation said to happen (``actual``) or only called for (``proposed``)?"""

from __future__ import annotations

from actorgraph.loaders.extract import lexicon as lx

ACTUAL = "actual"
PROPOSED = "proposed"


def clause_modality(clause: str, inherited: str | None = None) -> str:
    """Modality of a clause: proposed when it carries a modal or planning cue ("should",
    "need to", "envisaged", "will"), or opens with an imperative ("Strengthen cooperation ...");
    otherwise what the context gives (a list of recommendations), else actual.

    >>> clause_modality("Frontex has information sharing agreement in place with EUNAVFOR Med")
    'actual'
    >>> clause_modality("Close work with Europol should be undertaken")
    'proposed'
    >>> clause_modality("Strengthen cooperation with third countries")
    'proposed'
    >>> clause_modality("An increase of cooperation between Europol and Frontex", inherited="proposed")
    'proposed'
    """
    if lx.PROPOSAL_CUE.search(clause):
        return PROPOSED
    body = lx.ENUMERATORS.sub("", clause.lstrip(" -\u2022\t0123456789.)")).lstrip(" ,")
    first = body.split(" ", 1)[0].lower().strip(",;:")
    if first in lx.IMPERATIVES:
        return PROPOSED
    return inherited or ACTUAL


def introduces_proposals(sentence: str) -> bool:
    """Does this sentence announce a list of proposals (recommendations, next steps,
    envisaged actions)?"""
    return bool(lx.PROPOSAL_INTRO.search(sentence))

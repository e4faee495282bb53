"""Curation: analysts correct the graph, and their corrections survive every rebuild.

Decisions are data (nomenklatura's "judgements"): each merge, split, rename, change of class,
alias, Wikidata id, rejection, hand-asserted relation or change of modality is one entry of a
plain curation file kept beside the store (:mod:`~actorgraph.curation.file`), with who made it,
when and why. They are applied to the store in order after each curation command and after every
build (:mod:`~actorgraph.curation.apply`), so re-extracting the documents, or adding new ones,
keeps them. :mod:`~actorgraph.curation.suggest` proposes likely duplicates and false entities;
it never decides.

The library calls behind the commands are in :mod:`~actorgraph.curation.session`; see
docs/curation.md. Importing this package is cheap (no yaml, no rdflib).
"""

from __future__ import annotations

__all__ = ["Decision", "Target", "ACTIONS", "CurationError", "CURATION_GRAPH", "ApplyReport",
           "apply_decisions", "apply_curation", "curation_path", "load_decisions", "save_decisions",
           "record", "undo", "reapply", "list_decisions", "summary"]

from actorgraph.curation.apply import ApplyReport, apply_decisions
from actorgraph.curation.file import curation_path, load_decisions, save_decisions
from actorgraph.curation.graph import CURATION_GRAPH
from actorgraph.curation.model import ACTIONS, CurationError, Decision, Target
from actorgraph.curation.records import summary
from actorgraph.curation.session import apply_curation, list_decisions, reapply, record, undo

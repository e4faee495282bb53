"""Extraction: a cleaned :class:`~actorgraph.loaders.document.Document` in, mentions and
relations with their evidence out (:class:`~actorgraph.loaders.extract.model.Extraction`).

The pieces, in the order they run: ``vocabulary`` (known names), ``names`` (acronym
definitions, head-word chunks, people), ``walker`` (the document's context: sessions, speakers,
lists), ``relations`` and ``modality`` (what the sentences say about the names).

>>> from actorgraph.loaders import load_text
>>> ex = extract(load_text("Frontex has an agreement in place with Europol.", "example.txt"))
>>> sorted(m.text for m in ex.mentions)
['Europol', 'Frontex']
>>> [(r.predicate, r.modality) for r in ex.relations]
[('cooperatesWith', 'actual')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from actorgraph.loaders.extract.model import Extraction, Mention, Relation

if TYPE_CHECKING:
    from actorgraph.loaders.document import Document
    from actorgraph.loaders.extract.vocabulary import Vocabulary

__all__ = ["extract", "Extraction", "Mention", "Relation"]


def extract(document: "Document", vocabulary: "Vocabulary | None" = None) -> Extraction:
    """Find the entities and relations a document states, each with its evidence."""
    from actorgraph.loaders.extract.vocabulary import default_vocabulary
    from actorgraph.loaders.extract.walker import DocumentWalker

    return DocumentWalker(document, vocabulary or default_vocabulary()).run()

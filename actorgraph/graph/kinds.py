"""The kind of an entity: its core class, or its own class for entities outside the six core
classes (a Recommendation)."""

from __future__ import annotations

from functools import lru_cache

from actorgraph.ontology import core_class

OTHER_ENTITY_CLASSES = ("Recommendation",)


@lru_cache(maxsize=None)
def entity_kind(class_name: str) -> str:
    """``entity_kind("EUAgency")`` is ``"Organisation"``; ``entity_kind("Recommendation")`` is
    ``"Recommendation"``."""
    if class_name in OTHER_ENTITY_CLASSES:
        return class_name
    return core_class(class_name)

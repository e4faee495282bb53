"""YAML read with libyaml's C parser when PyYAML has it (the vocabulary and the ontology are
read at every build and every ``ontology`` command: about 1 s with the pure-Python parser,
a tenth of that with the C one), and the pure-Python safe loader otherwise."""

from __future__ import annotations

__all__ = ["safe_load"]

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str):
    """``yaml.safe_load``, faster: only the standard YAML tags, never Python objects.

    >>> safe_load("- id: europol\\n  label: Europol")
    [{'id': 'europol', 'label': 'Europol'}]
    """
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 -- a safe loader, C or Python

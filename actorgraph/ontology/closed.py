"""A closed namespace: a misspelt term raises instead of silently minting a new IRI.

The idea of rdflib's ``DefinedNamespace`` with ``_fail = True``, without importing rdflib:
terms are plain ``str`` IRIs, so the query path stays fast. ``namespace.py`` (generated)
builds ``AG`` from this class.
"""

from __future__ import annotations

__all__ = ["ClosedNamespace", "UnknownTerm"]

from actorgraph.errors import ActorGraphError


class UnknownTerm(ActorGraphError, AttributeError, KeyError):
    """A name that is not a term of the ontology. It is an ``AttributeError`` (for
    ``AG.name``, ``hasattr``) and a ``KeyError`` (for ``AG["name"]``) at once."""

    exit_code = 2

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class ClosedNamespace:
    """A fixed set of terms under one base IRI.

    Parameters
    ----------
    base : str
        The IRI every term starts with.
    terms : iterable of str
        The local names.
    name : str
        How error messages call the namespace.

    Examples
    --------
    >>> EX = ClosedNamespace("https://example.org/#", ["Person", "knows"])
    >>> EX.Person
    'https://example.org/#Person'
    >>> EX["knows"] == EX.knows
    True
    >>> EX.Persn  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    actorgraph.ontology.closed.UnknownTerm: 'Persn' is not a term of ...; did you mean 'Person'?
    """

    __slots__ = ("_base", "_terms", "_name")

    def __init__(self, base: str, terms, name: str | None = None):
        object.__setattr__(self, "_base", base)
        object.__setattr__(self, "_terms", tuple(terms))
        object.__setattr__(self, "_name", name or base)

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):  # copy, pickle and doctest probe for dunder names
            raise AttributeError(name)
        return self[name]

    def __getitem__(self, name: str) -> str:
        if name in self._terms:
            return self._base + name
        raise UnknownTerm(self._unknown(name))

    def __setattr__(self, name, value):
        raise AttributeError(f"{self._name} is closed: its terms cannot be changed")

    def __contains__(self, item: object) -> bool:
        """A local name (``"Person"``) or a full IRI of a term."""
        if not isinstance(item, str):
            return False
        if item.startswith(self._base):
            item = item[len(self._base):]
        return item in self._terms

    def __iter__(self):
        """The full IRIs of the terms, in declaration order."""
        return (self._base + term for term in self._terms)

    def __len__(self) -> int:
        return len(self._terms)

    def __dir__(self):
        return list(self._terms)

    def __repr__(self) -> str:
        return f"ClosedNamespace({self._base!r}, {len(self._terms)} terms)"

    def local_name(self, iri: str) -> str:
        """The local name of a term's IRI (``AG.local_name(AG.Person) == "Person"``)."""
        if iri.startswith(self._base) and iri[len(self._base):] in self._terms:
            return iri[len(self._base):]
        raise UnknownTerm(self._unknown(iri))

    def _unknown(self, name: str) -> str:
        import difflib  # only on the error path

        local = name[len(self._base):] if name.startswith(self._base) else name
        close = difflib.get_close_matches(local, self._terms, n=3, cutoff=0.6)
        if not close:  # also try ignoring case: "organization" -> "Organisation"
            lowered = {t.lower(): t for t in self._terms}
            close = [lowered[m] for m in difflib.get_close_matches(local.lower(), lowered, n=3)]
        hint = ("did you mean " + " or ".join(repr(c) for c in close) + "?" if close
                else f"the terms are: {', '.join(self._terms)}")
        return f"{name!r} is not a term of {self._name}; {hint}"

"""The curated reference vocabulary (``loaders/vocabulary/*.yaml``) and a fast phrase matcher.

Matching is a dictionary lookup on the first token and a comparison of the following ones
(longest alias first): tens of thousands of aliases cost the same per token as ten."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from actorgraph.loaders.extract.tokens import Token, fold, normalise, tokenize

VOCABULARY_DIR = Path(__file__).resolve().parent.parent / "vocabulary"
FILES = ("organisations.yaml", "initiatives.yaml", "routes.yaml", "places.yaml")


@dataclass
class Entry:
    """One well-known entity of the vocabulary."""

    id: str
    label: str
    type: str
    aliases: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)
    wikidata: str | None = None
    country: str | None = None
    part_of: str | None = None
    demonyms: list[str] = field(default_factory=list)


_fold = fold


class Vocabulary:
    """Entries by id, and a matcher over their labels, aliases and acronyms."""

    def __init__(self, entries: list[Entry]):
        self.entries = {e.id: e for e in entries}
        # first folded token -> [(folded token tuple, entry id, case-sensitive form or None)]
        self._index: dict[str, list[tuple[tuple[str, ...], str, str | None]]] = {}
        self.demonyms: dict[str, str] = {}  # folded demonym or place name -> place id
        self._by_name: dict[str, str] | None = None
        self.derived: dict[str, object] = {}  # tables other modules derive once per vocabulary
        for e in entries:
            for name in [e.label, *e.aliases]:
                self._add(name, e.id, case_sensitive=False)
            for acronym in e.acronyms:
                self._add(acronym, e.id, case_sensitive=True)
            if e.type in ("Country", "Region", "City", "Place"):
                for name in [e.label, *e.aliases, *e.demonyms]:
                    self.demonyms.setdefault(_fold(name), e.id)
        for candidates in self._index.values():
            candidates.sort(key=lambda c: -len(c[0]))

    def _add(self, name: str, entry_id: str, case_sensitive: bool) -> None:
        words = tuple(_fold(t.text) for t in tokenize(name) if t.text not in ".,")
        if not words:
            return
        form = name if case_sensitive else None
        self._index.setdefault(words[0], []).append((words, entry_id, form))

    def match(self, tokens: list[Token], i: int) -> tuple[int, str] | None:
        """The longest vocabulary name starting at ``tokens[i]``: ``(end index, entry id)``."""
        first = tokens[i]
        candidates = self._index.get(first.fold)
        if not candidates:
            return None
        size = len(tokens)
        for words, entry_id, form in candidates:
            n = len(words)
            if i + n > size:
                continue
            if n > 1:
                k = 1
                while k < n and tokens[i + k].fold == words[k]:
                    k += 1
                if k < n:
                    continue
            if form is not None:
                if " ".join(t.text for t in tokens[i : i + n]).replace(" .", ".") != form.replace(" .", "."):
                    if not (n == 1 and first.text == form):
                        continue
            elif not _case_ok(first.text, self.entries[entry_id], words[0]):
                continue
            return i + n, entry_id
        return None

    def starts(self) -> dict[str, list]:
        """First folded word of a name -> the names that start with it (longest first)."""
        return self._index

    def place_of(self, word: str) -> str | None:
        """The place id a country name or demonym names ("Dutch" -> the Netherlands)."""
        return self.demonyms.get(_fold(word))

    def by_normalised_name(self) -> dict[str, str]:
        """Normalised label/alias -> entry id (for resolving rule-found names); computed once."""
        if self._by_name is None:
            self._by_name = self._normalised_names()
        return self._by_name

    def _normalised_names(self) -> dict[str, str]:
        table: dict[str, str] = {}
        for e in self.entries.values():
            for name in [e.label, *e.aliases, *e.acronyms]:
                table.setdefault(normalise(name), e.id)
        return table


def _case_ok(text: str, entry: Entry, folded_first: str) -> bool:
    """A case-insensitive alias must still look like a name in the text: capitalised, or
    written as the vocabulary writes it ("eu-LISA")."""
    if text[0].isupper() or text.isupper():
        return True
    return any(
        name.split()[0] == text for name in [entry.label, *entry.aliases] if name
    )


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    """The vocabulary shipped with the package (loaded once per process)."""
    from actorgraph.yamlfile import safe_load

    entries: list[Entry] = []
    for name in FILES:
        path = VOCABULARY_DIR / name
        if not path.exists():
            continue
        for raw in safe_load(path.read_text(encoding="utf-8")) or []:
            entries.append(
                Entry(
                    id=raw["id"],
                    label=raw["label"],
                    type=raw["type"],
                    aliases=[str(a) for a in raw.get("aliases") or []],
                    acronyms=[str(a) for a in raw.get("acronyms") or []],
                    wikidata=raw.get("wikidata"),
                    country=raw.get("country"),
                    part_of=raw.get("part_of"),
                    demonyms=[str(a) for a in raw.get("demonyms") or []],
                )
            )
    return Vocabulary(entries)

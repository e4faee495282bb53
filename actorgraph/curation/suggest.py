"""Suggestions for the analyst: likely duplicates and likely false entities, ranked, each with the
command that accepts it. Nothing is changed here: a suggestion becomes a decision only when the
analyst runs its command.

Duplicates (two entities of the same class) are found by

* the same name but for an owner before it ("UN Economic and Social Council" and "Economic and
  Social Council");
* an acronym that spells the other's initials ("JIT" and "Joint Investigation Team");
* names a letter or two apart (``difflib`` ratio of 0.85 or more: "Filipo Grandi", "Filippo
  Grandi");
* one name inside the other with one word more ("League of Nations", "League of Nations High");

and rank higher when the two share neighbours (the same affiliation, the same partners).
Candidate pairs come from blocks of entities sharing a word (its first five letters) or an
acronym, so the work grows with the pairs that share something, not with all pairs.

False entities are people whose "name" is made of ordinary words of the documents ("Level
Document Officers") or of job titles, or is one word ("Cathedral"), and bodies whose name ends in
a title or a dangling word ("League of Nations High").
"""

from __future__ import annotations

__all__ = ["Suggestion", "suggest"]

import difflib
import re
import shlex
from collections import defaultdict
from dataclasses import dataclass, field

from actorgraph.names import normalise
from actorgraph.ontology.namespace import BASE, CORE_CLASSES, RDF, RDFS, SKOS

_PREFIXES = {"ag": BASE, "rdf": RDF, "rdfs": RDFS, "skos": SKOS}
_CORE = " ".join(f"ag:{c}" for c in CORE_CLASSES)

_ENTITIES = "SELECT ?e ?label ?core WHERE { ?e rdfs:label ?label ; a ?core . VALUES ?core { %s } }" % _CORE
_NAMES = ("SELECT ?e ?name WHERE { ?e a ?core . VALUES ?core { %s } "
          "{ ?e skos:altLabel ?name } UNION { ?e skos:hiddenLabel ?name } }" % _CORE)
_WIKIDATA = "SELECT ?e ?q WHERE { ?e ag:wikidata ?q }"
_MENTIONS = "SELECT ?e (COUNT(?m) AS ?n) WHERE { ?m ag:mentionOf ?e } GROUP BY ?e"
_STATEMENTS = "SELECT ?s ?p ?o WHERE { ?st a ag:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }"
_TEXTS = "SELECT ?d ?text WHERE { ?d a ag:Document ; ag:text ?text }"
_PERSON_MENTIONS = ("SELECT ?e ?d ?start WHERE { ?e a ag:Person . "
                    "?m ag:mentionOf ?e ; ag:inDocument ?d ; ag:start ?start }")

CONNECTORS = {"of", "for", "and", "on", "against", "the", "in", "to", "de", "du", "des", "la", "le"}
OWNERS = re.compile(r"^(?:un|united nations|eu|european union|the) ")
ACRONYM = re.compile(r"^[A-Z][A-Za-z]{1,7}$")
QUALIFIER = re.compile(r"\(([^()]+)\)\s*$")
ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"}
COMPASS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
           "north-east", "north-west", "south-east", "south-west", "southeastern", "northeastern",
           "southwestern", "northwestern", "upper", "lower", "inner", "outer"}
NUMBERISH = re.compile(r"\d")
DEMONYM = re.compile(r"(?:ian|an|ish|ese|ch|ic|i)$")  # Hungarian, German, Turkish, Maltese, Dutch, Hellenic, Iraqi
TITLES = {"ambassador", "commissioner", "envoy", "rapporteur", "spokesperson", "spokesman",
          "director", "director-general", "president", "minister", "secretary", "secretary-general",
          "officer", "officers", "chair", "chairman", "chairwoman", "representative", "coordinator"}
BLOCK_LIMIT = 60  # a word shared by more entities than this says little: no block for it


@dataclass
class Suggestion:
    """``kind`` is ``duplicate`` (``entities`` = the one to keep, the one to merge into it) or
    ``false entity``; ``score`` from 0 to 1; ``command`` accepts the suggestion."""

    kind: str
    score: float
    entities: list[tuple[str, str]]  # (IRI, label)
    reason: str
    command: str

    def row(self) -> dict:
        return {"score": f"{self.score:.2f}", "kind": self.kind,
                "entities": " / ".join(label for _, label in self.entities),
                "reason": self.reason, "command": self.command,
                "ids": " ".join(iri for iri, _ in self.entities)}


@dataclass
class _Entity:
    iri: str
    label: str
    kind: str
    names: set[str] = field(default_factory=set)
    wikidata: set[str] = field(default_factory=set)
    mentions: int = 0
    relations: int = 0
    neighbours: set[str] = field(default_factory=set)
    after_article: int = 0  # mentions written right after "the"

    def weight(self) -> tuple:
        """Which of two duplicates to keep: identified, better attested, better named."""
        return (bool(self.wikidata), self.mentions + self.relations, len(self.names), len(self.label), self.label)


def _read(store) -> dict[str, _Entity]:
    def run(query):
        return store.query(query, prefixes=_PREFIXES, use_default_graph_as_union=True)

    found: dict[str, _Entity] = {}
    for r in run(_ENTITIES):
        iri = r["e"].value
        e = found.get(iri)
        if e is None or r["label"].value < e.label:
            found[iri] = _Entity(iri, r["label"].value, r["core"].value[len(BASE):],
                                 e.names if e else set())
        found[iri].names.add(r["label"].value)
    for r in run(_NAMES):
        if r["e"].value in found:
            found[r["e"].value].names.add(r["name"].value)
    for r in run(_WIKIDATA):
        if r["e"].value in found:
            found[r["e"].value].wikidata.add(r["q"].value)
    for r in run(_MENTIONS):
        if r["e"].value in found:
            found[r["e"].value].mentions = int(r["n"].value)
    for r in run(_STATEMENTS):
        s, o = r["s"].value, r["o"].value
        for a, b in ((s, o), (o, s)):
            if a in found:
                found[a].relations += 1
                found[a].neighbours.add(b)
    return found


def _words(name: str) -> list[str]:
    return [w for w in normalise(name).split() if w not in CONNECTORS]


def _initials(name: str) -> str:
    return "".join(w[0] for w in _words(name) if w and not w.isdigit())


def _qualifier(label: str) -> str | None:
    m = QUALIFIER.search(label)
    return m.group(1).lower() if m else None


def _blocks(entities: dict[str, _Entity]) -> set[tuple[str, str]]:
    blocks: dict[tuple, list[str]] = defaultdict(list)
    for e in entities.values():
        keys = set()
        for name in e.names:
            for w in _words(name):
                if len(w) >= 3:
                    keys.add(("w", e.kind, w[:5]))
            if ACRONYM.match(name) and sum(c.isupper() for c in name) >= 2:
                keys.add(("a", e.kind, name.lower()))
            elif len(_words(name)) >= 2:
                keys.add(("a", e.kind, _initials(name)))
        for key in keys:
            blocks[key].append(e.iri)
    pairs = set()
    for members in blocks.values():
        if len(members) > BLOCK_LIMIT:
            continue
        members = sorted(members)
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                pairs.add((a, b))
    return pairs


def _duplicate(a: _Entity, b: _Entity) -> tuple[float, str] | None:
    """Why two entities may be one, and how likely (None: no reason)."""
    if a.wikidata and b.wikidata and not a.wikidata & b.wikidata:
        return None  # identified as different items
    qa, qb = _qualifier(a.label), _qualifier(b.label)
    if qa and qb and qa != qb:
        return None  # "Federal Police (Germany)" and "Federal Police (Belgium)": namesakes
    best: tuple[float, str] | None = None

    def consider(score: float, reason: str) -> None:
        nonlocal best
        if best is None or score > best[0]:
            best = (score, reason)

    for x in sorted(a.names):
        nx = normalise(x)
        for y in sorted(b.names):
            ny = normalise(y)
            if not nx or not ny:
                continue
            if nx == ny:
                consider(0.97, f"both are called {x!r}")
                continue
            if OWNERS.sub("", nx) == OWNERS.sub("", ny):
                consider(0.95, f"{x!r} and {y!r} are one name, with and without its owner")
            if _is_acronym(x) and nx == _initials(y) and len(_words(y)) >= 2:
                consider(0.9, f"{x!r} is the acronym of {y!r}")
            elif _is_acronym(y) and ny == _initials(x) and len(_words(x)) >= 2:
                consider(0.9, f"{y!r} is the acronym of {x!r}")
            wx, wy = nx.split(), ny.split()
            typo = _one_word_apart(wx, wy)
            if typo:
                consider(round(0.9 * typo, 3), f"{x!r} and {y!r} are spelt almost alike")
            if a.kind != "Place":
                short, long_ = (wx, wy) if len(wx) < len(wy) else (wy, wx)
                extra = _extra_word(short, long_)
                if extra and len(short) >= 2 and not _distinguishing(extra) and not _generic(short):
                    s, l = (x, y) if short is wx else (y, x)
                    consider(0.6, f"{s!r} is {l!r} without {extra!r}")
    if best is None:
        return None
    shared = a.neighbours & b.neighbours
    if shared:
        score, reason = best
        best = (min(score + 0.05 * min(len(shared), 2), 0.99),
                f"{reason}; both related to {len(shared)} same entit{'y' if len(shared) == 1 else 'ies'}")
    return best


def _is_acronym(name: str) -> bool:
    return bool(ACRONYM.match(name)) and sum(c.isupper() for c in name) >= 2


def _one_word_apart(wx: list[str], wy: list[str]) -> float | None:
    """Names of the same words but one spelt a little differently ("filipo", "filippo"): the
    likeness of that word, or None."""
    if len(wx) != len(wy):
        return None
    differ = [(p, q) for p, q in zip(wx, wy) if p != q]
    if len(differ) != 1:
        return None
    p, q = differ[0]
    if min(len(p), len(q)) < 4 or abs(len(p) - len(q)) > 2 or p[:3] != q[:3]:
        return None  # "Somalia" and "Somaliland" are two places, not a typo
    if _distinguishing(p) or _distinguishing(q):
        return None
    ratio = difflib.SequenceMatcher(None, p, q).ratio()
    return ratio if ratio >= (0.9 if len(wx) == 1 else 0.8) else None


def _extra_word(short: list[str], long_: list[str]) -> str | None:
    """The one word ``long_`` has more than ``short``, or None."""
    if len(long_) != len(short) + 1:
        return None
    for i in range(len(long_)):
        if long_[:i] + long_[i + 1:] == short:
            return long_[i]
    return None


def _distinguishing(word: str) -> bool:
    """A word that tells two things of a kind apart: a number, a compass point, a nationality."""
    return (word.isdigit() or word in ROMAN or word in COMPASS or bool(NUMBERISH.search(word))
            or bool(DEMONYM.search(word)))


def _generic(words: list[str]) -> bool:
    """A name made only of words that say what kind of body it is ("national police")."""
    from actorgraph.loaders.extract import lexicon as lx

    return all(w in lx.GENERIC_NAME_WORDS or w in lx.ORGANISATION_HEADS for w in words)


def _lexicon():
    from actorgraph.loaders.extract import lexicon as lx

    heads = set(lx.ORGANISATION_HEADS) | set(lx.INITIATIVE_HEADS) | set(lx.EVENT_HEADS)
    return set(lx.ROLE_WORDS), heads, set(lx.NAME_PARTICLES), set(lx.HONORIFICS)


def _texts(store) -> dict[str, str]:
    return {r["d"].value: r["text"].value
            for r in store.query(_TEXTS, prefixes=_PREFIXES, use_default_graph_as_union=True)}


def _common_words(texts: dict[str, str]) -> set[str]:
    """Words the documents use in lower case: ordinary words, not names."""
    words: set[str] = set()
    for text in texts.values():
        words.update(re.findall(r"(?<![\w.])[a-z][a-z\-]+", text))
    return words


def _count_articles(store, entities: dict[str, _Entity], texts: dict[str, str]) -> None:
    """How often each person is written right after "the" ("the Grand Bargain")."""
    for r in store.query(_PERSON_MENTIONS, prefixes=_PREFIXES, use_default_graph_as_union=True):
        e, text = entities.get(r["e"].value), texts.get(r["d"].value, "")
        start = int(r["start"].value)
        if e is not None and text[max(start - 4, 0):start].lower() == "the ":
            e.after_article += 1


def _false(e: _Entity, common: set[str], lexicon) -> tuple[float, str] | None:
    roles, heads, particles, honorifics = lexicon
    words = [w for w in re.findall(r"[\w\-]+", e.label)]
    lower = [w.lower() for w in words]
    best: tuple[float, str] | None = None

    def consider(score: float, reason: str) -> None:
        nonlocal best
        if best is None or score > best[0]:
            best = (score, reason)

    if e.kind == "Person":
        name_words = [w for w, l in zip(words, lower) if l not in particles and l not in honorifics]
        if len(name_words) == 1 and not any(len(n.split()) > 1 for n in e.names if n != e.label):
            consider(0.7, f"a person known by one word only ({e.label!r})")
        titles = [w for w, l in zip(words, lower) if l in roles or l in heads or l.rstrip("s") in roles | heads]
        if titles:
            consider(0.75, f"{titles[0]!r} is a title or a kind of body, not part of a name")
        if e.after_article and e.after_article * 2 >= e.mentions:
            consider(0.8, f"the text writes 'the {e.label}', as of a thing, not a person")
        ordinary = [w for w in name_words if w.lower() in common]
        if name_words and len(ordinary) == len(name_words):
            consider(0.85, f"{', '.join(repr(w) for w in ordinary)} {'are' if len(ordinary) > 1 else 'is an'} "
                           f"ordinary word{'s' if len(ordinary) > 1 else ''} in the documents, not a name")
        elif name_words and len(ordinary) * 2 >= len(name_words) + 1:
            consider(0.5, f"{', '.join(repr(w) for w in ordinary)} {'are' if len(ordinary) > 1 else 'is an'} "
                          f"ordinary word{'s' if len(ordinary) > 1 else ''} in the documents")
    elif e.kind in ("Organisation", "Initiative", "Event") and lower:
        if lower[-1] in CONNECTORS or lower[-1] in ("high", "general", "deputy", "senior", "chief"):
            consider(0.7, f"the name ends in {words[-1]!r}: it looks cut off")
        elif e.kind == "Organisation" and lower[-1] in TITLES:
            consider(0.65, f"{words[-1]!r} is a title, not a body")
        if lower[0] in ROMAN and len(lower) > 1:
            consider(0.6, f"the name starts with {words[0]!r}: it looks cut off")
    if best and e.mentions >= 3:
        best = (round(best[0] * 0.8, 3), best[1] + f" (but it is mentioned {e.mentions} times)")
    return best


def _name_for_command(e: _Entity, keys: dict[str, int]) -> str:
    """The label, when it names this entity alone; else the IRI."""
    return shlex.quote(e.label if keys.get(normalise(e.label), 0) <= 1 else e.iri)


def suggest(store, *, kinds=("duplicate", "false entity"), distinct=(), limit: int | None = None) -> list[Suggestion]:
    """Likely duplicates and false entities, best first.

    Parameters
    ----------
    store
        A store (read-only is enough).
    kinds : tuple
        ``duplicate``, ``false entity`` or both.
    distinct : iterable of (IRI, IRI)
        Pairs an analyst said are different entities: never suggested.
    limit : int, optional
        At most this many suggestions.
    """
    entities = _read(store)
    keys: dict[str, int] = defaultdict(int)
    for e in entities.values():
        for k in {normalise(n) for n in e.names}:
            keys[k] += 1
    apart = {frozenset(p) for p in distinct}
    out: list[Suggestion] = []
    if "duplicate" in kinds:
        for a_iri, b_iri in _blocks(entities):
            if frozenset((a_iri, b_iri)) in apart:
                continue
            a, b = entities[a_iri], entities[b_iri]
            found = _duplicate(a, b)
            if found is None:
                continue
            keep, other = (a, b) if a.weight() >= b.weight() else (b, a)
            command = f"actorgraph merge {_name_for_command(keep, keys)} {_name_for_command(other, keys)}"
            out.append(Suggestion("duplicate", found[0], [(keep.iri, keep.label), (other.iri, other.label)],
                                  found[1], command))
    if "false entity" in kinds:
        texts = _texts(store)
        common, lexicon = _common_words(texts), _lexicon()
        _count_articles(store, entities, texts)
        for e in entities.values():
            found = _false(e, common, lexicon)
            if found:
                out.append(Suggestion("false entity", found[0], [(e.iri, e.label)], found[1],
                                      f"actorgraph reject {_name_for_command(e, keys)}"))
    out.sort(key=lambda s: (-s.score, s.kind, [label for _, label in s.entities]))
    return out[:limit] if limit else out

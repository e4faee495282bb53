"""What extraction yields: mentions and relations as plain data with their evidence.

Nothing here touches the store (match, then annotate): ``graph/resolve.py`` turns mentions into
entities and ``graph/build.py`` writes them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Mention:
    """One occurrence of a name in a document.

    ``type`` is an ontology class local name (``Person``, ``Organisation``, ``EUAgency``,
    ``Initiative``, ``JointOperation``, ``Route``, ``Place``, ``Event`` ...). ``key`` is the
    vocabulary id when the name is a known entity. ``label`` is the canonical name when the rule
    knows it (the expansion of an acronym, a person's full name), ``aliases`` other surface
    forms the rule ties to the same entity. ``qualifier`` is the place that makes a generic name
    specific ("Federal Police" of Germany vs of Belgium). ``sentence`` indexes
    ``Document.sentences``.
    """

    start: int
    end: int
    text: str
    type: str
    rule: str
    sentence: int = -1
    key: str | None = None
    label: str | None = None
    aliases: tuple[str, ...] = ()
    qualifier: str | None = None
    dropped: bool = False  # found, then judged not to name anything ("Pilot Project" alone)
    kind: str | None = None  # a Recommendation's kind: "conclusion", "next step", ...
    rank: int | None = None  # a Recommendation's position in its list


@dataclass
class Relation:
    """A relation between two mentions (indexes into the mention list), with its evidence.

    ``predicate`` is an ontology relation local name (``cooperatesWith``, ``affiliatedWith``,
    ``participatesIn``, ``speaksAt``, ``chairs``, ``panellistAt``, ``partOf``, ``locatedIn``,
    ``organises``). ``modality`` is ``"actual"`` or ``"proposed"`` for cooperation (None for
    others); ``role`` is free text (a job title, "co-driver"); ``evidence`` is the character
    span of the sentence (or list line) that states it.
    """

    subject: int
    predicate: str
    object: int
    rule: str
    evidence_start: int
    evidence_end: int
    modality: str | None = None
    role: str | None = None


@dataclass
class Extraction:
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

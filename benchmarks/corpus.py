"""A generated corpus of realistic reports, written by the benchmark suite itself.

Two shapes, alternating: a conference report (sessions, a chair and panellists with their
organisations, speakers who present, cooperation stated or called for, conclusions as a list)
and a risk analysis (numbered sections, routes and detections, joint operations, cooperation
between agencies, recommendations). Names vary: organisations are drawn from actorgraph's
vocabulary (EU agencies, international organisations, police forces, NGOs) with a long-tailed
frequency, so that Europol and Frontex are frequent and most bodies are rare, and from invented
national units; people from lists of first names and surnames; places, routes and operations
from the vocabulary. Each report has about 1,000 words (10,000 reports: about 10 M words).

    python benchmarks/corpus.py OUT_DIR 100      # writes OUT_DIR/report_00000.txt ...
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

FIRST = ("Anna Marco Sofia Pieter Eva Jan Maria Luca Ioana Nikos Elena Tomas Ahmed Fatima Karim "
         "Julia Lars Ingrid Pawel Agnieszka Jorge Carmen Henrik Mette Dimitris Katerina Ruth Olivier "
         "Claire Stefan Miriam Aleksandar Milena Yusuf Amina Giorgos Laura Bruno Hanna Viktor").split()
LAST = ("Rossi Jansen Novak Papadopoulos Schmidt Garcia Kowalski Dubois Moreau Larsen Nilsson "
        "Horvat Popescu Ivanova Costa Silva Fischer Weber Meyer Haddad Mansour Andersen Berg "
        "Markovic Petrov Russo Ferrari Lopez Martin Bianchi Kovacs Nagy Varga Georgiou Dimitriou "
        "Vermeulen Peeters Hansen Lindqvist Okafor Mensah").split()
TOPICS = ("the exchange of information on smuggling networks", "financial investigations into smugglers' "
          "profits", "document fraud", "the identification of facilitators at sea", "joint investigation "
          "teams", "the return of migrants who have no right to stay", "the protection of unaccompanied "
          "minors", "online advertising of smuggling services", "risk analysis at the external borders",
          "training of border guards", "the disruption of organised crime groups")
UNIT_KINDS = ("Border Investigation Unit", "Maritime Task Force", "Anti-Smuggling Directorate",
              "Organised Crime Division", "Coastal Surveillance Centre", "Migration Intelligence Office")

ACTUAL = (
    "{a} cooperates closely with {b} on {topic}.",
    "{a} and {b} signed a memorandum of understanding on {topic} in {year}.",
    "{a} works together with {b} in {operation}.",
    "In {year}, {a} and {b} set up a joint team on {topic}.",
    "{a} exchanged information with {b} on {topic}.",
)
PROPOSED = (
    "{a} should step up its cooperation with {b} on {topic}.",
    "Participants called for closer cooperation between {a} and {b} on {topic}.",
    "{a} is expected to work more closely with {b} on {topic}.",
)
FILLER = (
    "In {year}, detections of illegal border-crossing on the {route} rose by {n}% compared with {prev}.",
    "Most of the migrants detected on the {route} claimed to be nationals of {country}.",
    "Smuggling networks adapted their modus operandi quickly, using larger boats and forged documents.",
    "The number of facilitators arrested in {country} fell by {n}% in {year}.",
    "Prices charged by smugglers for the crossing from {country} ranged between {n}00 and {m}000 euros.",
    "The situation at the external borders remained volatile throughout {year}.",
    "Several participants stressed the need for a multidisciplinary approach to migrant smuggling.",
)


class Names:
    def __init__(self, rng: random.Random):
        from actorgraph.loaders.extract.vocabulary import default_vocabulary

        v = default_vocabulary()
        kinds = {"EUAgency", "InternationalOrganisation", "LawEnforcementAgency", "NGO", "GovernmentBody"}
        orgs = sorted(e.label for e in v.entries.values() if e.type in kinds)
        # Europol and Frontex first: the long tail gives them the most mentions
        head = ["Europol", "Frontex", "Eurojust", "Interpol", "UNHCR", "International Organization for Migration"]
        self.orgs = head + [o for o in orgs if o not in head]
        self.countries = sorted(e.label for e in v.entries.values() if e.type == "Country")
        self.routes = sorted(e.label for e in v.entries.values() if e.type == "Route")
        self.operations = sorted(e.label for e in v.entries.values() if e.type == "JointOperation")
        self.rng = rng
        self.weights = [1.0 / (i + 1) ** 0.9 for i in range(len(self.orgs))]

    def org(self) -> str:
        r = self.rng
        if r.random() < 0.2:  # an invented national unit, named after a country
            return f"the {r.choice(self.countries)} {r.choice(UNIT_KINDS)}"
        return r.choices(self.orgs, self.weights)[0]

    def person(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"


def _sentence(names: Names, templates) -> str:
    r = names.rng
    a, b = names.org(), names.org()
    while b == a:
        b = names.org()
    year = r.randint(2012, 2023)
    s = r.choice(templates).format(a=a, b=b, topic=r.choice(TOPICS), year=year, prev=year - 1,
                                   operation=r.choice(names.operations), route=r.choice(names.routes),
                                   country=r.choice(names.countries), n=r.randint(2, 60), m=r.randint(2, 9))
    return s[0].upper() + s[1:]


def _paragraph(names: Names, n: int) -> str:
    r = names.rng
    out = []
    for _ in range(n):
        roll = r.random()
        out.append(_sentence(names, ACTUAL if roll < 0.25 else PROPOSED if roll < 0.4 else FILLER))
    return " ".join(out)


def conference_report(names: Names, i: int) -> str:
    r = names.rng
    year = r.randint(2014, 2023)
    city = r.choice(["Amsterdam", "Brussels", "Warsaw", "Valletta", "Athens", "Rome", "Vienna", "Madrid"])
    lines = [f"Conference on migrant smuggling {year} ({i})", "",
             f"Organised by {names.org()} in {city}, {r.randint(1, 28)} March {year}", ""]
    for session in range(1, 4):
        lines += [f"Panel {['I', 'II', 'III'][session - 1]}: {r.choice(TOPICS).capitalize()}", ""]
        lines += [f"Chair: {names.person()} ({names.org()})", ""]
        lines += [f"Panellists: {names.person()} ({names.org()})"]
        lines += [f"{names.person()} ({names.org()})" for _ in range(2)] + [""]
        speaker = names.person()
        lines += [f"Mr. {speaker}, of {names.org()}, presented the results of {r.choice(names.operations)}. "
                  + _paragraph(names, 6), ""]
        lines += [_paragraph(names, 6), ""]
    lines += ["Conclusions", ""]
    lines += [f"- {_sentence(names, PROPOSED)}" for _ in range(5)]
    return "\n".join(lines) + "\n"


def risk_analysis(names: Names, i: int) -> str:
    r = names.rng
    year = r.randint(2014, 2023)
    lines = [f"Risk Analysis for {year} ({i})", "", f"Published by {names.org()}", ""]
    sections = ["Situational picture", "Routes and modi operandi", "Operational cooperation", "Outlook"]
    for n, title in enumerate(sections, 1):
        lines += [f"{n}. {title}", ""]
        for _ in range(2):
            lines += [_paragraph(names, 7), ""]
    lines += ["Recommendations", ""]
    lines += [f"- {_sentence(names, PROPOSED)}" for _ in range(4)]
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, count: int, seed: int = 5) -> list[Path]:
    """Write ``count`` reports into ``folder`` (kept if already there) and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    names = Names(random.Random(seed))
    paths = []
    for i in range(count):
        p = folder / f"report_{i:05d}.txt"
        text = (conference_report if i % 2 == 0 else risk_analysis)(names, i)
        if not p.exists():
            p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


if __name__ == "__main__":
    out, n = Path(sys.argv[1]), int(sys.argv[2])
    paths = write_corpus(out, n)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"{len(paths)} reports, {words} words in {out}")

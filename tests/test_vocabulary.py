"""Integrity checks for the curated reference vocabulary (actorgraph/loaders/vocabulary/*.yaml).

The vocabulary is domain knowledge kept as data: well-known organisations, initiatives, routes
and places of the migrant-smuggling field. These tests keep it loadable and unambiguous.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

VOCAB_DIR = Path(__file__).resolve().parents[1] / "actorgraph" / "loaders" / "vocabulary"

ALLOWED_TYPES = {
    "organisations.yaml": {
        "EUAgency", "EUInstitution", "InternationalOrganisation", "GovernmentBody",
        "LawEnforcementAgency", "JudicialAuthority", "NGO", "ResearchOrganisation", "Company",
        "Organisation",
    },
    "initiatives.yaml": {
        "JointOperation", "JointTeam", "Platform", "Network", "Project", "ActionPlan",
        "LegalInstrument", "InformationSystem", "Initiative",
    },
    "routes.yaml": {"Route"},
    "places.yaml": {"Country", "City", "Region", "Place"},
}

ALLOWED_KEYS = {"id", "label", "type", "aliases", "acronyms", "wikidata", "country", "part_of", "demonyms"}
REQUIRED_KEYS = {"id", "label", "type"}

# Surface forms (case-insensitive) deliberately shared by several entries: resolution, not the
# vocabulary, picks the right one from context. Every entry using the form must be listed.
AMBIGUOUS: dict[str, set[str]] = {
    "congo": {"dr_congo", "republic_of_the_congo"},
    "congolese": {"dr_congo", "republic_of_the_congo"},
    "dominican": {"dominica", "dominican_republic"},
    # Democratic Republic of the Congo vs Danish Refugee Council
    "drc": {"dr_congo", "danish_refugee_council"},
    # often used for the Court as well as for the Convention
    "echr": {"ecthr", "echr_convention"},
}

# Lone words (and bare generic phrases) that must never be an alias on their own: they are
# ordinary English or too generic to identify anything ("the Commission" is a resolution matter).
STOP_ALIASES = {
    "mare", "sophia", "triton", "poseidon", "themis", "hera", "minerva", "hermes", "indalo",
    "irini", "aeneas", "council", "commission", "parliament", "agency", "police", "office",
    "union", "court", "network", "platform", "operation", "operations", "team", "service",
    "ministry", "directorate", "guard", "border", "borders", "route", "routes", "centre",
    "center", "institute", "forum", "process", "programme", "program", "project", "action",
    "plan", "sea", "island", "islands", "state", "states", "government", "navy", "army",
    "mission", "alliance", "watch", "phone", "hope", "red", "cross", "amnesty", "meta",
    "open arms", "hotspot", "hotspots", "relocation", "return", "smuggling", "migration",
    "asylum", "protocol", "convention", "directive", "regulation", "agenda", "statement",
    "summit", "interior", "justice", "security", "frontier", "frontiers", "the commission",
    "the council", "the agency", "the union", "the parliament", "federal police",
    "national police", "coast guard", "coastguard", "border police", "border guard",
    "border patrol", "immigration office", "ministry of the interior", "ministry of justice",
    "security council", "joint operation", "joint operations", "action plan", "task force",
    "van", "nice", "global initiative", "eunavfor", "european union naval force", "schengen",
    "korea", "america", "european", "european agency",
}

EU_MEMBER_STATES = {
    "austria", "belgium", "bulgaria", "croatia", "cyprus", "czech_republic", "denmark",
    "estonia", "finland", "france", "germany", "greece", "hungary", "ireland", "italy", "latvia",
    "lithuania", "luxembourg", "malta", "netherlands", "poland", "portugal", "romania",
    "slovakia", "slovenia", "spain", "sweden",
}

# Names of persons that appear in the development corpus: none may leak into the data.
PERSON_NAMES = {
    "swing", "avramopoulos", "avramopolous", "spinant", "goet", "rösler", "rosler", "diez",
    "van der steur", "koser", "mallender", "ardivino", "lacombe", "dowdall", "barberini",
    "leggeri", "leijtens", "guterres", "grandi", "de rijk", "ten kate", "balog",
}

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
QID_RE = re.compile(r"^Q[1-9][0-9]*$")


def _load(name: str) -> list[dict]:
    with open(VOCAB_DIR / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope="module")
def vocab() -> dict[str, list[dict]]:
    return {name: _load(name) for name in ALLOWED_TYPES}


@pytest.fixture(scope="module")
def by_id(vocab) -> dict[str, dict]:
    return {entry["id"]: entry for entries in vocab.values() for entry in entries}


def _surface_forms(entry: dict) -> list[str]:
    forms = [entry["label"]]
    for key in ("aliases", "acronyms", "demonyms"):
        forms.extend(entry.get(key) or [])
    return forms


@pytest.mark.parametrize("name", sorted(ALLOWED_TYPES))
def test_file_parses_to_a_list_of_entries(name):
    entries = _load(name)
    assert isinstance(entries, list) and entries, f"{name} must be a non-empty YAML list"
    for entry in entries:
        assert isinstance(entry, dict), f"{name}: every entry must be a mapping: {entry!r}"
        assert REQUIRED_KEYS <= entry.keys(), f"{name}: {entry.get('id')} lacks {REQUIRED_KEYS - entry.keys()}"
        assert entry.keys() <= ALLOWED_KEYS, f"{name}: {entry['id']} has unknown keys {entry.keys() - ALLOWED_KEYS}"


def test_ids_are_slugs_and_unique_across_files(vocab):
    seen: dict[str, str] = {}
    for name, entries in vocab.items():
        for entry in entries:
            ident = entry["id"]
            assert ID_RE.match(ident), f"{name}: bad id {ident!r}"
            assert ident not in seen, f"id {ident!r} in both {seen.get(ident)} and {name}"
            seen[ident] = name


def test_types_are_allowed_per_file(vocab):
    for name, entries in vocab.items():
        for entry in entries:
            assert entry["type"] in ALLOWED_TYPES[name], f"{name}: {entry['id']} has type {entry['type']!r}"


def test_string_fields_are_clean(vocab):
    for name, entries in vocab.items():
        for entry in entries:
            assert isinstance(entry["label"], str) and entry["label"].strip() == entry["label"] != ""
            for key in ("aliases", "acronyms", "demonyms"):
                values = entry.get(key)
                if values is None:
                    continue
                assert isinstance(values, list), f"{entry['id']}.{key} must be a list"
                for value in values:
                    assert isinstance(value, str) and value and value.strip() == value, f"{entry['id']}.{key}: {value!r}"
                # acronyms are matched case-sensitively, so "FYROM" and "fYROM" are distinct
                keys = values if key == "acronyms" else [v.casefold() for v in values]
                assert len(keys) == len(set(keys)), f"{entry['id']}.{key} has duplicates"
            aliases = {a.casefold() for a in entry.get("aliases") or []}
            assert entry["label"].casefold() not in aliases, f"{entry['id']}: alias repeats the label"


def test_acronyms_are_short_case_sensitive_forms(vocab):
    for entries in vocab.values():
        for entry in entries:
            for acronym in entry.get("acronyms") or []:
                assert len(acronym) <= 12, f"{entry['id']}: {acronym!r} is too long for an acronym"
                assert any(ch.isupper() for ch in acronym), f"{entry['id']}: acronym {acronym!r} has no capital"


def test_demonyms_only_on_places(vocab):
    for name, entries in vocab.items():
        if name == "places.yaml":
            continue
        for entry in entries:
            assert not entry.get("demonyms"), f"{name}: {entry['id']} is not a place but has demonyms"


def test_references_point_to_existing_ids(vocab, by_id):
    for entries in vocab.values():
        for entry in entries:
            country = entry.get("country")
            if country is not None:
                assert country in by_id, f"{entry['id']}: unknown country {country!r}"
                assert by_id[country]["type"] == "Country", f"{entry['id']}: country {country!r} is not a Country"
            parent = entry.get("part_of")
            if parent is not None:
                assert parent in by_id, f"{entry['id']}: unknown part_of {parent!r}"
                assert parent != entry["id"], f"{entry['id']} is part of itself"


def test_part_of_links_entities_of_the_same_kind(vocab, by_id):
    # ag:partOf joins an organisation to an organisation, an initiative to an initiative, a
    # place to a place (who runs an operation is a relation, not vocabulary structure).
    kind = {entry["id"]: name for name, entries in vocab.items() for entry in entries}
    for entries in vocab.values():
        for entry in entries:
            parent = entry.get("part_of")
            if parent in by_id:
                assert kind[parent] == kind[entry["id"]], (
                    f"{entry['id']} ({kind[entry['id']]}) is part of {parent} ({kind[parent]})"
                )


def test_part_of_has_no_cycles(by_id):
    for ident in by_id:
        seen = {ident}
        current = by_id[ident].get("part_of")
        while current is not None:
            assert current not in seen, f"part_of cycle through {ident!r}"
            seen.add(current)
            current = by_id[current].get("part_of")


def test_wikidata_ids_are_well_formed_and_unique(vocab):
    owners: dict[str, str] = {}
    for entries in vocab.values():
        for entry in entries:
            qid = entry.get("wikidata")
            if qid is None:
                continue
            assert isinstance(qid, str) and QID_RE.match(qid), f"{entry['id']}: bad QID {qid!r}"
            assert qid not in owners, f"QID {qid} used by both {owners[qid]} and {entry['id']}"
            owners[qid] = entry["id"]


def test_no_surface_form_is_shared_unless_declared_ambiguous(vocab):
    users: dict[str, set[str]] = defaultdict(set)
    for entries in vocab.values():
        for entry in entries:
            for form in _surface_forms(entry):
                users[form.casefold()].add(entry["id"])
    clashes = {form: ids for form, ids in users.items() if len(ids) > 1}
    undeclared = {form: ids for form, ids in clashes.items() if not ids <= AMBIGUOUS.get(form, set())}
    assert not undeclared, f"surface forms shared by several entries: {undeclared}"
    stale = {form for form in AMBIGUOUS if form not in clashes}
    assert not stale, f"AMBIGUOUS lists forms that are no longer shared: {stale}"


def test_no_alias_is_a_stop_word(vocab):
    for entries in vocab.values():
        for entry in entries:
            for form in [entry["label"], *(entry.get("aliases") or []), *(entry.get("demonyms") or [])]:
                assert form.casefold() not in STOP_ALIASES, f"{entry['id']}: {form!r} is too generic to be a name"


def test_no_person_names(vocab):
    for entries in vocab.values():
        for entry in entries:
            assert entry["type"] != "Person"
            for form in _surface_forms(entry):
                assert form.casefold() not in PERSON_NAMES, f"{entry['id']}: {form!r} looks like a person"


def test_places_cover_all_eu_member_states_with_demonyms(by_id):
    for ident in sorted(EU_MEMBER_STATES):
        assert ident in by_id, f"missing EU member state {ident}"
        entry = by_id[ident]
        assert entry["type"] == "Country"
        assert entry.get("demonyms"), f"{ident} has no demonyms"


def test_places_cover_the_countries_of_the_world(vocab):
    countries = [e for e in vocab["places.yaml"] if e["type"] == "Country"]
    # 193 UN members, 2 observer states, Kosovo and Taiwan
    assert len(countries) >= 197
    missing_demonyms = [e["id"] for e in countries if not e.get("demonyms")]
    assert missing_demonyms == ["vatican_city"], missing_demonyms


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("UNCHR", "unhcr"),
        ("UN Refugee Agency", "unhcr"),
        ("International Organisation for Migration", "iom"),
        ("International Organization for Migration", "iom"),
        ("European Border and Coast Guard Agency", "frontex"),
        ("European Agency for the Management of Operational Cooperation at the External Borders", "frontex"),
        ("EUNAVFOR Med", "eunavfor_med_sophia"),
        ("EUNAVFORMED", "eunavfor_med_sophia"),
        ("EUNAVFOR MED Sophia", "eunavfor_med_sophia"),
        ("Operation Sophia", "eunavfor_med_sophia"),
        ("EUNAVFOR Med Sophia", "eunavfor_med_sophia"),
        ("Joint Operational Team Mare", "jot_mare"),
        ("JO Triton", "jo_triton"),
        ("European Multidisciplinary Platform Against Criminal Threats", "empact"),
        ("EASO", "euaa"),
        ("Fundamental Rights Agency", "fra"),
        ("Directorate-General Migration and Home Affairs", "dg_home"),
        ("Royal Netherlands Marechaussee", "royal_netherlands_marechaussee"),
        ("Bundespolizei", "german_federal_police"),
        ("Red Cross EU Office", "red_cross_eu_office"),
        ("Migration Policy Institute Europe", "mpi_europe"),
        ("UN Protocol on Migrant Smuggling", "smuggling_of_migrants_protocol"),
        ("Directive 2002/90/EC", "facilitation_directive"),
        ("2009/52/EC", "employers_sanctions_directive"),
        ("2008/115/EC", "return_directive"),
        ("Central Mediterranean route", "central_mediterranean_route"),
        ("Holland", "netherlands"),
        ("Dutch", "netherlands"),
        ("Lesvos", "lesbos"),
        ("Türkiye", "turkey"),
    ],
)
def test_known_surface_forms_resolve(vocab, form, expected):
    hits = {
        entry["id"]
        for entries in vocab.values()
        for entry in entries
        if form in (entry.get("acronyms") or [])
        or form.casefold() in {f.casefold() for f in [entry["label"], *(entry.get("aliases") or []), *(entry.get("demonyms") or [])]}
    }
    assert hits == {expected}, f"{form!r} resolves to {hits}"

"""The extraction rules on small texts written to exercise one rule each (issue 2).

None of these names is in the code or the vocabulary unless said: the rules find them."""

from __future__ import annotations

import pytest

from actorgraph.graph.resolve import Resolver
from actorgraph.loaders import load_text
from actorgraph.loaders.extract import extract
from actorgraph.loaders.extract.modality import clause_modality
from actorgraph.loaders.extract.vocabulary import default_vocabulary


def resolve(text: str, fmt: str = "text"):
    doc = load_text(text, "example.txt", fmt)
    ex = extract(doc)
    res = Resolver(default_vocabulary()).resolve(ex)
    by_label = {e.label: e for e in res.entities.values()}
    rels = {(res.entities[r.subject].label, r.predicate, res.entities[r.object].label, r.modality) for r in res.relations}
    return by_label, rels


def cooperating(rels) -> set[frozenset]:
    """The pairs that cooperate, either way round."""
    return {frozenset((a, b)) for a, p, b, _ in rels if p == "cooperatesWith"}


def related(rels, predicate: str) -> set[tuple[str, str]]:
    """(subject, object) of every relation of ``predicate``."""
    return {(a, b) for a, p, b, _ in rels if p == predicate}


def test_acronym_definition_ties_acronym_and_full_name():
    ents, _ = resolve("The Northern Harbour Coordination Office (NHCO) opened in 2019. "
                      "Later the NHCO published a report.")
    office = ents["Northern Harbour Coordination Office"]
    assert office.core == "Organisation" and "NHCO" in office.aliases
    assert len(office.mentions) == 2


def test_acronym_first_definition_with_a_trailing_name():
    ents, _ = resolve("The agency runs ZEPHR (Zonal Exchange Platform for Harbour Reports) Alpha since May.")
    platform = next(e for e in ents.values() if e.core == "Initiative")
    assert platform.label == "Zonal Exchange Platform for Harbour Reports Alpha"
    assert "ZEPHR Alpha" in platform.aliases


def test_person_with_role_and_organisation_in_brackets():
    ents, rels = resolve("Marta Okonkwo-Lindqvist (Senior Analyst, Harbour Intelligence Bureau) said that "
                         "routes had changed. Mrs. Okonkwo-Lindqvist added that Europol helped.")
    person = ents["Marta Okonkwo-Lindqvist"]
    assert person.core == "Person" and "Mrs. Okonkwo-Lindqvist" in person.aliases
    assert ("Marta Okonkwo-Lindqvist", "affiliatedWith", "Harbour Intelligence Bureau", None) in rels


def test_surname_mentions_resolve_only_when_unique():
    ents, _ = resolve("Anna Verhoeven (Police Academy of Utrecht) spoke first. Pieter Verhoeven (Customs "
                      "Service of Rotterdam) spoke next. Mr. Verhoeven then concluded.")
    people = {label for label, e in ents.items() if e.core == "Person"}
    assert {"Anna Verhoeven", "Pieter Verhoeven"} <= people
    # "Mr. Verhoeven" is ambiguous between the two: it is not merged into either
    assert "Mr. Verhoeven" not in ents["Anna Verhoeven"].aliases
    assert "Mr. Verhoeven" not in ents["Pieter Verhoeven"].aliases


def test_namesakes_told_apart_by_country():
    ents, _ = resolve("Chair: Lena Maas (Federal Police, Germany)\nPanellists: Jan Peeters (Federal Police, Belgium)\n")
    police = sorted(label for label, e in ents.items() if e.core == "Organisation")
    assert len([p for p in police if "Federal Police" in p or "Bundespolizei" in p]) == 2, police


def test_demonym_resolves_to_the_national_body():
    ents, _ = resolve("At the airport the Dutch Marechaussee checks passengers.")
    assert "Royal Netherlands Marechaussee" in ents
    assert "Dutch Marechaussee" in ents["Royal Netherlands Marechaussee"].aliases


def test_spelling_variants_of_a_known_operation_are_one_entity():
    ents, _ = resolve("Frontex has an agreement with EUNAVFORMED Sophia. Eurojust works with EUNAVFOR Med too.")
    sophia = [e for e in ents.values() if e.vocabulary_id and "sophia" in e.vocabulary_id.lower()]
    assert len(sophia) == 1 and len(sophia[0].mentions) == 2


def test_cooperation_actual_and_proposed():
    _, rels = resolve("Frontex has an information sharing agreement in place with Europol. "
                      "Eurojust should work closely with Interpol.")
    assert ("Europol", "cooperatesWith", "Frontex", "actual") in rels or ("Frontex", "cooperatesWith", "Europol", "actual") in rels
    assert any(r[1] == "cooperatesWith" and {r[0], r[2]} == {"Eurojust", "Interpol"} and r[3] == "proposed" for r in rels)


def test_between_lists_give_every_pair():
    _, rels = resolve("There is cooperation between Europol, Frontex and Eurojust.")
    pairs = cooperating(rels)
    assert pairs == {frozenset(("Europol", "Frontex")), frozenset(("Europol", "Eurojust")), frozenset(("Frontex", "Eurojust"))}


def test_list_items_inherit_proposal_from_their_introduction():
    text = ("The participants agreed on the following next steps:\n\n"
            "- An increase of information sharing between Europol and Frontex;\n"
            "- A review of the data.\n")
    _, rels = resolve(text)
    assert {r[3] for r in rels if r[1] == "cooperatesWith"} == {"proposed"}


def test_implicit_party_is_the_speakers_organisation():
    text = ("Sara Lind (Director, Baltic Border Cooperation Centre) opened the session. "
            "She stressed the newly established cooperation with the Kosovo police.")
    _, rels = resolve(text)
    assert any(r[1] == "cooperatesWith" and "Baltic Border Cooperation Centre" in (r[0], r[2]) and "Kosovo" in r[0] + r[2]
               for r in rels), rels


def test_session_roles_from_label_lines():
    text = ("Workshop 7: Data exchange at sea\n\nThe workshop discussed data.\n\n"
            "Chair: Tomasz Nowak (Frontex)\nPanellists: Ines Duarte (Europol)\nOla Berg (Interpol)\n")
    _, rels = resolve(text)
    assert ("Tomasz Nowak", "chairs", "Workshop 7", None) in rels
    assert ("Ines Duarte", "panellistAt", "Workshop 7", None) in rels
    assert ("Ola Berg", "panellistAt", "Workshop 7", None) in rels
    assert ("Ola Berg", "affiliatedWith", "Interpol", None) in rels


def test_capitalised_words_that_are_not_names_are_not_entities():
    ents, _ = resolve("Strengthen Cooperation And Enhance Information Exchange In All Relevant Areas Now. "
                      "Panel II Focused On The Results.")
    assert not [e for e in ents.values() if e.core == "Person"]


def test_generic_body_without_country_is_not_an_entity():
    ents, _ = resolve("The Pilot Project ended in May. The Federal Police was informed.")
    assert "Pilot Project" not in ents and "Federal Police" not in ents


@pytest.mark.parametrize("clause, expected", [
    ("Frontex cooperates with Europol", "actual"),
    ("Frontex has cooperated with Europol since 2015", "actual"),
    ("Frontex should cooperate with Europol", "proposed"),
    ("Cooperation with Europol needs to be strengthened", "proposed"),
    ("Frontex will work with Europol", "proposed"),
    ("Eurojust presented several envisaged actions", "proposed"),
    ("Enhance cooperation with third countries", "proposed"),
])
def test_clause_modality(clause, expected):
    assert clause_modality(clause) == expected


def test_news_style_attributions():
    text = ('"Borders need more checks," said Marek Zielinski from the Border Guard Headquarters, Poland. '
            "Ines Carvalho, the Head of the Lisbon Liaison Mission, added that data helps. "
            "As Director of Europol's Analysis Centre, Tarja Niemi said the meeting was useful. "
            "Mr Okafor, Director of Interpol, conceded that the Action Plan was ambitious.")
    ents, rels = resolve(text)
    people = {label for label, e in ents.items() if e.core == "Person"}
    assert {"Marek Zielinski", "Ines Carvalho", "Tarja Niemi"} <= people
    affiliations = {(a, b) for a, p, b, _ in rels if p == "affiliatedWith"}
    assert ("Ines Carvalho", "Lisbon Liaison Mission") in affiliations
    assert ("Tarja Niemi", "Europol") in affiliations
    assert ("Okafor", "Interpol") in affiliations
    # the descriptor ends at its verb: the Action Plan is not Mr Okafor's
    assert not any(a == "Okafor" and p == "participatesIn" for a, p, _, _ in rels)


def test_coordinated_subjects_of_a_cooperation_noun():
    _, rels = resolve("Europol and Frontex signed a cooperation agreement in 2016. "
                      "The analysts of Europol's Smuggling Centre facilitate information exchange.")
    pairs = cooperating(rels)
    assert pairs == {frozenset(("Europol", "Frontex"))}


def test_cooperation_subject_is_the_actor_nearest_the_cue():
    _, rels = resolve("On the instructions of the UN Emergency Relief Coordinator, IOM, together with UNHCR, "
                      "is responsible for the camps.")
    pairs = cooperating(rels)
    assert pairs == {frozenset(("International Organization for Migration", "UNHCR"))}


def test_cooperation_partners_are_the_names_listed_after_with():
    _, rels = resolve("From exchange of information to cooperation on returns, Frontex has been active "
                      "beyond the European Union. The operations ran in close cooperation with EU Member "
                      "States, Europol and Interpol, far from the Council of Europe.")
    pairs = cooperating(rels)
    assert frozenset(("Frontex", "European Union")) not in pairs
    assert not any("Council of Europe" in pair for pair in pairs)


def test_participation_needs_a_cue_between_actor_and_initiative():
    _, rels = resolve("The EU's external border with Turkey saw fewer crossings after the EU-Turkey Statement. "
                      "Eurojust participates in the Hotspot approach.")
    participation = related(rels, "participatesIn")
    assert participation == {("Eurojust", "Hotspot approach")}


# -- implausible names: Title Case lines are not names (issue 5) ---------------------------------


def _organisations(text: str) -> list[str]:
    from actorgraph.graph.kinds import entity_kind

    ex = extract(load_text(text, "example.txt"))
    return [m.text for m in ex.mentions if not m.dropped and entity_kind(m.type) == "Organisation"]


def test_title_case_heading_is_not_taken_whole_as_an_organisation():
    orgs = _organisations("Role Of The Zarkan Coastal Patrol Service In Tackling Smuggling\n\nBody text here.")
    # the heading's prose is refused; the name it ends with is kept
    assert orgs == ["Zarkan Coastal Patrol Service"]


def test_title_case_run_is_cut_to_the_names_in_it():
    orgs = _organisations(
        "Report On The Activities Of The Northern Harbour Border Agency And The Eastern Ports "
        "Authority In The Year Before\n\nBody.\n\n"
        "Smuggling Routes And The National Harbour Police Of Zarkania\n\nBody.")
    assert orgs == ["Northern Harbour Border Agency", "Eastern Ports Authority",
                    "National Harbour Police Of Zarkania"]


def test_names_with_sentence_verbs_or_too_many_words_are_refused():
    from actorgraph.loaders.extract.names import plausible_name
    from actorgraph.loaders.extract.tokens import tokenize

    def plausible(s: str) -> bool:
        tokens = tokenize(s)
        return plausible_name(tokens, 0, len(tokens))

    assert not plausible("Harbour Agency Is Absent")  # a verb of sentences
    assert not plausible("How We Cooperate Through The Harbour Agency")  # prose past a short name
    assert not plausible("And Northern Harbour Agency")  # opens with a connector
    assert not plausible("Northern Coastal Maritime Harbour Border Patrol Fisheries Customs "
                         "Investigation Agency")  # more content words than a name has
    # names as bodies write them stay: connectors in lower case, a short name with "What You"
    assert plausible("Zarkan Office for the Protection of Harbour Workers and Seafarers")
    assert plausible("Publish What You Fund")
    assert plausible("Republic of The Gambia Coast Guard")
    # a generated-corpus junk merge: two names joined by "and" inside one capitalised run
    orgs = _organisations("Talks between the Tonga Maritime Task Force and United Nations Office on "
                          "Drugs and Crime went on.")
    assert "United Nations Office on Drugs and Crime" in orgs
    assert not any(len(o.split()) > 10 for o in orgs)


def test_a_one_word_name_in_brackets_is_the_same_body_in_its_own_language():
    """Not the vocabulary's Bundeskriminalamt (Germany's): the Austrian office the text names,
    with the bracketed word as its alias, and the cooperation is that office's."""
    text = ("The Austrian Federal Criminal Police Office (Bundeskriminalamt) led the investigation in close "
            "cooperation with the Hungarian National Bureau of Investigation.")
    ex = extract(load_text(text, "press.txt"))
    res = Resolver(default_vocabulary()).resolve(ex)
    office = next(e for e in res.entities.values() if "Bundeskriminalamt" in e.aliases)
    assert "Austrian Federal Criminal Police Office" in {office.label, *office.aliases}
    assert not any(e.label == "Bundeskriminalamt" for e in res.entities.values())
    (coop,) = [r for r in ex.relations if r.predicate == "cooperatesWith"]
    partner = ex.mentions[coop.object if "Bundeskriminalamt" in ex.mentions[coop.subject].text
                          or "Austrian" in ex.mentions[coop.subject].text else coop.subject]
    assert "Hungarian" in partner.text or "National Bureau" in partner.text
    # several words or an acronym in brackets are left to the other rules
    ex = extract(load_text("The European Commission (DG Migration and Home Affairs) met Europol.", "x.txt"))
    assert not any(m.label == "European Commission" and m.text.startswith("DG") for m in ex.mentions)


def test_bodies_coordinated_before_a_cooperation_cue_each_cooperate():
    """Two subjects joined by "and": both work with Frontex, and a known name ("Italian Guardia
    di Finanza") never lends its last word to the next run of capitals."""
    text = ("The Italian Guardia di Finanza and the Maltese Armed Forces continued to work closely with "
            "Frontex in Joint Operation Themis.")
    ex = extract(load_text(text, "risk.txt"))
    names = sorted(m.text for m in ex.mentions if not m.dropped)
    assert names == ["Frontex", "Italian Guardia di Finanza", "Joint Operation Themis", "Maltese Armed Forces"]
    pairs = sorted((ex.mentions[r.subject].text, ex.mentions[r.object].text) for r in ex.relations
                   if r.predicate == "cooperatesWith")
    assert pairs == [("Italian Guardia di Finanza", "Frontex"), ("Maltese Armed Forces", "Frontex")]


def test_bodies_that_should_establish_a_liaison_are_a_proposed_cooperation():
    ex = extract(load_text("Frontex and EUNAVFOR MED Irini should establish a permanent liaison on arms smuggling. "
                           "Frontex deployed liaison officers to Niger.", "risk.txt"))
    rels = [(ex.mentions[r.subject].text, ex.mentions[r.object].text, r.modality) for r in ex.relations
            if r.predicate == "cooperatesWith"]
    assert rels == [("Frontex", "EUNAVFOR MED Irini", "proposed")]


@pytest.mark.parametrize("text, person, body, role", [
    ("The operation was commanded by Rear Admiral Enrico Credendino of the Italian Navy.",
     "Enrico Credendino", "Italian Navy", "Rear Admiral"),
    ("Colonel Gerald Tatzgern of the Austrian Federal Police spoke first.",
     "Gerald Tatzgern", "Austrian Federal Police", "Colonel"),
])
def test_a_titled_person_of_a_body_is_a_person_affiliated_with_it(text, person, body, role):
    """Not one organisation called "Rear Admiral Enrico Credendino of the Italian Navy"."""
    ex = extract(load_text(text, "article.md"))
    names = {m.text: m.type for m in ex.mentions if not m.dropped}
    assert names.get(person) == "Person" and body in names and len(names) == 2
    (aff,) = [r for r in ex.relations if r.predicate == "affiliatedWith"]
    assert (ex.mentions[aff.subject].text, ex.mentions[aff.object].text, aff.role) == (person, body, role)


@pytest.mark.parametrize("sentence", [
    "The Zarkan Coastal Patrol Service joined forces with the Velmar Border Police to stop the crossings.",
    "The Zarkan Coastal Patrol Service teamed up with the Velmar Border Police in a rescue.",
    "The Zarkan Coastal Patrol Service works hand in hand with the Velmar Border Police.",
    "The Zarkan Coastal Patrol Service, in conjunction with the Velmar Border Police, arrested 12 suspects.",
    "The Zarkan Coastal Patrol Service worked alongside the Velmar Border Police for a month.",
])
def test_idioms_of_working_together_are_cooperation(sentence):
    _, rels = resolve(sentence)
    pairs = cooperating(rels)
    assert pairs == {frozenset(("Zarkan Coastal Patrol Service", "Velmar Border Police"))}


def test_alongside_without_a_verb_of_working_is_not_cooperation():
    _, rels = resolve("Alongside the fall in arrivals, the Velmar Border Police reported more detections.")
    assert not [r for r in rels if r[1] == "cooperatesWith"]


def test_a_cooperation_verb_coordinated_with_an_earlier_verb_has_the_clause_subject():
    # the name before "and" is the object of "trained", not the one who cooperated
    _, rels = resolve("The Zarkan Coastal Patrol Service trained the Velmar Border Police and cooperated "
                      "with the Ostrand Maritime Authority.")
    pairs = cooperating(rels)
    assert pairs == {frozenset(("Zarkan Coastal Patrol Service", "Ostrand Maritime Authority"))}
    # an unnamed subject ("The operation") gives no pair rather than a wrong one
    _, rels = resolve("The operation trained the Velmar Border Police and cooperated with the Ostrand "
                      "Maritime Authority.")
    assert not [r for r in rels if r[1] == "cooperatesWith"]


def test_a_headline_ending_in_a_known_sea_gives_the_sea_not_the_headline():
    # "Aegean Sea" is in the vocabulary; "Cross" is the headline's verb
    ents, _ = resolve("Migrants Cross Aegean Sea\n\nThe coast guard said that 300 people had arrived.")
    places = {label for label, e in ents.items() if e.core == "Place"}
    assert places == {"Aegean Sea"}
    ents, _ = resolve("The boats left for the islands in the Eastern Aegean Sea.")
    assert "Eastern Aegean Sea" in ents


def test_people_of_a_body_are_not_part_of_its_name():
    ents, _ = resolve("Officers of the Zarkan Coastal Patrol Service arrested 14 suspects. "
                      "Investigators of the Velmar Border Police were present.")
    orgs = {label for label, e in ents.items() if e.core == "Organisation"}
    assert orgs == {"Zarkan Coastal Patrol Service", "Velmar Border Police"}


def test_the_framework_a_clause_opens_with_is_no_party_to_its_cooperation():
    _, rels = resolve("Under the Ostrand Process, the Zarkan Coastal Patrol Service and the Velmar Border "
                      "Police agreed to strengthen cooperation on smuggling.")
    coop = {(frozenset((a, b)), m) for a, p, b, m in rels if p == "cooperatesWith"}
    # the two bodies, and only they; what they agreed to do is proposed
    assert coop == {(frozenset(("Zarkan Coastal Patrol Service", "Velmar Border Police")), "proposed")}


def test_a_forum_that_speaks_is_a_body():
    ents, _ = resolve("The Ostrand Forum for Economic and Social Rights (OFESR) said that departures had "
                      "doubled. The Velmar Practitioners Network met in May.")
    assert ents["Ostrand Forum for Economic and Social Rights"].core == "Organisation"
    assert ents["Velmar Practitioners Network"].core == "Initiative"


def test_a_country_possessive_qualifies_a_generic_body_and_does_not_break_a_partner_list():
    # Niger and Mali are in the vocabulary (countries); the ministries are not
    ents, rels = resolve("Niger's Ministry of Justice cooperates with Mali's Ministry of Security.")
    assert {"Ministry of Justice (Niger)", "Ministry of Security (Mali)"} <= set(ents)
    pairs = cooperating(rels)
    assert pairs == {frozenset(("Ministry of Justice (Niger)", "Ministry of Security (Mali)"))}


@pytest.mark.parametrize("sentence", [
    "The Zarkan Coastal Patrol Service signed a memorandum of understanding with the Velmar Border Police.",
    "The Zarkan Coastal Patrol Service has a working arrangement with the Velmar Border Police.",
    "The Zarkan Coastal Patrol Service coordinated with the Velmar Border Police during the rescue.",
])
def test_agreements_and_coordination_with_a_body_are_cooperation(sentence):
    _, rels = resolve(sentence)
    pairs = cooperating(rels)
    assert pairs == {frozenset(("Zarkan Coastal Patrol Service", "Velmar Border Police"))}


def test_a_sentence_opening_with_a_job_title_affiliates_the_person_named_after_it():
    _, rels = resolve("A spokesperson for the Zarkan Coastal Patrol Service, Maria Odongo, told reporters "
                      "that the boat had capsized.")
    assert ("Maria Odongo", "affiliatedWith", "Zarkan Coastal Patrol Service", None) in rels
    # an opening that is no job title affiliates no one
    _, rels = resolve("In a statement for the Velmar press, Maria Odongo said the patrols would continue.")
    assert not [r for r in rels if r[1] == "affiliatedWith"]


def test_an_opening_it_or_the_agency_stands_for_the_body_that_opened_the_sentence_before():
    text = ("The Zarkan Coastal Patrol Service is the coast guard of Zarkan.\n\n"
            "Operation Velmar Shield was launched in June 2015. It trained the Ostrand Navy and "
            "cooperated with the Ostrand Maritime Authority.\n\n"
            "The Velmar Migration Agency opened in 2019. The agency works with the Ostrand Border Police.\n\n"
            "The Velmar Migration Agency opened in 2019. The operation works with the Ostrand Coast Guard.")
    _, rels = resolve(text)
    pairs = cooperating(rels)
    # not the article's subject (the patrol service): the body the sentence before opened with
    assert frozenset(("Operation Velmar Shield", "Ostrand Maritime Authority")) in pairs
    assert frozenset(("Velmar Migration Agency", "Ostrand Border Police")) in pairs
    # "The operation" is no agency: the anaphor does not stand for it
    assert frozenset(("Velmar Migration Agency", "Ostrand Coast Guard")) not in pairs
    assert not any("Ostrand Navy" in pair for pair in pairs)


def test_a_second_with_goes_on_with_the_partner_list():
    _, rels = resolve("The Zarkan Coastal Patrol Service works closely with national asylum services and "
                      "with the Velmar Border Police.")
    pairs = cooperating(rels)
    assert pairs == {frozenset(("Zarkan Coastal Patrol Service", "Velmar Border Police"))}


def test_an_operation_name_of_several_words_is_kept_whole():
    ents, _ = resolve("Operation Velmar Shield ran from 2016 to 2018 beside Operation Ostrand.")
    assert {"Operation Velmar Shield", "Operation Ostrand"} <= set(ents)


def test_the_bodies_a_body_is_supported_by_are_its_partners():
    _, rels = resolve("The Zarkan Coastal Patrol Service, supported by the Velmar Border Police and the "
                      "Ostrand Navy, dismantled a smuggling network.")
    pairs = cooperating(rels)
    assert pairs == {frozenset(("Zarkan Coastal Patrol Service", "Velmar Border Police")),
                     frozenset(("Zarkan Coastal Patrol Service", "Ostrand Navy"))}


def test_a_description_before_a_known_name_in_brackets_is_that_name():
    # EUCAP Sahel Niger is in the vocabulary, with the alias "EU Capacity Building Mission in Niger"
    ents, _ = resolve("In Niger, the EU Capacity Building Mission (EUCAP Sahel Niger) advises the national police.")
    assert "EU Capacity Building Mission" not in ents
    assert ents["EUCAP Sahel Niger"].core == "Initiative"
    assert len(ents["EUCAP Sahel Niger"].mentions) == 2


def test_a_name_described_as_a_smuggler_or_an_officer_is_a_person():
    ents, _ = resolve("Ermias Velmaro, an Ethiopian smuggler based in Libya, is wanted in Palermo. "
                      "Dawit Ostrani, a senior police officer, said the boats left at night. "
                      "Ostrand Harbour, a small port, was closed.")
    people = {label for label, e in ents.items() if e.core == "Person"}
    assert people == {"Ermias Velmaro", "Dawit Ostrani"}


def test_the_operation_stands_for_the_paragraphs_last_operation_not_a_body_of_operational_cooperation():
    # Frontex's vocabulary names include "... Operational Cooperation ...": no operation for that
    _, rels = resolve("Within Operation Velmar Shield, hosted by Italy, Frontex deployed 12 vessels. The "
                      "operation also worked in close cooperation with the Ostrand Coast Guard.")
    pairs = cooperating(rels)
    assert pairs == {frozenset(("Operation Velmar Shield", "Ostrand Coast Guard"))}


def test_a_cooperation_between_names_ends_with_their_list():
    _, rels = resolve("The paper examines the cooperation between the Zarkan Coastal Patrol Service and the "
                      "Velmar Border Police under the Ostrand Migration Partnership of March 2016.")
    pairs = cooperating(rels)
    assert pairs == {frozenset(("Zarkan Coastal Patrol Service", "Velmar Border Police"))}


def test_a_body_described_as_part_of_another_is_part_of_it():
    _, rels = resolve("The Velmar Coastal Unit, a division of the Zarkan Border Police, patrols the bay. "
                      "The Ostrand Research Centre, part of the Danish Refugee Council, surveyed migrants.")
    part_of = related(rels, "partOf")
    assert part_of == {("Velmar Coastal Unit", "Zarkan Border Police"),
                       ("Ostrand Research Centre", "Danish Refugee Council")}


def test_a_conference_named_deep_in_an_article_is_not_the_event_its_people_speak_at():
    filler = "The agency registers refugees and runs camps in many countries. " * 40  # past the opening
    text = (filler + "\n\nIn 2016 the Assembly hosted the Velmar Summit on Refugees.\n\n"
            "Ostra Melini said the camps were full.")
    _, rels = resolve(text)
    assert not [r for r in rels if r[1] == "speaksAt"]
    # the same summit in a report's opening is its event
    _, rels = resolve("Report of the Velmar Summit on Refugees\n\nOstra Melini said the camps were full.")
    assert ("Ostra Melini", "speaksAt", "Velmar Summit on Refugees", None) in rels


def test_a_title_in_brackets_after_a_name_is_no_body():
    ents, rels = resolve("The goodwill ambassadors are:\n\n* Ostra Melini (Honorary Lifetime Goodwill Ambassador)\n")
    assert "Honorary Lifetime Goodwill Ambassador" not in ents
    assert not [r for r in rels if r[1] == "affiliatedWith"]


def test_bodies_named_before_a_pronoun_that_cooperates_with_unnamed_partners_do_not_cooperate():
    _, rels = resolve("As the Velmar Refugee Office is governed by the Ostrand Assembly and the Zarkan Council, "
                      "it cooperates with many other programmes.")
    assert not [r for r in rels if r[1] == "cooperatesWith"]
    # the names that cooperate among themselves still do
    _, rels = resolve("The Velmar Refugee Office, the Ostrand Assembly and the Zarkan Council need to cooperate.")
    assert len([r for r in rels if r[1] == "cooperatesWith"]) == 3


def test_lower_case_brackets_after_a_name_make_no_person_and_a_title_is_cut_whole():
    ents, _ = resolve("Data is aligned to the Ostrand Bargain (humanitarian reform). Mrs Ostra Melini "
                      "(born 1949) spoke. The Velmar League High Commissioner for Refugees was created in 1921. "
                      "Dawit Ostrani was the Velmar League High Commissioner.")
    people = {label for label, e in ents.items() if e.core == "Person"}
    assert people == {"Ostra Melini", "Dawit Ostrani"}
    assert not any(label.endswith(" High") for label in ents)


def test_bodies_with_their_own_language_names_in_brackets_are_still_coordinated():
    _, rels = resolve("The Zarkan Federal Police (Zarkanpolizei) and the Velmar Criminal Police Office "
                      "(Velmarkriminalamt) worked with the Ostrand Border Police.")
    pairs = cooperating(rels)
    assert pairs == {frozenset(("Zarkan Federal Police", "Ostrand Border Police")),
                     frozenset(("Velmar Criminal Police Office", "Ostrand Border Police"))}


def test_bodies_listed_after_an_initiative_as_leading_or_taking_part_in_it_take_part_in_it():
    _, rels = resolve("Operation Velmar Shield, led by the Zarkan Coastal Patrol Service and the Ostrand Navy, "
                      "ended in May. Operation Ostrand Gate was set up in 2022, with the participation of the "
                      "Velmar Border Police.")
    taking_part = related(rels, "participatesIn")
    assert taking_part == {("Zarkan Coastal Patrol Service", "Operation Velmar Shield"),
                           ("Ostrand Navy", "Operation Velmar Shield"),
                           ("Velmar Border Police", "Operation Ostrand Gate")}


def test_bodies_joined_by_and_that_lead_an_initiative_each_take_part_but_a_source_does_not():
    _, rels = resolve("The Zarkan Coastal Patrol Service and the Velmar Border Police jointly lead the Ostrand "
                      "Response Plan. According to the Velmar Refugee Council, the Ostrand Navy leads Operation "
                      "Velmar Shield.")
    taking_part = related(rels, "participatesIn")
    assert taking_part == {("Zarkan Coastal Patrol Service", "Ostrand Response Plan"),
                           ("Velmar Border Police", "Ostrand Response Plan"),
                           ("Ostrand Navy", "Operation Velmar Shield")}


def test_bodies_that_sign_a_working_arrangement_together_cooperate():
    _, rels = resolve("The Zarkan Coastal Patrol Service and the Velmar Border Police signed a working "
                      "arrangement in 2023. The working arrangement of the Ostrand Navy covers training.")
    pairs = cooperating(rels)
    assert pairs == {frozenset(("Zarkan Coastal Patrol Service", "Velmar Border Police"))}


def test_a_clause_opened_by_its_partners_names_them_and_a_known_name_ends_before_and():
    # the Guardia Civil is in the vocabulary: "Spanish" before it and "and" after it are not its name
    ents, rels = resolve("In cooperation with the Spanish Guardia Civil, the Zarkan Coastal Patrol Service "
                         "launched Operation Velmar Shield. The Ostrand Navy works with the Spanish Guardia "
                         "Civil and the Velmar Border Police.")
    assert {"Guardia Civil", "Velmar Border Police"} <= set(ents)
    pairs = cooperating(rels)
    assert pairs == {frozenset(("Zarkan Coastal Patrol Service", "Guardia Civil")),
                     frozenset(("Ostrand Navy", "Guardia Civil")),
                     frozenset(("Ostrand Navy", "Velmar Border Police"))}

"""Word lists the extraction rules use: the grammar of names in this field, not a list of names.

Head words decide what kind of thing a capitalised name is ("... Agency" is an organisation,
"... Directive" a legal instrument); role words mark job titles; honorifics and particles shape
person names; cue words mark cooperation and proposals."""

from __future__ import annotations

import re

class Cue:
    """A case-insensitive pattern of lower-case words, searched in lower-cased text.

    Python's ``re`` runs a pattern about four times slower with ``re.IGNORECASE``; the cues
    below are searched in every sentence, so each is compiled twice: a case-sensitive copy
    searched in ``text.lower()`` (same offsets: lower-casing keeps the length of the text but
    for a few letters such as "İ", where the case-insensitive pattern is used). A match's
    ``group()`` is then in lower case. The pattern must be written in lower case (``\\W``,
    ``\\S`` or a capital would change meaning when lower-cased: refused).
    """

    __slots__ = ("_any", "_low", "pattern")

    def __init__(self, pattern: str):
        if pattern != pattern.lower():
            raise ValueError(f"a cue is written in lower case: {pattern[:40]!r}")
        self.pattern = pattern
        self._any = re.compile(pattern, re.IGNORECASE)
        self._low = re.compile(pattern)

    def search(self, text: str) -> re.Match | None:
        low = text.lower()
        if len(low) != len(text):
            return self._any.search(text)
        return self._low.search(low)

    def finditer(self, text: str):
        low = text.lower()
        if len(low) != len(text):
            return self._any.finditer(text)
        return self._low.finditer(low)


# -- what a name's head word makes it --------------------------------------------------------
# Head word (lower case) -> ontology class. A name is classified by its LAST head word, so
# "Migration Policy Institute" is a research organisation and "Joint Operational Team" a team.
ORGANISATION_HEADS = {
    "ministry": "GovernmentBody", "ministries": None, "ministère": "GovernmentBody",
    "office": "GovernmentBody", "directorate": "GovernmentBody",
    "directorate-general": "GovernmentBody", "department": "GovernmentBody",
    "secretariat": "GovernmentBody", "government": "GovernmentBody",
    "authority": "GovernmentBody", "administration": "GovernmentBody",
    "division": "Organisation", "section": "Organisation", "unit": "Organisation",
    "bureau": "Organisation", "service": "GovernmentBody", "centre": "Organisation",
    "center": "Organisation", "committee": "Organisation", "council": "Organisation",
    "commission": "Organisation", "parliament": "EUInstitution", "assembly": "Organisation",
    "agency": "Organisation", "agencies": None,
    "police": "LawEnforcementAgency", "polizei": "LawEnforcementAgency",
    "guard": "LawEnforcementAgency", "coastguard": "LawEnforcementAgency",
    "gendarmerie": "LawEnforcementAgency", "marechaussee": "LawEnforcementAgency",
    "carabinieri": "LawEnforcementAgency", "customs": "LawEnforcementAgency",
    "navy": "LawEnforcementAgency", "constabulary": "LawEnforcementAgency",
    "force": "LawEnforcementAgency", "forces": "GovernmentBody",
    "court": "JudicialAuthority", "tribunal": "JudicialAuthority",
    "prosecution": "JudicialAuthority", "judiciary": "JudicialAuthority",
    "institute": "ResearchOrganisation", "university": "ResearchOrganisation",
    "observatory": "ResearchOrganisation", "academy": "ResearchOrganisation",
    "foundation": "NGO", "fund": "Organisation", "league": "Organisation", "association": "NGO", "cross": "NGO",
    "crescent": "NGO", "federation": "Organisation",
    "organisation": "Organisation", "organization": "Organisation",
    "advisors": "Company", "advisers": "Company", "consulting": "Company",
    "consultants": "Company", "ltd": "Company", "inc": "Company", "gmbh": "Company",
    "plc": "Company", "airlines": "Company", "airways": "Company", "bank": "Company",
    "group": "Organisation", "mission": "Organisation",
}
INITIATIVE_HEADS = {
    "operation": "JointOperation", "team": "JointTeam", "platform": "Platform",
    "network": "Network", "community": "Network", "forum": "Network", "project": "Project",
    "programme": "Project", "program": "Project", "initiative": "Project",
    "partnership": "Project", "mechanism": "Project", "facility": "Project",
    "plan": "ActionPlan", "agenda": "ActionPlan", "strategy": "ActionPlan",
    "approach": "ActionPlan", "policy": "ActionPlan", "process": "ActionPlan",
    "model": "ActionPlan", "framework": "ActionPlan", "roadmap": "ActionPlan",
    "directive": "LegalInstrument", "regulation": "LegalInstrument",
    "protocol": "LegalInstrument", "convention": "LegalInstrument",
    "decision": "LegalInstrument", "agreement": "LegalInstrument",
    "statement": "LegalInstrument", "declaration": "LegalInstrument",
    "compact": "LegalInstrument", "treaty": "LegalInstrument", "code": "LegalInstrument",
    "package": "LegalInstrument", "act": "LegalInstrument",
    "system": "InformationSystem", "database": "InformationSystem",
    "tool": "InformationSystem", "toolkit": "InformationSystem",
}
EVENT_HEADS = {
    "conference": "Conference", "summit": "Conference", "symposium": "Conference",
    "meeting": "Meeting", "seminar": "Meeting",
}
PLACE_HEADS = {"sea": "Region", "ocean": "Region", "island": "Place", "islands": "Place", "building": "Place", "airport": "Place", "port": "Place"}

# Words that make a heading a session of an event ("Panel II: ...", "Workshop 3: ...").
SESSION_HEADING = re.compile(
    r"^(?:panel|workshop|session|plenary|key ?note|opening|closing|round ?table|"
    r"presentation of|break-?out|side event|welcome address|high-level segment)\b",
    re.IGNORECASE,
)
# The short name of a session: "Panel II", "Workshop 3", "Session 4".
SESSION_SHORT = re.compile(
    r"^((?:panel|workshop|session|plenary|round ?table)\s+(?:[IVX]+|\d+|[A-Z])\b)", re.IGNORECASE
)

# -- words inside and around names -------------------------------------------------------------
# Lower-case words that may sit inside an organisation or initiative name.
NAME_CONNECTORS = {"of", "for", "and", "on", "against", "the", "&", "in", "to"}
# Lower-case particles of person names.
NAME_PARTICLES = {
    "van", "von", "de", "der", "den", "ten", "ter", "te", "di", "da", "du", "del", "della",
    "dos", "das", "do", "le", "la", "bin", "ibn", "al", "el", "y", "zu", "op",
}
HONORIFICS = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "mme", "herr",
    "frau", "judge", "justice", "ambassador",
}
# Words that begin or make up a job title ("Head of Unit", "Senior Specialist").
ROLE_WORDS = {
    "head", "director", "director-general", "deputy", "minister", "commissioner",
    "specialist", "officer", "prosecutor", "representative", "secretary", "president",
    "vice-president", "chair", "chairman", "chairwoman", "chairperson", "co-chair",
    "spokesman", "spokeswoman", "spokesperson", "adviser", "advisor", "researcher",
    "professor", "ambassador", "coordinator", "manager", "analyst", "expert", "member",
    "liaison", "judge", "inspector", "commander", "chief", "general", "executive", "ceo",
    "founder", "assistant", "senior", "junior", "lead", "leader", "consultant", "counsellor",
    "attaché", "attache", "delegate", "rapporteur", "envoy", "administrator", "superintendent",
    "commissioner-general", "secretary-general", "under-secretary", "undersecretary",
    "high", "policy", "legal", "programme", "project", "team", "scientist",
    "journalist", "lawyer", "official", "staff", "founder", "trainer", "mayor", "governor",
    "king", "queen", "prime", "foreign", "interior", "captain", "colonel", "major",
    "lieutenant", "sergeant", "admiral", "state", "permanent", "first", "principal",
}
# Nouns that say what a person is, after "Name, a ...": a job title, or what a person of this
# field is ("Ermias Ghermay, an Ethiopian smuggler based in Libya").
PERSON_NOUNS = ROLE_WORDS | {
    "smuggler", "trafficker", "ringleader", "kingpin", "suspect", "facilitator", "broker", "defendant",
    "fugitive", "migrant", "refugee", "asylum-seeker", "activist", "skipper", "organiser", "organizer",
    "boss", "national", "citizen", "man", "woman", "survivor", "witness", "victim", "commentator",
}
# Job-title nouns that may stand right before a name ("spokesman Flavio ...",
# "Secretary-General António Guterres").
TITLE_BEFORE_NAME = {
    "spokesman", "spokeswoman", "spokesperson", "secretary-general", "director-general",
    "commissioner", "minister", "president", "prosecutor", "ambassador", "chancellor",
    "scientist", "researcher", "director", "professor", "judge", "mayor", "chairman",
    "chief", "captain", "admiral", "general", "king", "queen", "journalist", "founder",
    "colonel", "lieutenant", "brigadier", "commodore", "sergeant", "inspector", "superintendent",
    "commander",
}
# Title words that open a job title printed right after a name (a signature block).
TITLE_AFTER_NAME = {"executive", "director", "deputy", "head", "chief", "president", "secretary",
                    "commissioner", "chair", "chairman", "chairwoman", "minister", "senior"}
# Verbs that report speech or presentation ("X stressed", "X presented").
SPEECH_VERBS = re.compile(
    r"^(?:said|says|say|stated|states|state|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|"
    r"mentioned|mentions|argued|argues|told|tells|added|adds|explained|explains|presented|"
    r"presents|noted|notes|believes|believed|began|begins|started|starts|gave|gives|opened|"
    r"opens|introduced|introduces|highlighted|highlights|underlined|underlines|discussed|"
    r"discusses|described|describes|warned|warns|concluded|concludes|welcomed|welcomes|"
    r"pointed|points|spoke|speaks|remarked|remarks|reported|reports|recommended|recommends|"
    r"called|calls|urged|urges|insisted|insists|claimed|claims|announced|announces|used|"
    r"was|is|has|had|previously|also|then|ended|ends|listed|lists|gives|focused|focuses|"
    r"applauded|favoured|expressed|outlined|shared|noticed|observed|acknowledged|agreed)$"
)
PRESENTED_BY = re.compile(
    r"(?:presented|opened|given|delivered|chaired|moderated|introduced|closed|hosted|"
    r"made|led)\s+by\s*$|according\s+to\s*$|interview(?:ed)?\s+with\s*$",
    re.IGNORECASE,
)

# -- cooperation and modality ------------------------------------------------------------------
COOPERATION_CUE = Cue(
    r"\bco-?operat\w*|\bcollaborat\w*|\bpartner(?:ed|ing|ship|ships|s)?\b|\bjointly\b|\btogether with\b|"
    r"\bwork(?:s|ed|ing)? together\b|\b(?:information|data|intelligence) (?:sharing|exchange)\b|"
    r"\bin (?:close )?(?:co-?ordination|liaison) with\b|\bagreements? (?:in place )?with\b|"
    r"\bshar(?:e|es|ed|ing) (?:information |data |intelligence )?with\b|"
    r"\bexchange (?:of )?(?:information|data|intelligence) with\b|\bclose work with\b|"
    r"\bwork(?:s|ed|ing)? (?:closely |together )?with\b|\bcourses with\b|"
    r"\bco-?organi[sz]\w*|\bjoint (?:project|action|operation|investigation|initiative)s? with\b|"
    r"\bsupport(?:ed)? (?:by|from)\b|\bwith the (?:support|assistance|help) of\b|"
    r"\bpilot project\b[^.;]*\bwith\b|\b(?:establish\w*|set(?:ting)? up|creat\w*) (?:an? )?(?:\w+ )?liaison\b|"
    r"\bjoin(?:s|ed|ing)? forces with\b|\bteam(?:s|ed|ing)? up with\b|\bhand in hand with\b|"
    r"\bin (?:conjunction|tandem) with\b|\bside by side with\b|"
    r"\b(?:work|operat|patrol|serv|fight|act)\w* alongside\b|\bcoordinat(?:e|es|ed|ing) with\b|"
    r"\b(?:memorand(?:um|a) of understanding|mous?|working arrangements?|arrangements?) (?:\w+ )?with\b|"
    r"\bworking arrangements?\b|\bmemorand(?:um|a) of understanding\b",
)
PROPOSAL_CUE = Cue(
    r"\b(?:should|must|shall|ought|needs? to|needed|need for|has to|have to|recommend\w*|"
    r"call(?:s|ed)? (?:for|on|upon)|propos\w*|plan(?:s|ned)? to|planned|will|would|could|"
    r"envisag\w*|foresee\w*|aims? to|intend\w*|encourag\w*|urg(?:e|es|ed)|"
    r"(?:agree[sd]?|commit(?:s|ted)?|pledg(?:e|es|ed)|decide[sd]?|undert(?:ake|akes|ook)|resolved) to|"
    r"to be (?:established|set up|launched|created)|soon to be|in the future|next steps?|"
    r"an? (?:increase|strengthening|enhancement|improvement|expansion) of|more (?:co-?operation|"
    r"collaboration)|closer co-?operation|the need for|is essential|is necessary|"
    r"are necessary|priorit(?:y|ies) (?:is|are|for)|it is important)\b",
)
# An imperative at the start of a clause reads as a recommendation ("Strengthen cooperation ...").
IMPERATIVES = {
    "strengthen", "enhance", "improve", "make", "establish", "explore", "develop", "foster",
    "create", "increase", "promote", "use", "start", "ensure", "maintain", "raise", "bridge",
    "respect", "encourage", "support", "build", "set", "launch", "adopt", "implement",
    "step", "invest", "consider", "provide", "share", "exchange", "involve", "engage",
    "reinforce", "intensify", "expand", "extend", "streamline", "align", "tackle", "focus",
    "prioritise", "prioritize", "address", "apply", "introduce", "harmonise", "harmonize",
}
# A sentence that announces a list of proposals: its items inherit "proposed".
PROPOSAL_INTRO = Cue(
    r"\b(?:recommendations?|conclusions?|next steps?|steps? (?:need|needs|have|has|must|should)|"
    r"envisag\w*|proposals?|priorities|actions? (?:to|that|which)|should|need to be|"
    r"following (?:steps|actions|measures)|call(?:s|ed)? for|proposed)\b",
)
ENUMERATORS = re.compile(
    r"^(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|fifth(?:ly)?|sixth(?:ly)?|"
    r"finally|lastly|last|in addition|moreover|furthermore)\b\s*,?",
    re.IGNORECASE,
)

# -- participation in initiatives ---------------------------------------------------------------
PARTICIPATION_CUE = Cue(
    r"\bparticipat\w*|\btakes? part in\b|\btook part in\b|\bcontribut\w*|\bco-?driv\w*|"
    r"\bdriver\b|\bleads?\b|\bled\b|\bleading\b|\bruns?\b|\brunning\b|\bcoordinat\w*|"
    r"\blaunch\w*|\bimplement\w*|\bhosts?\b|\bhosted\b|\bdeploy\w*|\bsupport\w*|"
    r"\bprovided to\b|\bproject\b|\binvolved in\b|\bmember of\b|\bmembers of\b|\bits\b|"
    r"\bpresented its work in\b|\bpartner\w*|\bmaintains?\b|\bwork in\b|\bpreparing for\b|\bin the context of\b|"
    r"\bset up\b|\bestablished\b|\bcreated\b|\bfounded\b|\bmanag\w*",
)
PARTICIPATION_ROLE = re.compile(
    r"\b(co-?driver|driver|leader|lead partner|coordinator|member|partner|host)\b", re.IGNORECASE
)

MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
}
# Capitalised words that start sentences or headings but never begin a name.
NOT_NAME_START = {
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we",
    "our", "his", "her", "their", "in", "on", "at", "by", "for", "with", "from", "to", "of",
    "and", "or", "but", "as", "after", "before", "during", "since", "while", "when", "where",
    "although", "because", "if", "both", "all", "some", "many", "most", "several", "each",
    "every", "no", "not", "there", "here", "however", "therefore", "thus", "also", "only",
    "according", "between", "among", "through", "within", "without", "under", "over", "about",
    "above", "below", "across", "against", "along", "around", "behind", "beyond", "despite",
    "via", "per", "upon", "so", "yet", "nor", "then", "than", "finally", "firstly", "secondly",
    "thirdly", "fourthly", "moreover", "furthermore", "nowadays", "today", "chair", "chairs",
    "panellists", "panelists", "speakers", "moderator", "source", "see", "like", "unlike",
    "beneficiaries", "relocation", "migrants", "smugglers", "day", "member", "states",
}

# Capitalised words that never belong to a person's name: they are what headings, titles and
# descriptions of bodies are made of ("Panel II focused ...", "Border Management, IOM").
NON_PERSON_WORDS = {
    "panel", "workshop", "session", "plenary", "conference", "smuggling", "migrant", "migrants",
    "migration", "immigration", "emigration", "people", "persons", "organisations",
    "organizations", "intergovernmental", "nongovernmental", "non-governmental", "border",
    "borders", "management", "policy", "return", "irregular", "illegal", "facilitated",
    "trafficking", "human", "beings", "crime", "criminal", "organised", "organized", "security",
    "justice", "affairs", "home", "interior", "international", "european", "national", "federal",
    "public", "agency", "agencies", "union", "states", "member", "countries", "country",
    "conclusions", "summary", "introduction", "key", "note", "notes", "speeches", "remarks",
    "opening", "closing", "presentation", "day", "action", "plan", "operation", "operations",
    "approach", "network", "networks", "platform", "data", "information", "exchange",
    "cooperation", "co-operation", "prevention", "protection", "prosecution", "research",
    "analysis", "risk", "financial", "money", "laundering", "social", "media", "private",
    "sector", "business", "question", "answer", "study", "report", "annex", "table", "figure",
    "chapter", "section", "article", "minister", "ministry", "commission", "council",
    "parliament", "court", "office", "service", "centre", "center", "unit", "police", "guard",
    "coast", "navy", "army", "force", "forces", "government", "authority", "authorities",
    "directorate", "department", "division", "institute", "university", "foundation", "fund",
    "red", "cross", "africa", "asia", "america", "europe", "north", "south", "east", "west",
    "central", "eastern", "western", "northern", "southern", "mediterranean", "sea", "route",
    "routes", "balkan", "balkans", "world", "war", "global", "general", "director", "head",
    "deputy", "chief", "senior", "executive", "secretary", "president", "commissioner",
    "prosecutor", "representative", "specialist", "officer", "assistant", "expert", "advisor",
    "adviser", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "schengen",
    "frontex", "europol", "eurojust", "eu", "un", "uk", "us", "usa",
}
# Words of sentences, not of names. A run of capitalised words holding an auxiliary or modal
# verb or a negation ("Why Smuggling Networks Thrive When The Agency Is Absent") is a Title
# Case line, not a name; one holding a pronoun, a question word or a subordinator is one
# too once it is longer than a short name ("Publish What You Fund" is a name).
SENTENCE_VERBS = {
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did",
    "will", "would", "should", "could", "can", "may", "might", "must", "shall", "not",
}
SENTENCE_WORDS = {
    "why", "how", "what", "when", "where", "who", "whom", "whose", "which", "that", "this",
    "these", "those", "it", "its", "we", "our", "you", "your", "they", "their", "he", "she",
    "his", "her", "i", "me", "us", "them", "there", "here", "if", "because", "although",
    "while", "whereas", "than", "very", "about", "into", "from", "with", "by", "at", "as",
}
SHORT_NAME_WORDS = 4
# A name found by its head word is refused past these sizes (names of bodies written in full,
# "United Nations Entity for Gender Equality and the Empowerment of Women", stay within them;
# longer ones are matched from the vocabulary, not built from capitalised words).
MAX_NAME_WORDS = 12
MAX_NAME_CONTENT_WORDS = 8
# Words that open a heading or a phrase about a thing without being part of its name:
# "Conclusions of the European Conference", "Summary of ...", "Implementation of ...".
LEADING_NOISE = {
    "conclusions", "conclusion", "summary", "outcome", "outcomes", "results", "report",
    "introduction", "aims", "objectives", "implementation", "launch", "evaluation", "review",
    "members", "member", "meeting", "minutes", "chapter", "article", "annex", "section",
    "paragraph", "title", "part", "pilot",
    # people of a body, not the body: "Officers of the Belgian Federal Judicial Police"
    "officers", "officials", "agents", "investigators", "representatives", "experts", "staff",
    "delegates", "analysts", "prosecutors", "judges", "inspectors", "commanders", "heads",
    "directors", "leaders", "employees", "personnel", "troops", "soldiers", "guards",
}
# Words that say what kind of body or instrument a name is without saying which: a name made
# only of these ("Federal Police", "Pilot Project") needs a country or an acronym to be one.
GENERIC_NAME_WORDS = {
    "national", "federal", "state", "public", "central", "general", "royal", "immigration",
    "migration", "asylum", "border", "borders", "coast", "financial", "intelligence",
    "criminal", "crime", "investigation", "investigations", "prosecution", "prosecutor",
    "interior", "justice", "security", "home", "foreign", "affairs", "defence", "defense",
    "labour", "social", "health", "internal", "alien", "aliens", "tax", "revenue", "return",
    "repatriation", "international", "cooperation", "co-operation", "organised", "organized",
    "serious", "money", "laundering", "human", "trafficking", "smuggling", "combating",
    "of", "the", "for", "and", "on", "in", "against", "&", "expertise", "police", "guard",
    "management", "citizenship", "protection", "emergency", "economic", "operations",
    "pilot", "joint", "action", "regional", "local", "special", "new", "main", "common",
}

# A list introduced by one of these holds conclusions or recommendations, each an entity of
# its own: "The four main conclusions of workshop 1:", "the following steps need to be taken:".
RECOMMENDATION_INTRO = re.compile(
    r"\b(?P<kind>conclusions?|recommendations?|next steps?|steps? (?:need|needs|must|should|have|has) to be taken|"
    r"following steps|priorities|proposals?|actions? (?:to be taken|points?)|lessons learn(?:ed|t)|"
    r"way forward)\b",
    re.IGNORECASE,
)

"""Loaders: real documents in (tests/corpus, see SOURCES.md), clean structured Documents out.

Every assertion is about a real document or a real damage pattern; the property test at the end
checks that any bytes at all give either a valid Document or a DocumentError."""

from __future__ import annotations

import codecs
import doctest
import hashlib
import importlib
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actorgraph.errors import DocumentError, UnknownFormat
from actorgraph.loaders import (
    BUNDLED_DOCUMENT,
    Document,
    bundled_document,
    format_for_path,
    iter_paths,
    load_bytes,
    load_path,
    load_text,
)
from actorgraph.loaders.sentences import sentence_spans

CORPUS = Path(__file__).resolve().parent / "corpus"


def load(name: str) -> Document:
    return load_path(CORPUS / name)


@pytest.fixture(scope="module")
def emn() -> Document:
    return load("emn_2016_conference_report.txt")


@pytest.fixture(scope="module", params=["frontex_risk_analysis_2016.txt",
                                        "frontex_risk_analysis_2018.txt"])
def frontex(request) -> Document:
    return load(request.param)


@pytest.fixture(scope="module")
def aljazeera() -> Document:
    return load("aljazeera_eu_ships_rescue_2015.md")


@pytest.fixture(scope="module")
def iom() -> Document:
    return load("iom_wikipedia.md")


@pytest.fixture(scope="module")
def unhcr() -> Document:
    return load("unhcr_wikipedia.md")


def block_of(doc: Document, text: str):
    """The block whose text is exactly ``text``."""
    found = [b for b in doc.blocks if doc.text[b.start : b.end] == text]
    assert found, f"no block {text!r}"
    return found[0]


def sentence_with(doc: Document, needle: str) -> str:
    found = [doc.span_text(s) for s in doc.sentences if needle in doc.span_text(s)]
    assert len(found) == 1, found
    return found[0]


def assert_valid(doc: Document) -> None:
    """Blocks are ordered, non-empty, trimmed spans; every sentence lies inside one block."""
    assert doc.blocks
    end = 0
    for b in doc.blocks:
        assert end <= b.start < b.end <= len(doc.text)
        body = doc.text[b.start : b.end]
        assert body == body.strip() and "\n" not in body
        assert b.kind in ("heading", "paragraph", "list_item", "label")
        end = b.end
    starts = [s.start for s in doc.sentences]
    assert starts == sorted(starts)
    for s in doc.sentences:
        assert s.start < s.end and doc.span_text(s).strip() == doc.span_text(s)
        assert any(b.start <= s.start and s.end <= b.end for b in doc.blocks), s


ALL = ["emn_2016_conference_report.txt", "frontex_risk_analysis_2016.txt",
       "frontex_risk_analysis_2018.txt", "aljazeera_eu_ships_rescue_2015.md",
       "iom_wikipedia.md", "unhcr_wikipedia.md"]


@pytest.mark.parametrize("name", ALL)
def test_every_corpus_document_is_valid(name):
    doc = load(name)
    assert_valid(doc)
    assert doc.sha256 == hashlib.sha256((CORPUS / name).read_bytes()).hexdigest()
    assert "\ufffd" not in doc.text and "**" not in doc.text
    assert doc.format == ("markdown" if name.endswith(".md") else "text")


# -- the EMN conference report (PDF text) ----------------------------------------------------------


def test_emn_markup_and_hyphenation_repaired(emn):
    assert "**" not in emn.text and "*modus operandi*" not in emn.text
    assert "smug-" not in emn.text and not re.search(r"\bgling\b", emn.text)
    assert "central information hub on migrant smuggling at the European level" in emn.text
    # real hyphens stay
    for word in ("Director-General", "co-chair", "Frontex-activities", "Jan-Kees", "eu-LISA"):
        assert word in emn.text


def test_emn_sentences_cut_by_page_breaks_rejoined(emn):
    assert "Yemen and Somalia." in sentence_with(emn, "Yemen and Somalia")
    assert "Leonard from Cameroon stood up for her." in emn.text
    assert "three important elements need to be addressed to tackle" in emn.text
    # a paragraph that merely lacks its full stop is not glued to the next one
    panel = [b for b in emn.blocks if emn.text[b.start : b.end].startswith("Panel I focused")]
    assert emn.text[panel[0].start : panel[0].end].endswith("cooperation between EU agencies")


def test_emn_page_furniture_reduced(emn):
    raw_lines = [line.strip() for line in (CORPUS / "emn_2016_conference_report.txt")
                 .read_text(encoding="utf-8").split("\n")]
    lines = emn.text.split("\n")
    for furniture in ("Ministry of Security and Justice", "PROMOTING THE MULTIDISCIPLINARY "
                      "APPROACH IN ADDRESSING MIGRANT SMUGGLING"):
        assert raw_lines.count(furniture) == 2
        assert lines.count(furniture) == 1
    assert emn.text.count("Co-funded by the European Union") == 1


def test_emn_headings(emn):
    assert emn.title == "European Conference 2016"
    headings = {emn.text[b.start : b.end] for b in emn.blocks if b.kind == "heading"}
    workshops = [h for h in headings if h.startswith("Workshop ")]
    panels = [h for h in headings if h.startswith("Panel ")]
    assert sorted(w[:10] for w in workshops) == [f"Workshop {i}" for i in range(1, 7)]
    assert sorted(p.split(":")[0] for p in panels) == [
        "Panel I", "Panel II", "Panel III", "Panel IV", "Panel V"]
    assert "Panel III: Smuggling routes, modi operandi and humanitarian assistance" in headings
    for h in ("Opening remarks", "Key note speeches", "CONCLUSIONS AND SUMMARY", "Next steps",
              "Presentation of the EMN-study 'Smuggling of migrants: characteristics, responses "
              "and cooperation with third Countries'"):
        assert h in headings
    # "Panel I focused on ..." is a sentence, not a heading
    assert not any(h.startswith("Panel I focused") for h in headings)


def test_emn_labels(emn):
    chair = block_of(emn, "Chair: Pawel Suchanek (Frontex)")
    assert (chair.kind, chair.marker) == ("label", "Chair")
    first = block_of(emn, "Panellists: Ralph Markert (Interpol)")
    after = emn.blocks[emn.blocks.index(first) : emn.blocks.index(first) + 4]
    assert [(emn.text[b.start : b.end], b.kind, b.marker) for b in after] == [
        ("Panellists: Ralph Markert (Interpol)", "label", "Panellists"),
        ("Mr. Gert Buist (Expertise Centre for Trafficking and Smuggling, the Netherlands)",
         "label", "Panellists"),
        ("Morgane Nicot (UNODC)", "label", "Panellists"),
        ("Workshop 2: Dismantling organised criminal networks involved in migrant smuggling: "
         "Understanding the financial schemes used by smuggling networks", "heading", ""),
    ]
    # Workshop 2 lists its panellists on blank-separated lines: still the same label group
    for name in ("Jennifer MacLeod (Europol)", "Sara Sighinolfi (Fundamental Rights Agency)"):
        assert block_of(emn, name).marker == "Panellists"
    labels = [b for b in emn.blocks if b.kind == "label"]
    assert sum(b.marker == "Chair" for b in labels) == 6
    assert sum(b.marker == "Panellists" for b in labels) == 19
    # a label is one sentence
    assert sentence_with(emn, "Pawel Suchanek") == "Chair: Pawel Suchanek (Frontex)"


def test_emn_list_items(emn):
    item = block_of(emn, "The approach needs to incorporate past experiences.")
    assert (item.kind, item.marker) == ("list_item", "3.")
    assert emn.text[item.start - 3 : item.start] == "3. "
    bullet = block_of(emn, "Enhance prevention of smuggling and assistance to vulnerable migrants;")
    assert (bullet.kind, bullet.marker) == ("list_item", "-")
    bold_item = [b for b in emn.blocks if emn.text[b.start : b.end].startswith(
        "Help migrants in distress and save lives: Ensure")]
    assert bold_item and bold_item[0].marker == "1."


def test_emn_sentences(emn):
    assert sentence_with(emn, "Mr. Diez stressed") == (
        "Mr. Diez stressed that the importance of this topic was illustrated by the fact that "
        "this conference was the first one of the Netherlands Presidency.")
    swing = sentence_with(emn, "William L. Swing")
    assert swing.startswith("William L. Swing (Director General of the International "
                            "Organisation for Migration) began his speech")
    assert sentence_with(emn, "Mrs. Barberini gives").endswith(
        '"Member States should consider installing jurisdiction on high seas, without a direct '
        'link to the territory of one specific country".')
    assert "(e.g. engaged in law enforcement and/or migration)" in sentence_with(emn, "200 experts")
    assert "(2009/52/EC), which requests" in sentence_with(emn, "Employers Sanctions Directive")
    assert sentence_with(emn, "3.000 migrants").startswith("In 2015, there were 66")
    assert sentence_with(emn, "1,003,124").startswith("Florian Forster (Head Immigration")
    assert "i.e. the Employers" in sentence_with(emn, "i.e. the Employers")
    # a colon inside a list item does not end a sentence
    assert sentence_with(emn, "Help migrants in distress").endswith("other needed assistance;")


def test_bundled_document_is_the_emn_report(emn):
    doc = bundled_document()
    assert BUNDLED_DOCUMENT.is_file()
    assert doc.source == "bundled:emn_2016_conference_report.txt"
    assert (doc.sha256, doc.text, doc.title) == (emn.sha256, emn.text, emn.title)


# -- Frontex risk analyses (Windows-1252, one line of 100-170 KB) ----------------------------------


def test_frontex_decodes_as_cp1252(frontex):
    assert frontex.encoding == "cp1252"
    assert "’" in frontex.text and "–" in frontex.text and "\ufffd" not in frontex.text
    assert "\n" not in frontex.text  # one line in, paragraphs of sentences out
    assert len(frontex.sentences) > 500
    assert frontex.title.startswith("frontex_risk_analysis_")


def test_frontex_split_words_repaired_only_where_attested():
    doc = load("frontex_risk_analysis_2016.txt")
    for broken, whole in [("Jan uary", "January"), ("Sep tember", "September"),
                          ("in creased", "increased"), ("sit uation", "situation"),
                          ("border-con trol", "border-control"), ("mi grants", "migrants")]:
        assert broken not in doc.text and whole in doc.text
    # both halves are words of the document: left alone
    for pair in ("may be", "inter alia", "a long"):
        assert pair in doc.text


def test_split_word_needs_an_attested_joined_form():
    filler = "Border guards of the Member States met at the border in the spring. " * 80
    attested = load_text(filler + "Col laboration grew. Collaboration is key.", "a.txt")
    assert "Collaboration grew." in attested.text
    unattested = load_text(filler + "Col laboration grew.", "b.txt")
    assert "Col laboration grew." in unattested.text


def test_frontex_sentences():
    doc = load("frontex_risk_analysis_2016.txt")
    # a footnote number glued to the full stop ends the sentence
    assert sentence_with(doc, "extra-EU air arrivals rose by 6%").endswith("2013 and 2014.1")
    # a footnote reference inside a sentence ("p. 17. arrested") does not
    assert "p. 17. arrested on a tip" in sentence_with(doc, "p. 17. arrested")


# -- news with front matter, Markdown from Wikipedia -----------------------------------------------


def test_front_matter_becomes_metadata(aljazeera):
    assert aljazeera.title == "EU ships rescue 4,200 migrants in Mediterranean Sea"
    assert aljazeera.date == "2015-05-30"
    assert aljazeera.metadata["date"] == "2015-05-30 14:12"
    assert aljazeera.metadata["src"].startswith("http://www.aljazeera.com/news/2015/05/")
    assert aljazeera.metadata["author"] == "jarvis"
    assert aljazeera.text.startswith("Some of the more than four thousand migrants")
    assert "Slug:" not in aljazeera.text and "Title:" not in aljazeera.text


def test_mojibake_repaired(aljazeera):
    assert "Â" not in aljazeera.text
    assert aljazeera.text.endswith("Source: AFP")
    assert block_of(aljazeera, "Thirty-fold increase").kind == "heading"


def test_markdown_paragraphs_unwrapped(iom, unhcr):
    first = iom.blocks[1]
    assert iom.text[first.start : first.end] == (
        "The International Organization for Migration (IOM) is a United Nations related "
        "organization working in the field of migration. The organization implements "
        "operational assistance programmes for migrants, including internally displaced "
        "persons, refugees, and migrant workers.")
    assert "first-ever intergovernmental agreement" in iom.text
    assert "UN Secretary-General António Guterres" in iom.text
    assert "principle of non-refoulement." in iom.text
    assert sentence_with(iom, "Amy E. Pope") == "Its director general is Amy E. Pope."
    for doc in (iom, unhcr):
        assert not re.search(r"\[(?:\d+|update|_who\?_)\]", doc.text)
        assert "##" not in doc.text
    assert "According to some, UNHCR has been decisive" in unhcr.text


def test_markdown_structure(iom, unhcr):
    history = block_of(iom, "History")
    assert (history.kind, history.level) == ("heading", 2)
    assert block_of(iom, "Organization").level == 3
    item = block_of(iom, "Afghanistan")
    assert (item.kind, item.marker) == ("list_item", "*")
    assert block_of(unhcr, "2,941,121 are refugees").kind == "list_item"
    assert iom.title == "iom_wikipedia"  # a "##" heading names a section, not the document


# -- decoding ------------------------------------------------------------------------------------

SAMPLE = "Gérard Collomb, Ministère de l’Intérieur, met Frontex’s director."


@pytest.mark.parametrize("data, encoding", [
    (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16-le"),
    (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16-be"),
    (codecs.BOM_UTF32_LE + SAMPLE.encode("utf-32-le"), "utf-32-le"),
    (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
    (SAMPLE.encode("utf-16-le"), "utf-16-le"),
    (SAMPLE.encode("utf-8"), "utf-8"),
    (SAMPLE.encode("cp1252"), "cp1252"),
])
def test_encodings(data, encoding):
    doc = load_bytes(data, "sample.txt")
    assert (doc.text, doc.encoding) == (SAMPLE, encoding)


def test_latin1_bytes():
    doc = load_bytes("Réfugiés à Lampedusa.".encode("latin-1"), "latin.txt")
    assert (doc.text, doc.encoding) == ("Réfugiés à Lampedusa.", "latin-1")
    # bytes that Windows-1252 leaves undefined do not break decoding
    assert load_bytes(b"Caf\xe9 \x81ok.", "x.txt").text == "Café ok."


def test_mojibake_in_utf8_text():
    doc = load_text("The EUâ€™s agency met in CafÃ© Europa.", "news.md", "markdown")
    assert doc.text == "The EU’s agency met in Café Europa."


# -- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize("data, message", [
    (b"", "empty document, nothing to extract"),
    (b" \n\t\r\n ", "empty document, nothing to extract"),
    (codecs.BOM_UTF8 + b"  \n", "empty document, nothing to extract"),
    (b"**  **\n\n[1]\n", "empty document, nothing to extract"),
    (bytes(range(256)) * 4, "looks like a binary file, not a text document"),
    (b"text\x00with\x00nul\x00bytes\x00", "looks like a binary file, not a text document"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "looks like an image (PNG)"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "looks like a PDF file; convert it to text first"),
])
def test_refused_content(data, message):
    with pytest.raises(DocumentError) as e:
        load_bytes(data, "in/report.txt")
    text = str(e.value)
    assert text.startswith("in/report.txt: ") and message in text and "\n" not in text


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(DocumentError, match="no such file"):
        load_path(tmp_path / "nope.txt")
    with pytest.raises(DocumentError, match="is a directory"):
        load_path(tmp_path)
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    with pytest.raises(DocumentError, match="empty.md: empty document"):
        load_path(empty)


def test_size_limit(tmp_path, monkeypatch):
    import actorgraph.loaders as loaders

    big = tmp_path / "big.txt"
    big.write_text("Frontex met Europol. " * 100)
    monkeypatch.setattr(loaders, "MAX_BYTES", 1000)
    with pytest.raises(DocumentError, match="over the 0 MB limit; split it"):
        load_path(big)


def test_unknown_format_lists_known_ones():
    with pytest.raises(UnknownFormat, match="known formats: html, markdown, pdf, text"):
        load_bytes(b"x", "x", "docx")


# -- formats and paths ---------------------------------------------------------------------------


@pytest.mark.parametrize("name, fmt", [
    ("a.txt", "text"), ("a.TEXT", "text"), ("README", "text"), ("a.md", "markdown"),
    ("a.markdown", "markdown"), ("notes.rst", "text"),
])
def test_format_for_path(name, fmt):
    assert format_for_path(name).name == fmt


def test_iter_paths(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b.txt", "a.md", "sub/c.markdown", "sub/d.pdf", "sub/e.png", ".hidden/f.txt",
                 ".g.txt", "LICENSE"):
        (tmp_path / name).write_text("Frontex met Europol.")
    assert [p.relative_to(tmp_path).as_posix() for p in iter_paths(tmp_path)] == [
        "a.md", "b.txt", "sub/c.markdown", "sub/d.pdf"]  # PDF is a format since issue 5
    pattern = str(tmp_path / "**" / "*.m*")
    assert [p.name for p in iter_paths([pattern, tmp_path / "a.md"])] == ["a.md", "c.markdown"]
    assert [p.name for p in iter_paths(tmp_path / "LICENSE")] == ["LICENSE"]
    with pytest.raises(DocumentError, match="no such file or directory"):
        list(iter_paths(tmp_path / "missing"))
    with pytest.raises(DocumentError, match="matches no file"):
        list(iter_paths(str(tmp_path / "*.html")))


def test_load_path_chooses_markdown_by_extension(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("# Joint Operation Triton\n\nFrontex **coordinates** it.\n")
    doc = load_path(path)
    assert (doc.format, doc.title, doc.text) == (
        "markdown", "Joint Operation Triton", "Joint Operation Triton\n\nFrontex coordinates it.")


# -- general repairs on small real-shaped inputs ---------------------------------------------------


def test_hyphen_at_line_break():
    text = ("Frontex presented its activities. Frontex-\nactivities grew. The co-\nchair spoke. "
            "Migrant smuggling rose; smug-\n\ngling networks adapt. Talks on EU-\nTurkey ended.")
    doc = load_text(text, "r.txt")
    assert "Frontex-activities grew." in doc.text
    assert "The co-chair spoke." in doc.text
    assert "smuggling networks adapt." in doc.text
    assert "EU-Turkey ended." in doc.text


def test_repeated_page_header_removed():
    pages = [["FRONTEX RISK ANALYSIS 2016", "", f"Migrants crossed the border on page {i}.", "",
              str(i), ""] for i in range(1, 5)]
    doc = load_text("\n".join(line for page in pages for line in page), "r.txt")
    assert doc.text.count("FRONTEX RISK ANALYSIS 2016") == 1  # the cover's stays
    assert doc.text.count("Migrants crossed the border") == 4
    assert not re.search(r"^\d$", doc.text, re.MULTILINE)


def test_heading_repeated_inside_pages_is_not_furniture():
    page = ("Western Balkans\n\nThe route saw {0} detections.\n\nConclusions\n\n"
            "Cooperation with Serbia grew in {0}.\n\nAnnual report {0}\f")
    doc = load_text("".join(page.format(year) for year in (2014, 2015, 2016)), "r.txt")
    headings = [doc.text[b.start : b.end] for b in doc.blocks if b.kind == "heading"]
    assert headings.count("Conclusions") == 3
    assert headings.count("Western Balkans") == 1  # at the top of every page: a running head


def test_hard_wrapped_pdf_text():
    text = ("The European Migrant Smuggling Centre was established at Europol in\n"
            "February 2016 to support Member States in targeting and dismantling the\n"
            "complex and sophisticated criminal networks involved in smuggling.\n"
            "Joint Operation Triton\n"
            "Frontex launched the operation in November 2014 to support Italy in\n"
            "border control and surveillance.\n")
    doc = load_text(text, "wrapped.txt")
    kinds = [(b.kind, doc.text[b.start : b.end][:30]) for b in doc.blocks]
    assert kinds == [("paragraph", "The European Migrant Smuggling"),
                     ("heading", "Joint Operation Triton"),
                     ("paragraph", "Frontex launched the operation")]


def test_pdf_sections_and_symbol_bullets():
    text = ("2. Situational picture\n\nIn 2015, Member States reported 1.8 million detections."
            "\n\n\uf0b7 Frontex deployed officers;\n\uf0b7 EASO supported registration.\n\n"
            "3. Outlook\nThe flow will continue.\n\n1. Save lives;\n2. Return.\n")
    doc = load_text(text, "report.txt")
    assert [(b.kind, b.marker, doc.text[b.start : b.end]) for b in doc.blocks] == [
        ("heading", "", "2. Situational picture"),
        ("paragraph", "", "In 2015, Member States reported 1.8 million detections."),
        ("list_item", "•", "Frontex deployed officers;"),
        ("list_item", "•", "EASO supported registration."),
        ("heading", "", "3. Outlook"),
        ("paragraph", "", "The flow will continue."),
        ("list_item", "1.", "Save lives;"),
        ("list_item", "2.", "Return."),
    ]


def test_markdown_news_with_yaml_front_matter():
    text = ("---\ntitle: \"Italy rescues 1,000 migrants\"\ndate: 2016-04-12\n"
            "tags: [migration, italy]\n---\n\n![Rescue](http://img/x.jpg)\n\n"
            "The [Italian Navy](https://en.wikipedia.org/wiki/Italian_Navy) said **Operation "
            "Sophia** vessels\nrescued migrants.[1][2] Dr. Rossi of the [U.N.][un] agreed.\n\n"
            "[un]: http://un.org\n")
    doc = load_text(text, "news.md", "markdown")
    assert (doc.title, doc.date, doc.metadata["tags"]) == (
        "Italy rescues 1,000 migrants", "2016-04-12", "migration, italy")
    assert doc.text == ("The Italian Navy said Operation Sophia vessels rescued migrants. "
                        "Dr. Rossi of the U.N. agreed.")
    assert [doc.span_text(s) for s in doc.sentences] == [
        "The Italian Navy said Operation Sophia vessels rescued migrants.",
        "Dr. Rossi of the U.N. agreed."]


@pytest.mark.parametrize("text, expected", [
    ("Mr. Diez spoke. Mrs. Spinant replied.", ["Mr. Diez spoke.", "Mrs. Spinant replied."]),
    ("Dr. Koser and Prof. Smith met. They agreed.", ["Dr. Koser and Prof. Smith met.",
                                                     "They agreed."]),
    ("Agencies, e.g. Europol, i.e. the police, etc. work. Next.",
     ["Agencies, e.g. Europol, i.e. the police, etc. work.", "Next."]),
    ("See No. 5 and Art. 3 of the Directive. Then vs. now.",
     ["See No. 5 and Art. 3 of the Directive.", "Then vs. now."]),
    ("The U.S. Department of State agreed. It acted.",
     ["The U.S. Department of State agreed.", "It acted."]),
    ("He said: “Save lives.” The EU agreed!", ["He said: “Save lives.”", "The EU agreed!"]),
    ("Why? Because (see above.) It works.", ["Why?", "Because (see above.)", "It works."]),
    ("Costs rose; profits fell: 3.000 migrants paid EUR 1,003,124.",
     ["Costs rose; profits fell: 3.000 migrants paid EUR 1,003,124."]),
    ("Ms Pope (IOM) spoke... then left.", ["Ms Pope (IOM) spoke... then left."]),
])
def test_sentence_boundaries(text, expected):
    assert [text[s.start : s.end] for s in sentence_spans(text, 0, len(text))] == expected


# -- documentation examples ------------------------------------------------------------------------


@pytest.mark.parametrize("module", ["decode", "clean", "frontmatter", "patterns", "structure",
                                    "sentences", "formats", "__init__"])
def test_doctests(module):
    name = "actorgraph.loaders" + ("" if module == "__init__" else f".{module}")
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0 and result.attempted > 0


# -- any bytes at all ----------------------------------------------------------------------------

_PIECES = st.sampled_from(
    list("ab Mr.L.E. \n-*_#[]()|:;!?\"’“”17\tÂÃ©\x00\x01\ufeff\u00ad")
    + ["Chair: ", "Panellists: ", "Panel II: ", "**", "- ", "1. ", "smug-\n\ngling", "\n\n",
       "e.g. ", "Title: x\n", "---\n", "    * ", "  \n", "| a | b |\n", "[1]", "[x](y)"])


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(st.binary(max_size=400),
                 st.lists(_PIECES, max_size=60).map(lambda p: "".join(p).encode("utf-8"))),
       st.sampled_from(["text", "markdown"]))
def test_any_bytes_give_a_valid_document_or_a_document_error(data, fmt):
    try:
        doc = load_bytes(data, "fuzz", fmt)
    except DocumentError as e:
        assert str(e).startswith("fuzz: ") and "\n" not in str(e)
        return
    assert_valid(doc)


# -- throughput (printed, not asserted: run with -s to see it) -------------------------------------


def test_throughput_on_frontex(capsys):
    data = [(CORPUS / n).read_bytes() for n in ALL[1:3]]
    start = time.perf_counter()
    words = sum(len(load_bytes(d, "frontex").text.split()) for d in data)
    seconds = time.perf_counter() - start
    with capsys.disabled():
        print(f"\nloaders: {words} words of Frontex text in {seconds:.3f} s "
              f"= {words / seconds:,.0f} words/s")

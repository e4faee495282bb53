"""Property-based tests (hypothesis) of the loaders, the text cleaner, the sentence splitter, and
name extraction and resolution (issue 7): whatever the input, no exception escapes but the
project's documented errors, every span is valid and every offset points into the text.

The inputs mix random bytes and text with pieces chosen to reach the rules: markup, labels,
honorifics, acronyms, vocabulary names, the tokens that once made a pattern backtrack.
A longer run: ``ROBUSTNESS_EXAMPLES=20000 python -m pytest tests/robustness/test_properties.py``
(see also ``fuzz.py``, the same targets under atheris)."""

from __future__ import annotations

import itertools
import os
import re

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from actorgraph.errors import DocumentError
from actorgraph.loaders import load_bytes, load_text
from actorgraph.loaders.clean import (
    DocumentWords,
    join_broken_lines,
    normalise_characters,
    remove_page_furniture,
    repair_split_words,
    strip_markup,
)
from actorgraph.loaders.document import Block
from actorgraph.loaders.sentences import sentence_spans, split_sentences

#: Examples per property: 200 in the suite; ``ROBUSTNESS_EXAMPLES=20000`` for a long run.
EXAMPLES = int(os.environ.get("ROBUSTNESS_EXAMPLES", "200"))
fuzz = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

PIECES = st.sampled_from(
    list("ab Mr.L.E. \n-*_#[]()|:;!?\"’“”17\tÂÃ©\x00\x01\x1b\ufeff\u00ad\u2028\r\f<>&/\\`~é\u0301")
    + ["Chair: ", "Panellists: ", "Panel II: ", "Workshop 3 - ", "**", "- ", "1. ", "(a) ", "• ",
       "smug-\n\ngling", "\n\n", "\n\n\n\n", "e.g. ", "No. 5 ", "U.S. ", "Title: x\n", "---\n",
       "    * ", "  \n", "| a | b |\n", "|---|---|\n", "[1]", "[x](y)", "[a](", "![i](j)", "<!--",
       "-->", "<b>", "</b>", "<br>", "<http://x>", "&amp;", "Frontex", "Europol", "EUNAVFOR MED",
       "Operation Sophia", "the European Commission", "Mrs. Barberini", "Dr. Jane Doe",
       "Ministry of the Interior", "Italian Coast Guard", "Joint Operation Triton", "(UNODC)",
       " cooperates with ", " should cooperate with ", " works closely with ", " and ",
       "Federal Police", ", Germany", " of ", "’s ", " (Head of Unit, Europol)", "said that ",
       "AAAAAAAAAAAAAAAAAAAAAAAA", "[[[[[[[[", "*a *a *a ", "!!!!!!", "ab-ab-ab-ab"])
DOCUMENT_TEXT = st.lists(PIECES, max_size=80).map("".join)

# Sentences shaped like a report's, so that the extraction rules fire (names, relations, roles).
NAMES = st.one_of(
    st.sampled_from(["Frontex", "Europol", "Eurojust", "EUNAVFOR MED", "Operation Sophia", "UNODC",
                     "the European Commission", "the Italian Coast Guard", "Interpol", "IOM",
                     "the Ministry of the Interior", "Federal Police", "JOT Mare", "EMPACT"]),
    st.builds(lambda t, f, l: f"{t} {f} {l}", st.sampled_from(["Mr.", "Mrs.", "Dr.", "Prof."]),
              st.sampled_from(["Anna", "Jean", "Ólafur", "Zoë", "X"]),
              st.sampled_from(["Diez", "van der Steur", "O'Neill", "Øberg", "Y-Z"])),
    st.builds(lambda w: f"the {w} Agency ({''.join(x[0] for x in w.split())}A)",
              st.sampled_from(["Border Control", "Maritime Safety", "Quick Brown"])),
    st.text(alphabet="ABCÉabc -'’.&()", min_size=1, max_size=20),
)
LINKS = st.sampled_from([" cooperates with ", " should work closely with ", " and ", " signed an agreement with ",
                         " supports ", ", ", " (Head of Unit, ", " chaired ", " is part of "])
SENTENCES = st.builds(lambda a, l, b, end: f"{a}{l}{b}{end}", NAMES, LINKS, NAMES,
                      st.sampled_from([".", ";", "", ").", " in 2016.", "\n"]))
LINES = st.one_of(SENTENCES, st.builds(lambda label, n: f"{label}: {n}", st.sampled_from(
    ["Chair", "Panellists", "Speakers", "Moderator"]), NAMES), st.sampled_from(
    ["Panel II: Cooperation", "# Conclusions", "Next steps:", "- ", "1. "]), PIECES)
REPORTS = st.lists(st.lists(LINES, min_size=1, max_size=6).map(" ".join), min_size=1, max_size=12).map("\n\n".join)
ANY_TEXT = st.one_of(DOCUMENT_TEXT, st.text(max_size=300))
ANY_BYTES = st.one_of(st.binary(max_size=500), DOCUMENT_TEXT.map(lambda t: t.encode("utf-8")),
                      DOCUMENT_TEXT.map(lambda t: t.encode("utf-16")),
                      DOCUMENT_TEXT.map(lambda t: t.encode("cp1252", errors="replace")))
FORMATS = st.sampled_from(["text", "markdown", "html"])

_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def assert_valid_document(doc) -> None:
    """Blocks ordered and trimmed, sentences inside one block each, no control character."""
    text = doc.text
    assert doc.blocks and not _CONTROL.search(text)
    end = 0
    for b in doc.blocks:
        assert end <= b.start < b.end <= len(text)
        body = text[b.start : b.end]
        assert body == body.strip() and "\n" not in body
        end = b.end
    last = 0
    for s in doc.sentences:
        assert last <= s.start < s.end <= len(text)
        assert any(b.start <= s.start and s.end <= b.end for b in doc.blocks)
        last = s.end


def assert_refusal(error: DocumentError, source: str) -> None:
    message = str(error)
    assert message and "\n" not in message and len(message) < 400


# -- loaders ---------------------------------------------------------------------------------------


@fuzz
@given(ANY_BYTES, FORMATS)
def test_load_bytes_gives_a_valid_document_or_a_document_error(data, fmt):
    try:
        doc = load_bytes(data, "fuzz", fmt)
    except DocumentError as e:
        assert_refusal(e, "fuzz")
        return
    assert_valid_document(doc)
    assert doc.sha256 and len(doc.id) == 16


@fuzz
@given(st.binary(max_size=2000))
def test_any_bytes_as_a_pdf_give_a_document_or_a_document_error(data):
    try:
        doc = load_bytes(b"%PDF-1.4\n" + data, "fuzz.pdf", "pdf")
    except DocumentError as e:
        assert_refusal(e, "fuzz.pdf")
        return
    assert_valid_document(doc)


@fuzz
@given(ANY_TEXT, FORMATS)
def test_load_text_gives_a_valid_document_or_a_document_error(text, fmt):
    try:
        doc = load_text(text, "fuzz", fmt)
    except DocumentError as e:
        assert_refusal(e, "fuzz")
        return
    assert_valid_document(doc)


# -- the cleaner -----------------------------------------------------------------------------------


@fuzz
@given(ANY_TEXT)
def test_normalise_characters_leaves_no_control_character_and_is_idempotent(text):
    once = normalise_characters(text)
    assert not _CONTROL.search(once) and "\r" not in once and "\t" not in once
    assert normalise_characters(once) == once


@fuzz
@given(st.text(max_size=300).map(lambda t: t.replace("\n", " ")))
def test_strip_markup_gives_trimmed_text_on_one_line(text):
    out = strip_markup(text)
    assert out == out.strip() and "\n" not in out
    assert len(out) <= len(text)


@fuzz
@given(st.lists(st.text(max_size=60).map(lambda t: t.replace("\n", " ")), max_size=40))
def test_line_repairs_keep_or_join_lines_never_invent_them(lines):
    words = DocumentWords("\n".join(lines))
    furnished = remove_page_furniture(lines)
    assert len(furnished) == len(lines)
    assert all(new in ("", old) for new, old in zip(furnished, lines))
    joined = join_broken_lines(furnished, words)
    assert len(joined) <= len(furnished)
    # lines are joined, a hyphen at a break may go: no other character is added or lost
    assert re.sub(r"[\s-]", "", "".join(joined)) == re.sub(r"[\s-]", "", "".join(furnished))


@fuzz
@given(DOCUMENT_TEXT.map(lambda t: t.replace("\n", " ")))
def test_repair_split_words_only_removes_spaces_and_hyphens(text):
    out = repair_split_words(text, DocumentWords(text))
    assert re.sub(r"[ -]", "", out) == re.sub(r"[ -]", "", text)


# -- sentences -------------------------------------------------------------------------------------


@fuzz
@given(ANY_TEXT, st.data())
def test_sentences_partition_each_block_and_stay_inside_it(text, data):
    text = normalise_characters(text)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6)))
    bounds = [0, *cuts, len(text)]
    blocks = [Block(a, b, data.draw(st.sampled_from(["paragraph", "heading", "list_item", "label"])))
              for a, b in itertools.pairwise(bounds) if a < b]
    spans = split_sentences(text, blocks)
    last = 0
    for s in spans:
        assert last <= s.start < s.end and text[s.start : s.end].strip() == text[s.start : s.end]
        last = s.end
    for block in blocks:
        inside = [s for s in spans if block.start <= s.start < block.end]
        assert all(s.end <= block.end for s in inside)
        # nothing but whitespace is left between a block's sentences
        covered = "".join(text[s.start : s.end] for s in inside)
        assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", text[block.start : block.end])


@fuzz
@given(ANY_TEXT)
def test_sentence_spans_cover_the_text_in_order(text):
    spans = sentence_spans(text, 0, len(text))
    last = 0
    for s in spans:
        assert last <= s.start < s.end <= len(text)
        last = s.end
    assert re.sub(r"\s", "", "".join(text[s.start : s.end] for s in spans)) == re.sub(r"\s", "", text)


# -- names: extraction and resolution --------------------------------------------------------------


@fuzz
@given(st.one_of(REPORTS, DOCUMENT_TEXT), st.sampled_from(["text", "markdown"]))
def test_extraction_and_resolution_give_valid_spans_and_iris(text, fmt):
    from actorgraph.graph.build import document_quads
    from actorgraph.graph.resolve import Resolver
    from actorgraph.loaders.extract import extract
    from actorgraph.loaders.extract.vocabulary import default_vocabulary

    try:
        doc = load_text(text, "fuzz.md", fmt)
    except DocumentError:
        event("refused by the loader")
        return
    extraction = extract(doc)
    resolution = Resolver(default_vocabulary()).resolve(extraction)
    event(f"relations: {min(len(resolution.relations), 3)}+")
    n = len(doc.text)
    for m in extraction.mentions:
        assert 0 <= m.start < m.end <= n and doc.text[m.start : m.end] == m.text
        assert -1 <= m.sentence < len(doc.sentences)
    for r in extraction.relations:
        assert 0 <= r.subject < len(extraction.mentions) and 0 <= r.object < len(extraction.mentions)
        assert 0 <= r.evidence_start < r.evidence_end <= n
    for i, iri in resolution.mention_entity.items():
        assert 0 <= i < len(extraction.mentions) and iri in resolution.entities
    for e in resolution.entities.values():
        ox.NamedNode(e.iri)  # a valid IRI whatever the name (raises ValueError otherwise)
        assert e.label and "\n" not in e.label
    for r in resolution.relations:
        assert r.subject in resolution.entities and r.object in resolution.entities
        assert 0 <= r.start < r.end <= n
    quads = document_quads(doc, extraction, resolution)  # every term valid RDF
    assert all(isinstance(q, ox.Quad) for q in quads)


# -- atheris ---------------------------------------------------------------------------------------


def test_coverage_guided_fuzzing_finds_no_crash(tmp_path):
    """A short atheris run (fuzz.py) when atheris is installed: libFuzzer mutates inputs towards
    new branches of the loaders, the cleaner, the sentence splitter and extraction; any
    exception but a DocumentError, a failed check, or an input taking over 10 s fails it."""
    pytest.importorskip("atheris", reason="atheris is not installed (pip install atheris)")
    from pathlib import Path

    from .cases import DOCUMENTS
    from .helpers import python_command, run

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in DOCUMENTS.iterdir():
        if seed.suffix in (".txt", ".md"):
            (corpus / seed.name).write_bytes(b"\x00" + seed.read_bytes()[:4096])
    fuzz = Path(__file__).with_name("fuzz.py")
    result = run(python_command(str(fuzz), f"-runs={EXAMPLES * 15}", "-max_len=4096", "-timeout=10", "-seed=1",
                                f"-artifact_prefix={tmp_path}/", str(corpus)), timeout=300)
    assert result.code == 0, result.stderr[-3000:]
    assert "Done" in result.stderr

"""Input formats: HTML and PDF beside text and Markdown, one registry (issue 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.errors import DocumentError
from actorgraph.loaders import load_bytes, load_path
from actorgraph.loaders.extract import extract
from actorgraph.loaders.formats import FORMATS, format_for_path, get_format, known_extensions
from actorgraph.loaders.html import MAX_DEPTH

FORMATS_DIR = Path(__file__).parent / "formats"

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8"><title>Joint action against smuggling networks</title>
<meta name="dcterms.date" content="2017-03-14">
<meta name="author" content="EMN">
<style>p { color: red }</style><script>var frontex = "Europol cooperates with Interpol";</script>
</head><body>
<header><a href="/">Home</a> | <a href="/news">News</a></header>
<nav><ul><li>Europol</li><li>Interpol</li></ul></nav>
<main>
<h1>Joint action against smuggling networks</h1>
<p>Europol and Frontex signed a cooperation
   agreement on the exchange of <em>personal data</em>.</p>
<h2>Next steps</h2>
<ol><li>Eurojust should cooperate with Interpol;</li><li><p>Member States should use EMPACT.</p></li></ol>
<p>Chair: Mr. Pawel Suchanek (Frontex)</p>
<table><tr><th>Agency</th><th>Role</th></tr><tr><td>EASO</td><td>asylum support</td></tr></table>
<p hidden>Hidden text about Interpol.</p>
</main>
<footer>Copyright, cookies, Interpol</footer>
</body></html>"""


def read(html: str, name: str = "page.html"):
    return load_bytes(html.encode("utf-8"), name, "html")


# -- the registry -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_registered_format_has_a_working_reader_and_extensions(name):
    fmt = FORMATS[name]
    assert callable(fmt.load_reader())
    for ext in fmt.extensions:
        if ext:
            assert format_for_path(f"report{ext.upper()}").name == name
            assert ext in known_extensions()
    assert get_format(name) is fmt


def test_html_and_pdf_are_registered_with_their_extensions():
    assert format_for_path("a.htm").name == "html" and format_for_path("b.xhtml").name == "html"
    assert format_for_path("r.PDF").name == "pdf" and FORMATS["pdf"].binary


# -- HTML -------------------------------------------------------------------------------------


def test_html_keeps_headings_lists_paragraphs_and_drops_scripts_navigation_and_furniture():
    doc = read(PAGE)
    assert doc.format == "html" and doc.title == "Joint action against smuggling networks"
    assert doc.date == "2017-03-14" and doc.metadata["author"] == "EMN"
    blocks = [(b.kind, b.level, b.marker, doc.text[b.start:b.end]) for b in doc.blocks]
    assert blocks == [
        ("heading", 1, "", "Joint action against smuggling networks"),
        ("paragraph", 0, "", "Europol and Frontex signed a cooperation agreement on the exchange of personal data."),
        ("heading", 2, "", "Next steps"),
        ("list_item", 0, "1.", "Eurojust should cooperate with Interpol;"),
        ("list_item", 0, "2.", "Member States should use EMPACT."),
        ("label", 0, "Chair", "Chair: Mr. Pawel Suchanek (Frontex)"),
        ("paragraph", 0, "", "Agency | Role"),
        ("paragraph", 0, "", "EASO | asylum support"),
    ]
    for dropped in ("var frontex", "color: red", "Home", "Copyright", "Hidden text"):
        assert dropped not in doc.text


def test_html_relations_are_extracted_with_their_modality():
    doc = read(PAGE)
    ex = extract(doc)
    found = {(ex.mentions[r.subject].text, ex.mentions[r.object].text, r.modality)
             for r in ex.relations if r.predicate == "cooperatesWith"}
    assert ("Europol", "Frontex", "actual") in found
    assert ("Eurojust", "Interpol", "proposed") in found


def test_html_title_falls_back_to_the_first_h1_and_the_date_to_a_time_element():
    doc = read("<body><article><h1>Risk analysis</h1><time datetime='2018-02-01'>1 Feb</time>"
               "<p>Frontex works with Europol.</p></article></body>")
    assert doc.title == "Risk analysis" and doc.date == "2018-02-01"


def test_html_entities_and_broken_markup_are_read_like_a_browser():
    doc = read("<p>Europol &amp; Frontex<p>Caf&eacute; <b>bold <i>both</b> italic</i>")
    assert [doc.text[b.start:b.end] for b in doc.blocks] == ["Europol & Frontex", "Café bold both italic"]


def test_html_without_text_is_an_empty_document():
    with pytest.raises(DocumentError, match="empty document"):
        read("<html><head><script>x()</script></head><body><nav>menu</nav></body></html>")


def test_deeply_nested_html_is_refused_quickly_and_moderate_nesting_is_read():
    deep = "<div>" * (MAX_DEPTH + 5) + "text" + "</div>" * (MAX_DEPTH + 5)
    with pytest.raises(DocumentError, match="nested 10,005 deep"):
        read(deep)
    nested = "<div>" * 2000 + "Frontex and Europol cooperate." + "</div>" * 2000
    assert read(nested).text == "Frontex and Europol cooperate."
    # many unclosed paragraphs are siblings, not nesting
    flat = "<p>Frontex met Europol." * (MAX_DEPTH + 10)
    assert len(read(flat).blocks) == MAX_DEPTH + 10


# -- PDF --------------------------------------------------------------------------------------


def test_pdf_text_layer_is_read_with_its_title_and_structure():
    doc = load_path(FORMATS_DIR / "briefing.pdf")
    assert doc.format == "pdf" and doc.encoding == "binary"
    assert doc.title == "Cooperation against migrant smuggling in the Mediterranean"
    texts = [doc.text[b.start:b.end] for b in doc.blocks]
    assert "2. Recommendations" in texts
    assert any(t.startswith("Europol and Frontex signed a cooperation agreement") for t in texts)
    ex = extract(doc)
    pairs = {(ex.mentions[r.subject].text, ex.mentions[r.object].text) for r in ex.relations}
    assert ("Europol", "Frontex") in pairs and ("Frontex", "EMSC") in pairs  # the second page too


def test_pdf_protected_only_against_editing_opens_without_a_password():
    doc = load_path(FORMATS_DIR / "owner_protected.pdf")
    assert "Europol and Frontex" in doc.text


@pytest.mark.parametrize("name, message", [
    ("scanned.pdf", "has no text layer .* run OCR first"),
    ("encrypted.pdf", "encrypted and needs a password"),
])
def test_unreadable_pdfs_are_refused_in_one_line_saying_what_to_do(name, message):
    with pytest.raises(DocumentError, match=message) as info:
        load_path(FORMATS_DIR / name)
    assert "\n" not in str(info.value)


def test_truncated_pdf_is_refused_in_one_line(tmp_path):
    data = (FORMATS_DIR / "briefing.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 3])
    with pytest.raises(DocumentError, match="damaged or truncated|no text layer") as info:
        load_path(cut)
    assert "\n" not in str(info.value)


def test_a_pdf_named_txt_is_still_refused_as_binary_text(tmp_path):
    p = tmp_path / "report.txt"
    p.write_bytes((FORMATS_DIR / "briefing.pdf").read_bytes())
    with pytest.raises(DocumentError, match="looks like a PDF"):
        load_path(p)
    assert load_path(p, fmt="pdf").title.startswith("Cooperation against")


def test_build_reports_each_bad_pdf_by_name_and_loads_the_rest(tmp_path, run):
    folder = tmp_path / "pdfs"
    folder.mkdir()
    for name in ("briefing.pdf", "scanned.pdf", "encrypted.pdf"):
        (folder / name).write_bytes((FORMATS_DIR / name).read_bytes())
    result = run("--store", tmp_path / "s", "build", folder)
    assert result.exit_code == 3 and "loaded 1 document(s)" in result.stdout
    skipped = [x for x in result.stderr.splitlines() if x.startswith("actorgraph: skipped:")]
    assert len(skipped) == 2
    assert any(str(folder / "scanned.pdf") in x and "no text layer" in x for x in skipped)
    assert any(str(folder / "encrypted.pdf") in x and "password" in x for x in skipped)

"""PDF: the text layer of a report, read by PDFium (the PDF engine of Chromium) through
pypdfium2, then cleaned like any text exported from PDF (:func:`~actorgraph.loaders.formats.
read_text`: page headers and footers, broken lines and hyphenation are repaired there).

pypdfium2 was chosen over pypdf, the pure-Python library, after measuring both on the same
report printed to PDF: the same text, eight times faster (3 ms a page against 25), which counts
for a corpus of thousands of reports. A PDF protected only against editing (an owner password,
common in official reports) opens as it is.

What cannot be read is refused with a one-line reason: a PDF with no text layer (a scan: OCR it
first), one that needs a password, and a damaged or truncated file.
"""

from __future__ import annotations

from actorgraph.errors import DocumentError
from actorgraph.loaders.clean import normalise_characters
from actorgraph.loaders.structure import Layout

__all__ = ["read_pdf", "pdf_text"]

#: Fewer letters than this per page, on average, and the PDF is taken for a scan.
MIN_LETTERS_PER_PAGE = 10


def pdf_text(data: bytes) -> tuple[str, dict[str, str]]:
    """The text of every page (pages separated by a form feed) and the document information
    (``title``, ``author``, ``subject``, ``created``) of a PDF's bytes."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = str(exc)
        if "password" in reason.lower():
            raise DocumentError("the PDF is encrypted and needs a password; save an unprotected copy "
                                "(or its text) and load that") from None
        raise DocumentError("the PDF is damaged or truncated and cannot be read; check that the file "
                            "was copied whole, or export its text") from None
    try:
        info = pdf.get_metadata_dict(skip_empty=True)
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            try:
                pages.append(textpage.get_text_bounded())
            finally:
                textpage.close()
                page.close()
    except pdfium.PdfiumError as exc:
        raise DocumentError(f"the PDF is damaged and its text cannot be read ({exc})") from None
    finally:
        pdf.close()
    meta = {}
    for key, name in (("title", "Title"), ("author", "Author"), ("subject", "Subject"), ("created", "CreationDate")):
        value = (info.get(name) or "").strip()
        if value:
            meta[key] = value
    letters = sum(ch.isalpha() for p in pages for ch in p)
    if not pages or letters < MIN_LETTERS_PER_PAGE * len(pages):
        raise DocumentError(
            f"the PDF has no text layer ({len(pages)} page(s) of images: a scan?); run OCR first "
            "(for example `ocrmypdf --sidecar out.txt in.pdf out.pdf`) and load the text"
        )
    return "\f".join(pages), meta


def read_pdf(data: bytes) -> tuple[Layout, dict[str, str]]:
    """A PDF's blocks and metadata: its text layer, read as text exported from PDF. The title
    is the PDF's own (its document information) when it states one, else the text's; the
    PDF's creation date is kept as ``created``, not taken for the report's date."""
    from actorgraph.loaders.formats import read_text

    text, info = pdf_text(data)
    layout, meta = read_text(normalise_characters(text))
    for key, value in info.items():
        meta.setdefault(key, value)
    return layout, meta

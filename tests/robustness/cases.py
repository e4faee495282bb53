"""The bad documents and what each must do: load, or be refused with a one-line reason.

Small cases are files in ``tests/robustness/documents/`` (open them, build them); the others are
made at test time: the PDFs (written byte by byte, :mod:`.pdfs`), the documents of long tokens,
the deeply nested HTML, and the large ones (50 MB of text, a single 10 MB line), which are
written to a temporary directory and never committed. ``docs/reliability.md`` shows this table.

Every case document that loads also states one cooperation ("Frontex cooperates with Europol"
or the like), so a test can check that its text was read, not merely accepted.
"""

from __future__ import annotations

import codecs
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import pdfs

DOCUMENTS = Path(__file__).resolve().parent / "documents"

LOADS, REFUSED = "loads", "refused"

_SENTENCE = "Frontex cooperates with Europol on migrant smuggling cases."
_PDF_LINES = ["Cooperation against migrant smuggling", "",
              "Frontex and Europol signed a cooperation agreement in 2016.",
              "The Italian Coast Guard works with EUNAVFOR MED."]


@dataclass(frozen=True)
class Case:
    """One hostile input. ``file`` is its name in the build directory (the extension chooses
    the reader); ``make`` gives its bytes, or None for a committed file of that name in
    ``documents/``; ``expect`` is :data:`LOADS` or :data:`REFUSED`; ``reason`` a regular
    expression the one-line refusal must match, or for a document that loads, a text its
    cleaned text must contain."""

    file: str
    what: str
    expect: str
    reason: str
    make: Callable[[], bytes] | None = None

    def data(self) -> bytes:
        return self.make() if self.make else (DOCUMENTS / self.file).read_bytes()

    def write(self, directory: Path) -> Path:
        path = directory / self.file
        path.write_bytes(self.data())
        return path


# -- generated cases ---------------------------------------------------------------------------

#: Tokens no report holds, each the kind of run that once made a pattern backtrack for minutes
#: (a 20,000-letter word, "[[[[", "*a *a", an unclosed "[a](" link, "<!--" repeated).
LONG_TOKENS = {
    "letters": lambda n: "A" * n,
    "hyphenated": lambda n: "ab-" * (n // 3) + "ab",
    "digits": lambda n: "7" * n,
    "base64": lambda n: "".join(random.Random(1).choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") for _ in range(n)),
    "brackets": lambda n: "[" * n,
    "unclosed-link": lambda n: "[a](" + "x" * n + " y",
    "links": lambda n: "[a](x" * (n // 5),
    "emphasis": lambda n: "*a " * (n // 3),
    "underscores": lambda n: "_a " * (n // 3),
    "bold": lambda n: "**a " * (n // 4),
    "comments": lambda n: "<!--" * (n // 4),
    "autolinks": lambda n: "<http:" * (n // 6),
    "exclamations": lambda n: "!" * n + "a",
    "full-stops": lambda n: "A." * (n // 2),
    "mojibake": lambda n: "Ã©" * (n // 2),
    "spaces-in-line": lambda n: "a" + " " * n + "b",
    "table-rule": lambda n: "--|--" + " " * n + "x",
    "key-value": lambda n: "title: x" + " " * n + "y",
    "soft-hyphens": lambda n: "smug\u00ad" * (n // 5),
    "combining": lambda n: "e" + "\u0301" * n,
}


def long_tokens_document(size: int) -> bytes:
    """Markdown: each token of :data:`LONG_TOKENS` in a paragraph of ``size`` characters, then a
    real sentence."""
    parts = [make(size) for make in LONG_TOKENS.values()]
    return ("\n\n".join(parts) + "\n\n" + _SENTENCE + "\n").encode("utf-8")


def nested_html(depth: int) -> bytes:
    return ("<html><body>" + "<div>" * depth + f"<p>{_SENTENCE}</p>" + "</div>" * depth
            + "</body></html>").encode("utf-8")


def noise(size: int = 8192) -> bytes:
    return random.Random(7).randbytes(size)


def bundled_prose() -> str:
    from actorgraph.loaders import BUNDLED_DOCUMENT

    return BUNDLED_DOCUMENT.read_text(encoding="utf-8")


def large_text(size: int = 50_000_000) -> bytes:
    """``size`` bytes of real prose: the bundled report again and again, paragraphs kept."""
    text = bundled_prose() + "\n\n"
    return (text * (size // len(text.encode("utf-8")) + 1)).encode("utf-8")[:size].rsplit(b"\n", 1)[0]


def single_line(size: int = 10_000_000) -> bytes:
    """``size`` bytes on one line: the bundled report with its line breaks gone (a bad PDF
    export), again and again."""
    line = " ".join(bundled_prose().split()) + " "
    return (line * (size // len(line.encode("utf-8")) + 1)).encode("utf-8")[:size].rsplit(b" ", 1)[0]


CASES: list[Case] = [
    Case("empty.txt", "an empty file", REFUSED, r"empty document"),
    Case("whitespace_only.txt", "spaces, tabs, newlines, no-break and ideographic spaces, form feeds",
         REFUSED, r"empty document"),
    Case("image_named_txt.txt", "a PNG image named .txt", REFUSED, r"looks like an image \(PNG\)"),
    Case("binary_noise.txt", "8 KB of random bytes", REFUSED, r"looks like a binary file", noise),
    Case("nul_bytes_many.txt", "text with a NUL byte every ten characters", REFUSED,
         r"looks like a binary file"),
    Case("nul_bytes_few.txt", "3 KB of text with two stray NUL bytes", LOADS, "Frontex cooperates with Europol"),
    Case("invalid_utf8.txt", "UTF-8 with invalid sequences (lone continuation bytes, overlong forms, "
         "surrogates, a cut character)", LOADS, "Frontex cooperates with Europol"),
    Case("utf16le_bom.txt", "UTF-16 little-endian with a byte-order mark", LOADS,
         "Ministère de l’Intérieur"),
    Case("utf16be_bom.txt", "UTF-16 big-endian with a byte-order mark", LOADS, "Ministère de l’Intérieur"),
    Case("mixed_encodings.txt", "UTF-8 and Windows-1252 in one file", LOADS, "café, naïve"),
    Case("yaml_aliases.md", "front matter of YAML aliases nested five deep (a billion laughs)", LOADS,
         "Frontex cooperates with Europol"),
    Case("yaml_deep.md", "front matter of YAML lists nested 5,000 deep", LOADS,
         "Frontex cooperates with Europol"),
    Case("control_characters.txt", "terminal escape sequences (clear screen, set title, colour) and "
         "backspaces in 3 KB of text",
         LOADS, "Frontex cooperates with Europol"),
    Case("capitalised_not_names.md", "headlines, Title Case prose and capitals that are not names",
         LOADS, "Frontex cooperates with Europol"),
    Case("truncated.pdf", "the first half of a PDF", REFUSED, r"damaged or truncated",
         lambda: pdfs.truncated_pdf(_PDF_LINES)),
    Case("encrypted.pdf", "a PDF that needs a user password (RC4)", REFUSED,
         r"encrypted and needs a password", lambda: pdfs.encrypted_pdf(_PDF_LINES)),
    Case("scanned.pdf", "a scanned PDF: pages of images, no text layer", REFUSED, r"no text layer",
         pdfs.scanned_pdf),
    Case("text.pdf", "a PDF with a text layer (the control)", LOADS, "Frontex and Europol signed",
         lambda: pdfs.text_pdf([_PDF_LINES])),
    Case("deeply_nested.html", "HTML nested 100,000 elements deep", REFUSED, r"nested 100,00\d deep",
         lambda: nested_html(100_000)),
    Case("nested.html", "HTML nested 5,000 elements deep", LOADS, "Frontex cooperates with Europol",
         lambda: nested_html(5_000)),
    Case("long_tokens.md", f"{len(LONG_TOKENS)} kinds of 50,000-character token (one word of 50,000 "
         "letters, '[[[[', '*a *a', an unclosed link, '<!--'...)", LOADS,
         "Frontex cooperates with Europol", lambda: long_tokens_document(50_000)),
]

#: Too large to commit: generated in a temporary directory (sizes in bytes).
LARGE: list[Case] = [
    Case("large_50mb.txt", "50 MB of text (the bundled report, 1,000 times)", LOADS,
         "Frontex also contributes", large_text),
    Case("single_line_10mb.txt", "a single line of 10 MB", LOADS, "Frontex also contributes",
         single_line),
]


def by_file(name: str) -> Case:
    return next(c for c in CASES + LARGE if c.file == name)


# -- the committed files, as they were made ------------------------------------------------------

def make_committed_documents(directory: Path = DOCUMENTS) -> None:
    """Write the committed files of ``documents/`` (run once; kept for the record and so that
    each file can be made again: ``python -c "from tests.robustness.cases import *;
    make_committed_documents()"``)."""
    s = _SENTENCE.encode()
    filler = b"Smuggling networks adapt their routes and methods quickly.\n\n" * 50  # 3 KB of text
    text = "Ministère de l’Intérieur\n\nThe Ministère de l’Intérieur met Frontex. " + _SENTENCE + "\n"
    files = {
        "empty.txt": b"",
        "whitespace_only.txt": " \t\n\r\n\u00a0\u3000\f\v  \n".encode("utf-8"),
        "image_named_txt.txt": b"\x89PNG\r\n\x1a\n" + noise(512),
        "nul_bytes_many.txt": b"".join(s[i : i + 10] + b"\x00" for i in range(0, len(s), 10)) * 20,
        "nul_bytes_few.txt": b"Migrant smuggling.\x00\n\n" + filler + s + b"\n\nThe end\x00.\n",
        "invalid_utf8.txt": b"Overview \x80\xbf of 2016: \xc3\x28 \xc0\xaf \xed\xa0\x80 caf\xe9 \xe2\x82\n\n"
                            + s + b"\n",
        "utf16le_bom.txt": codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        "utf16be_bom.txt": codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        "mixed_encodings.txt": "Notes on café, ".encode() + "naïve and ‘quoted’ words.".encode("cp1252")
                               + b"\n\n" + s + b"\n",
        "yaml_aliases.md": (
            "---\ntitle: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            + "".join(f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcd", "bcde"))
            + "---\n\n" + _SENTENCE + "\n"
        ).encode("utf-8"),
        "yaml_deep.md": ("---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n\n" + _SENTENCE + "\n").encode(),
        "control_characters.txt": b"Report\x1b[2J\x1b]0;owned\x07 on smuggling\x08\x08\x7f.\n\n" + filler
                                  + s + b"\x1b[31m\n",
        "capitalised_not_names.md": _capitalised().encode("utf-8"),
    }
    directory.mkdir(exist_ok=True)
    for name, data in files.items():
        (directory / name).write_bytes(data)


def _capitalised() -> str:
    r = random.Random(11)
    words = ("Quick Brown Foxes Jump Over Lazy Dogs While Bright Yellow Lamps Burn Every Night Near "
             "Old Stone Bridges And Silent Green Meadows Under Heavy Grey Clouds").split()
    headlines = ["Boats Capsize As Storms Hit Busy Sea Lanes", "Leaders Meet Again To Discuss New Rules",
                 "WHAT WE KNOW SO FAR ABOUT THE CROSSINGS", "Ten Things To Watch This Year"]
    paras = ["# " + headlines[0]]
    for i in range(120):
        if i % 10 == 0:
            paras.append("## " + headlines[i // 10 % len(headlines)])
        paras.append(" ".join(r.choice(words) for _ in range(r.randint(6, 25))) + r.choice(".!?"))
    paras.append("THE END OF THE DOCUMENT IN CAPITALS")
    paras.append(_SENTENCE)
    return "\n\n".join(paras) + "\n"

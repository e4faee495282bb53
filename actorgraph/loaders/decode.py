"""Bytes to text: find the encoding, refuse what is not text, repair mojibake.

The order of guesses is the one that is right for reports found in the wild: a byte-order mark
wins (UTF-8, UTF-16, UTF-32); then strict UTF-8; then UTF-16 without a mark when every other byte
is NUL; then Windows-1252 (the encoding of most older Western European exports), whose five
undefined bytes are read as Latin-1 so that decoding never fails.

Mojibake -- UTF-8 bytes that were once read as Windows-1252, "â€™" for "’", "Ã©" for "é", a
stray "Â" before a space -- is repaired one character at a time, and only where the repaired
character is a plausible one (a Latin letter, a punctuation mark, a currency sign), so that a
real "É»" stays as it is."""

from __future__ import annotations

import codecs
import re
import unicodedata

from actorgraph.errors import DocumentError

__all__ = ["binary_kind", "decode_bytes", "repair_mojibake"]

_BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# File signatures of formats that are not text, with what to tell the user.
_SIGNATURES = (
    (b"%PDF-", "looks like a PDF file; convert it to text first (e.g. `pdftotext -enc UTF-8`)"),
    (b"PK\x03\x04", "looks like a ZIP archive or an Office document (docx, odt); "
                    "save it as plain text or Markdown first"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "looks like an old Office document (doc, xls); "
                                          "save it as plain text first"),
    (b"\x89PNG", "looks like an image (PNG), not a text document"),
    (b"\xff\xd8\xff", "looks like an image (JPEG), not a text document"),
    (b"GIF8", "looks like an image (GIF), not a text document"),
    (b"\x1f\x8b", "looks like a gzip archive; decompress it first"),
    (b"\x7fELF", "looks like a binary file, not a text document"),
)

_BINARY = "looks like a binary file, not a text document"

# Controls allowed in text: tab, newline, vertical tab, form feed (page break), carriage return.
_ALLOWED_CONTROLS = frozenset("\t\n\x0b\x0c\r")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _latin1_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("actorgraph-latin1", _latin1_fallback)


def binary_kind(data: bytes) -> str | None:
    """Why these bytes are not a text document, or None if they may be one.

    >>> binary_kind(b"%PDF-1.7 ...")[:22]
    'looks like a PDF file;'
    >>> binary_kind(b"Plain text.") is None
    True
    """
    for signature, message in _SIGNATURES:
        if data.startswith(signature):
            return message
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark shows as NUL in every other byte of ASCII text."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    if odd.count(0) > 0.4 * half and even.count(0) < 0.05 * half:
        return "utf-16-le"
    if even.count(0) > 0.4 * half and odd.count(0) < 0.05 * half:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, source: str = "<bytes>") -> tuple[str, str]:
    """Decode a document's bytes; return the text and the name of the encoding used.

    Raises :class:`~actorgraph.errors.DocumentError` for content that is not text (a known
    binary signature, NUL bytes outside UTF-16, many control characters) and for a document
    that holds nothing but whitespace. Mojibake is repaired (:func:`repair_mojibake`); the few
    control characters a text may hold are left for
    :func:`actorgraph.loaders.clean.normalise_characters` to remove.

    >>> decode_bytes("café".encode("utf-8"))
    ('café', 'utf-8')
    >>> decode_bytes("it’s".encode("cp1252"))
    ('it’s', 'cp1252')
    >>> decode_bytes(codecs.BOM_UTF16_LE + "Frontex".encode("utf-16-le"))
    ('Frontex', 'utf-16-le')
    """
    if not data.strip():
        raise DocumentError(f"{source}: empty document, nothing to extract")
    kind = binary_kind(data)
    if kind:
        raise DocumentError(f"{source}: {kind}")
    text, encoding = _decode(data, source)
    text = repair_mojibake(text)
    if not text.strip():
        raise DocumentError(f"{source}: empty document, nothing to extract")
    controls = sum(1 for _ in _CONTROL.finditer(text[:200_000]))
    if controls > 0.02 * min(len(text), 200_000) + 1:
        raise DocumentError(f"{source}: {_BINARY}")
    return text, encoding


def _decode(data: bytes, source: str) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            name = "utf-8" if encoding == "utf-8-sig" else encoding
            return data[len(bom) :].decode(name, errors="replace"), encoding
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    if data.count(0) > len(data) // 1000:
        raise DocumentError(f"{source}: {_BINARY}")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="actorgraph-latin1")
    # Without bytes 0x80-0x9F the two encodings agree: name the smaller one.
    encoding = "cp1252" if re.search(rb"[\x80-\x9f]", data) else "latin-1"
    return text, encoding


# -- mojibake -------------------------------------------------------------------------------------

def _byte_table() -> dict[str, int]:
    """Each character that Windows-1252 (or Latin-1) gives for a byte, and that byte."""
    table: dict[str, int] = {}
    for b in range(256):
        table[bytes([b]).decode("latin-1")] = b
    for b in range(256):  # cp1252 wins over Latin-1 where they differ
        table[bytes([b]).decode("cp1252", errors="actorgraph-latin1")] = b
    return table


_BYTE_OF = _byte_table()
_CONT = "".join(sorted(re.escape(ch) for ch, b in _BYTE_OF.items() if 0x80 <= b <= 0xBF))
_MOJIBAKE = re.compile(
    rf"[\u00c2-\u00df][{_CONT}]|[\u00e0-\u00ef][{_CONT}]{{2}}|[\u00f0-\u00f4][{_CONT}]{{3}}"
)
# "Â" left over from a no-break space whose second byte became a plain space.
_STRAY_A_CIRCUMFLEX = re.compile(r"Â(?=[ \u00a0])")


def _plausible(ch: str) -> bool:
    cp = ord(ch)
    return (
        0xA0 <= cp <= 0x24F            # Latin-1 supplement, Latin Extended-A and -B
        or 0x370 <= cp <= 0x4FF        # Greek, Cyrillic
        or 0x2000 <= cp <= 0x20CF      # general punctuation, currency
        or 0x2100 <= cp <= 0x215F      # letterlike symbols (™, №)
        or 0x1F300 <= cp <= 0x1FAFF    # emoji
    ) and unicodedata.category(ch) not in ("Cc", "Cn", "Co")


def _fix(match: re.Match) -> str:
    s = match.group()
    try:
        ch = bytes(_BYTE_OF[c] for c in s).decode("utf-8")
    except (UnicodeDecodeError, KeyError):
        return s
    return ch if _plausible(ch) else s


def repair_mojibake(text: str) -> str:
    """Repair UTF-8 text that was once decoded as Windows-1252 or Latin-1.

    >>> repair_mojibake("the EUâ€™s borders, cafÃ© and Source:Â AFP")
    'the EU’s borders, café and Source:  AFP'
    >>> repair_mojibake("«CAFÉ» and São Tomé")
    '«CAFÉ» and São Tomé'
    """
    if not _MOJIBAKE.search(text) and "Â" not in text:
        return text
    text = _MOJIBAKE.sub(_fix, text)
    return _STRAY_A_CIRCUMFLEX.sub(" ", text)

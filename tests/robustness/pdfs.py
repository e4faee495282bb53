"""PDF files written byte by byte, so that the bad-PDF cases need no PDF library: a page of
text in a standard font, a scan (a page holding only an image), the same text encrypted with a
user password (the PDF standard security handler, revision 2: RC4 with a 40-bit key, keyed by
MD5, as ISO 32000-1 section 7.6.3 gives it), and a truncated copy."""

from __future__ import annotations

import hashlib
import struct
import zlib

__all__ = ["encrypted_pdf", "scanned_pdf", "text_pdf", "truncated_pdf"]

# ISO 32000-1, 7.6.3.3: the bytes a password is padded with.
_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_ID = hashlib.md5(b"actorgraph robustness").digest()


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _escape(text: str) -> bytes:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")


def _text_stream(lines: list[str]) -> bytes:
    body = b"BT /F1 11 Tf 14 TL 72 760 Td\n"
    for line in lines:
        body += b"(" + _escape(line) + b") Tj T*\n"
    return body + b"ET\n"


def _write(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF file of these objects (object 1 is the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer_extra + b">>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d " % len(data) + extra + b">>\nstream\n" + data + b"\nendstream"


def _pages(contents: list[bytes], resources: bytes) -> list[bytes]:
    """Catalog, page tree, font, then a page object and its content stream per page."""
    n = len(contents)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, content in enumerate(contents):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
                       + resources + b" /Contents %d 0 R >>" % (5 + 2 * i))
        objects.append(_stream(content))
    return objects


def text_pdf(pages: list[list[str]]) -> bytes:
    """A PDF whose pages hold these lines of text (Helvetica: Latin-1 characters only)."""
    return _write(_pages([_text_stream(p) for p in pages], b"<< /Font << /F1 3 0 R >> >>"))


def scanned_pdf(pages: int = 2) -> bytes:
    """A PDF whose pages hold only an image (grey noise), as a scanner makes: no text layer."""
    pixels = bytes((x * 37 + y * 11) % 256 for y in range(64) for x in range(64))
    image = b"<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray " \
            b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % len(zlib.compress(pixels))
    image += zlib.compress(pixels) + b"\nendstream"
    objects = _pages([b"q 500 0 0 700 56 46 cm /Im1 Do Q\n"] * pages,
                     b"<< /XObject << /Im1 %d 0 R >> >>" % (4 + 2 * pages))
    objects.append(image)
    return _write(objects)


def encrypted_pdf(lines: list[str], user_password: str = "secret", owner_password: str = "owner") -> bytes:
    """A one-page text PDF encrypted with the standard security handler (V 1, R 2): it opens
    only with ``user_password``."""
    user = (user_password.encode("latin-1") + _PAD)[:32]
    owner = (owner_password.encode("latin-1") + _PAD)[:32]
    o_entry = _rc4(hashlib.md5(owner).digest()[:5], user)  # algorithm 3
    permissions = -4  # every permission bit set (bits 1-2 must be 0)
    key = hashlib.md5(user + o_entry + struct.pack("<i", permissions) + _ID).digest()[:5]  # algorithm 2
    u_entry = _rc4(key, _PAD)  # algorithm 4

    objects = _pages([_text_stream(lines)], b"<< /Font << /F1 3 0 R >> >>")
    # the content stream (object 5) is encrypted with its object key (algorithm 1)
    object_key = hashlib.md5(key + struct.pack("<I", 5)[:3] + b"\x00\x00").digest()[:10]
    objects[4] = _stream(_rc4(object_key, _text_stream(lines)))
    objects.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + o_entry.hex().encode() + b"> /U <"
                   + u_entry.hex().encode() + b"> /P %d >>" % permissions)
    trailer = b"/Encrypt %d 0 R /ID [<%s> <%s>] " % (len(objects), _ID.hex().encode(), _ID.hex().encode())
    return _write(objects, trailer)


def truncated_pdf(lines: list[str]) -> bytes:
    """The first half of a text PDF: no cross-reference table, no end."""
    data = text_pdf([lines, lines])
    return data[: len(data) // 2]

"""The page: one HTML file with every script, style and datum inside it.

Text from documents never becomes markup. The data travels as JSON inside
``<script type="application/json">`` with ``<``, ``>``, ``&``, U+2028 and U+2029 written as
``\\uXXXX`` escapes, so no string in it can end the script element or open a tag; the page's
script reads it with ``JSON.parse`` and puts text into the DOM with ``textContent`` only.
A Content-Security-Policy allows only the page's own two scripts (by hash), no connection,
no frame and no remote image, font or style: the page works from ``file://`` on a machine
with no network and cannot reach one.
"""

from __future__ import annotations

__all__ = ["script_json", "render_page", "ASSETS"]

import base64
import hashlib
import html
import json
import re
from importlib import resources

ASSETS = resources.files("actorgraph.exports.html") / "assets"

_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")
_MARKER = re.compile(r"<!--AG:([A-Z_]+)-->")


def script_json(value) -> str:
    """JSON that is safe inside a ``<script>`` element, whatever strings it holds.

    >>> script_json({"label": "</script><img src=x onerror=alert(1)>"})
    '{"label":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group()], text)


def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def _inline(code: str, tag: str) -> str:
    # a script or style element ends at the first "</script" / "</style": ours must hold none
    if re.search(f"</{tag}", code, re.IGNORECASE) or "<!--" in code:
        raise ValueError(f"an inlined asset contains </{tag} or <!--")
    return code


def _hash(code: str) -> str:
    return (
        "'sha256-"
        + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii")
        + "'"
    )


def render_page(data: dict, title: str, subtitle: str) -> str:
    """The complete HTML document for ``data`` (a :class:`~.network.PageData` as JSON)."""
    vis = _inline(_asset("vis-network/vis-network.min.js"), "script")
    app = _inline(_asset("page.js"), "script")
    css = _inline(_asset("page.css"), "style")
    csp = (
        "default-src 'none'; script-src " + _hash(vis) + " " + _hash(app) + "; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; "
        "frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
    )
    parts = {
        "CSP": html.escape(csp),
        "TITLE": html.escape(title),
        "SUBTITLE": html.escape(subtitle),
        "STYLE": css,
        "DATA": script_json(data),
        "VIS": vis,
        "APP": app,
    }
    # one pass: text put in is never searched for markers again
    return _MARKER.sub(lambda m: parts[m.group(1)], _asset("page.html"))

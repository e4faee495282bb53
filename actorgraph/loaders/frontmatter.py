"""What a document states about itself at its top: ``Title:``, ``Date:``, ``Src:`` lines.

Two shapes are read: a YAML block between ``---`` lines (Jekyll, Hugo, pandoc), and the
``Key: value`` lines that Pelican and MultiMarkdown put before the first blank line. The second
shape is accepted only when every key is a known metadata key and a title or a date is among
them, so that a document opening with ``Chair: ...`` keeps its first line."""

from __future__ import annotations

import re
from datetime import datetime

import yaml

__all__ = ["METADATA_KEYS", "parse_date", "split_front_matter"]

METADATA_KEYS = frozenset(
    """title subtitle date published modified updated author authors src source url link
    tags category categories slug summary description lang language status publisher site
    keywords""".split()
)

_KEY_LINE = re.compile(r"^([A-Za-z][A-Za-z_-]{0,30})\s*:(.*)$")  # the value is stripped after
_YAML_END = re.compile(r"^(?:---|\.\.\.)\s*$", re.MULTILINE)
_YAML_LIMIT = 20_000  # characters: front matter is short; a longer block is not front matter


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split front matter from the body; keys are lowercased.

    >>> split_front_matter("Title: EU ships rescue\\nDate: 2015-05-30 14:12\\n\\nBody.")
    ({'title': 'EU ships rescue', 'date': '2015-05-30 14:12'}, 'Body.')
    >>> split_front_matter("Chair: Pawel Suchanek (Frontex)\\n\\nBody.")[0]
    {}
    """
    stripped = text.lstrip("\n ")
    if stripped.startswith("---"):
        found = _yaml_front_matter(stripped)
        if found:
            return found
    return _key_lines(stripped) or ({}, text)


def _yaml_front_matter(text: str) -> tuple[dict[str, str], str] | None:
    first_newline = text.find("\n")
    if first_newline < 0 or text[:first_newline].strip() != "---":
        return None
    end = _YAML_END.search(text, first_newline + 1, _YAML_LIMIT)
    if end is None:
        return None
    try:
        data = yaml.safe_load(text[first_newline + 1 : end.start()])
    except (yaml.YAMLError, RecursionError):  # "[[[[..." nests past Python's stack (issue 7)
        return None
    if not isinstance(data, dict) or not data:
        return None
    meta = {str(k).lower(): _as_text(v) for k, v in data.items() if v is not None}
    return meta, text[end.end() :].lstrip("\n")


def _as_text(value, depth: int = 0) -> str:
    if isinstance(value, (list, tuple)):  # bounded: YAML aliases can nest lists exponentially
        return ", ".join(_as_text(v, depth + 1) for v in value[:50]) if depth < 2 else ""
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_as_text(v, depth + 1)}" for k, v in list(value.items())[:50]) \
            if depth < 2 else ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value).strip()


def _key_lines(text: str) -> tuple[dict[str, str], str] | None:
    meta: dict[str, str] = {}
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not line.strip():
            break
        m = _KEY_LINE.match(line)
        if m is None or m.group(1).lower() not in METADATA_KEYS:
            return None
        meta[m.group(1).lower()] = m.group(2).strip()
    else:
        i = len(lines)
    if not meta or not ({"title", "date"} & meta.keys()):
        return None
    return meta, "\n".join(lines[i:]).lstrip("\n")


_DATE_FORMATS = (
    "%Y-%m-%d", "%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y",
    "%d.%m.%Y", "%Y%m%d",
)
_ISO_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]|$)")


def parse_date(value: str | None) -> str | None:
    """An ISO date (``YYYY-MM-DD``) from a metadata value, or None if it cannot be read.

    >>> parse_date("2015-05-30 14:12"), parse_date("30 May 2015"), parse_date("soon")
    ('2015-05-30', '2015-05-30', None)
    """
    if not value:
        return None
    value = value.strip().strip("'\"")
    m = _ISO_PREFIX.match(value)
    candidates = [f"{m.group(1)}-{m.group(2)}-{m.group(3)}"] if m else []
    candidates.append(value)
    for candidate in candidates:
        for fmt in _DATE_FORMATS:
            try:
                return datetime.strptime(candidate, fmt).date().isoformat()
            except ValueError:
                continue
    return None

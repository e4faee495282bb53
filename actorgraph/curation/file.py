"""The curation file: a YAML list of decisions, one block per decision, in the order they were made.

Why YAML rather than JSON lines: analysts read it, review it in a diff and may edit it by hand
(fix a note, drop a decision), and a block of short ``key: value`` lines reads and diffs better
than one long JSON line per decision; the ontology and the vocabulary are YAML already. Each
decision's keys come in a fixed order and new decisions go at the end, so two analysts' changes
merge like any text. Comments written by hand are not kept when a command rewrites the file:
use a decision's ``note``.

By default the file is ``curation.yaml`` beside the store directory (in the store's parent);
``--curation PATH`` or ``$ACTORGRAPH_CURATION`` choose another.
"""

from __future__ import annotations

__all__ = ["ENV_VAR", "FILE_NAME", "curation_path", "load_decisions", "save_decisions", "current_user",
           "now", "next_id"]

import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from actorgraph.curation.model import CurationError, Decision

ENV_VAR = "ACTORGRAPH_CURATION"
USER_VAR = "ACTORGRAPH_USER"
FILE_NAME = "curation.yaml"

_HEADER = """\
# actorgraph curation decisions: corrections made by hand, re-applied after every build.
# One block per decision, oldest first. Written by actorgraph merge / split / rename / retype /
# alias / identify / reject / assert / modality / distinct; list and undo with actorgraph curation.
# See docs/curation.md. Comments added here are not kept: use a decision's note.
"""


def curation_path(store_location, given: str | os.PathLike | None = None) -> Path:
    """Where the curation file of a store is: ``given``, else ``$ACTORGRAPH_CURATION``, else
    ``curation.yaml`` beside the store directory (in the current directory for a SPARQL
    server)."""
    if given:
        return Path(given).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    from actorgraph.graph.store import is_url

    if is_url(store_location):
        return Path.cwd() / FILE_NAME
    return Path(store_location).expanduser().absolute().parent / FILE_NAME


def load_decisions(path: Path) -> list[Decision]:
    """The decisions of a curation file, in order (none when the file does not exist).

    Raises
    ------
    CurationError
        When the file is not a list of decisions, or two decisions share an id.
    """
    path = Path(path)
    if not path.exists():
        return []
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise CurationError(f"cannot read the curation file {path}: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise CurationError(f"the curation file {path} is not valid YAML{where}: fix it by hand or "
                            "restore it from version control") from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise CurationError(f"the curation file {path} must be a list of decisions (lines starting with '- ')")
    decisions, seen = [], {}
    for i, item in enumerate(data, 1):
        ident = item.get("id") if isinstance(item, dict) else None
        decision = Decision.from_dict(item, f"{path.name}, decision {ident if ident is not None else '#' + str(i)}")
        if decision.id in seen:
            raise CurationError(f"{path.name}: two decisions have the id {decision.id} (entries {seen[decision.id]} "
                                f"and {i}); give one of them an unused id")
        seen[decision.id] = i
        decisions.append(decision)
    return decisions


def save_decisions(path: Path, decisions: list[Decision]) -> None:
    """Write the curation file atomically (a temporary file renamed over the old one)."""
    import yaml

    path = Path(path)
    body = yaml.safe_dump([d.to_dict() for d in decisions], sort_keys=False, allow_unicode=True,
                          width=100, default_flow_style=False) if decisions else "[]\n"
    text = _HEADER + body
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def current_user() -> str:
    """Who makes a decision: ``$ACTORGRAPH_USER``, else the login name."""
    user = os.environ.get(USER_VAR, "").strip()
    if user:
        return user
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no login name (a container without a user entry)
        return "unknown"


def now() -> str:
    """The current UTC time, to the second: ``2025-01-02T10:00:00Z``."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def next_id(decisions: list[Decision]) -> int:
    return max((d.id for d in decisions), default=0) + 1

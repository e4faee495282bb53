"""The errors actorgraph raises on purpose, and the exit codes of the command line.

Each error carries a message a user can act on; the CLI (:func:`actorgraph.cli.main`) maps each
class to an exit code in one place and prints the message as one line on stderr,
``actorgraph: error: ...`` (``--debug`` prints the traceback before it; the code stays the same).

Exit codes:

====  ===================  ==========================================================================
code  name                 when
====  ===================  ==========================================================================
0     ok                   the command did what it was asked; also when the reader of its output
                           stops early (``actorgraph entities | head -1``): it stops quietly,
                           not with 1 (click's) nor 141 (SIGPIPE), which ``set -o pipefail``
                           would take for a failure
1     user error           :class:`UnknownEntity` (no entity or document of that name, or several),
                           any other :class:`ActorGraphError`; a file that cannot be read or
                           written (``OSError``: a full disk, a missing directory)
2     usage error          an unknown command or option, a bad option value (click), or
                           :class:`UnknownFormat`
3     data error           :class:`DocumentError`: a document could not be loaded, or is over
                           ``build --max-size`` (``build`` still loads the others, then exits 3)
4     store error          :class:`StoreError`: the store is locked by another writer, is not a
                           store, cannot be opened
70    internal error       an exception that is not one of these: a bug (EX_SOFTWARE of sysexits.h)
130   interrupted          Ctrl-C (SIGINT); what was written before stays whole
====  ===================  ==========================================================================
"""

from __future__ import annotations

import re

__all__ = [
    "EXIT_CODES",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "ActorGraphError",
    "DocumentError",
    "StoreError",
    "UnknownEntity",
    "UnknownFormat",
    "one_line",
]

#: An exception that is none of the classes below: a bug.
EXIT_INTERNAL = 70
#: Interrupted by the user (128 + SIGINT, as shells report it).
EXIT_INTERRUPTED = 130


class ActorGraphError(Exception):
    """Base class of every error actorgraph raises deliberately."""

    exit_code = 1


class DocumentError(ActorGraphError):
    """A document cannot be read or holds no usable text."""

    exit_code = 3


class UnknownEntity(ActorGraphError):
    """A name matches no entity, or more than one."""


class UnknownFormat(ActorGraphError):
    """An output or input format is not known."""

    exit_code = 2


class StoreError(ActorGraphError):
    """The store cannot be opened, is locked by another process, or is damaged."""

    exit_code = 4


#: Every exit code and what it means (the table above, as data: docs and tests read it).
EXIT_CODES: dict[int, str] = {
    0: "ok (also when the output is closed early, as by `head -1`)",
    1: "user error (an unknown or ambiguous name, with the closest matches)",
    2: "usage error (unknown command or option, bad option value, unknown format)",
    3: "data error (a document could not be loaded; the others still were)",
    4: "store error (locked by another writer, not a store, cannot be opened)",
    EXIT_INTERNAL: "internal error (a bug: please report it, with the output of --debug)",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C)",
}

# Line breaks and other control characters (a name typed with a newline, a terminal escape
# sequence copied from a document) would break the one-line message or act on the terminal.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(message: str) -> str:
    """The message on one line, its control characters shown as escapes.

    >>> one_line("no entity named 'Euro\\npol\\x1b[31m'")
    "no entity named 'Euro\\\\npol\\\\x1b[31m'"
    """
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], message)

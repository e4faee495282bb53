"""The errors actorgraph raises on purpose. Each carries a message a user can act on; the CLI
maps each class to an exit code in one place (``cli.py``)."""


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

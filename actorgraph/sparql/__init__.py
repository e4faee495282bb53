"""SPARQL for analysts: a user's query against the store (read-only unless asked), the named
queries shipped in ``library/``, and the read-only SPARQL 1.1 Protocol endpoint (``serve``).

Only pyoxigraph is imported here; the endpoint's modules load when ``serve`` runs.
"""

from actorgraph.sparql.library import (
    BadParameter,
    NamedQuery,
    Param,
    UnknownQuery,
    bind,
    get,
    named_queries,
)
from actorgraph.sparql.run import (
    PREFIXES,
    RESULT_FORMATS,
    QuerySyntaxError,
    UpdateRefused,
    is_update,
    read_query_text,
    run_query,
    run_update,
    write_result,
)

__all__ = [
    "PREFIXES",
    "RESULT_FORMATS",
    "BadParameter",
    "NamedQuery",
    "Param",
    "QuerySyntaxError",
    "UnknownQuery",
    "UpdateRefused",
    "bind",
    "get",
    "is_update",
    "named_queries",
    "read_query_text",
    "run_query",
    "run_update",
    "write_result",
]

"""SPARQL, named queries, exports, import, validation and the endpoint (issue 4)."""

"""Robustness (issue 7): hostile documents, property-based tests, kill -9 during a build,
concurrent writers, injection through names, and the exit-code contract.

What was tried and what held is summed up in docs/reliability.md."""

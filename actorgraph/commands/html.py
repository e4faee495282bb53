"""The interactive HTML network: `actorgraph html` (issue 3)."""

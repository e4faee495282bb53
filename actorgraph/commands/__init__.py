"""CLI commands beyond the core ones of ``cli.py``, one module per topic. Each module adds its
commands to :data:`actorgraph.cli.cli`; ``cli.py`` imports them at its end. A command module
imports only click at import time: heavy libraries are imported inside the commands."""

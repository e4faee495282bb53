"""Shared fixtures: a store built once per session from the bundled report, and a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="session")
def built_store(tmp_path_factory) -> Path:
    """A store holding the bundled report (built once; copy it before writing to it)."""
    from actorgraph.graph.build import build

    path = tmp_path_factory.mktemp("store") / "store"
    report = build(None, path)
    assert report.ok and len(report.loaded) == 1
    return path


def copy_store(source: Path, target: Path) -> Path:
    """A copy of the store at ``source`` at ``target``, to write to."""
    shutil.copytree(source, target)
    (target / "LOCK").unlink(missing_ok=True)
    return target


@pytest.fixture
def store_copy(built_store, tmp_path) -> Path:
    return copy_store(built_store, tmp_path / "store")


@pytest.fixture
def run(monkeypatch):
    """Run the CLI in-process: ``run("--store", path, "cooperates", "Europol")``."""
    from actorgraph.cli import main

    def invoke(*args: str):
        runner = CliRunner()
        return runner.invoke(_Main(main), [str(a) for a in args], catch_exceptions=False)

    return invoke


class _Main:
    """Adapts :func:`actorgraph.cli.main` (which maps errors to exit codes) to CliRunner."""

    def __init__(self, main):
        self.main_func = main
        self.name = "actorgraph"

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        self.main_func(list(args or []))


def store_with_decisions(built_store: Path, directory: Path, decisions) -> Path:
    """A copy of ``built_store`` in ``directory`` with each decision (the arguments of one
    curation command, such as ``("merge", "A", "B")``) made through the CLI by "jdoe"."""
    from actorgraph.cli import main

    store = copy_store(built_store, directory / "store")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ACTORGRAPH_USER", "jdoe")
        mp.delenv("ACTORGRAPH_CURATION", raising=False)
        for args in decisions:
            result = CliRunner().invoke(_Main(main), ["--store", str(store), *args], catch_exceptions=False)
            assert result.exit_code == 0, (args, result.output)
    return store
